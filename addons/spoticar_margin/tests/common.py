# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class of the spoticar_margin tests (no demo data needed).

On top of SpoticarPurchaseCommon: ``cls._add_cost(vehicle, amount, category)``,
``cls._sell(vehicle)`` (a confirmed order of the vehicle by the salesperson) and
``cls._declare_warranty(order)`` (a declared warranty of that order, set as the Centralisateur's
answer sets it).
"""

from datetime import date

from odoo.fields import Command

from odoo.addons.spoticar_purchase.tests.common import SpoticarPurchaseCommon
from odoo.addons.spoticar_warranty.tests.common import SpoticarWarrantyCommon


class SpoticarMarginCommon(SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "spoticar_dealer_code": "953617Z",
                "spoticar_icare_identifier": "ICARE-TEST",
                "spoticar_guarantor_stellantis": True,
            }
        )
        sale_group = cls.env.ref("sales_team.group_sale_salesman")
        (cls.user_salesperson | cls.user_manager).write(
            {"group_ids": [Command.link(sale_group.id)]}
        )
        cls.product_premium = cls.env.ref("spoticar_warranty.product_spoticar_premium")

    @classmethod
    def _add_cost(cls, vehicle, amount, category="repairs", **vals):
        return cls.env["spoticar.vehicle.cost"].create(
            dict(
                {
                    "product_tmpl_id": vehicle.id,
                    "category": category,
                    "amount": amount,
                    "name": f"{category} {amount}",
                },
                **vals,
            )
        )

    @classmethod
    def _sell(cls, vehicle, user=None, sale_date=date(2026, 3, 2)):
        order = cls._create_order(
            vehicle, user_id=(user or cls.user_salesperson).id, sale_date=sale_date
        )
        order.action_confirm()
        return order

    @classmethod
    def _declare_warranty(cls, order):
        vehicle = order.vehicle_id
        vals = SpoticarWarrantyCommon._warranty_vals.__func__(
            cls,
            sale_order_id=order.id,
            license_plate=vehicle.license_plate,
            vin=vehicle.vin,
        )
        Warranty = cls.env["spoticar.warranty"]
        warranty = Warranty.create({k: v for k, v in vals.items() if k in Warranty._fields})
        warranty._spoticar_write_protected(
            {"state": "declared", "declaration_number": f"SP953617Z{order.id:09d}"}
        )
        return warranty
