# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class of the spoticar_sale tests (no demo data needed).

    from odoo.addons.spoticar_sale.tests.common import SpoticarSaleCommon

On top of SpoticarStockCommon: ``cls.customer_rennes`` (an individual in Rennes),
``cls.vehicle_308`` (the tutorial's Peugeot 308 SW 6 CV diesel of 11/2014, DL-342-MP, in stock
at 10 000 euros TTC, margin scheme), ``cls._create_customer(**vals)`` and
``cls._create_order(vehicle, partner=None, **vals)``.
"""

from datetime import date

from odoo.fields import Command

from odoo.addons.spoticar_stock.tests.common import SpoticarStockCommon


class SpoticarSaleCommon(SpoticarStockCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
                tracking_disable=True,
            )
        )
        cls.company = cls.company.with_env(cls.env)
        cls.fr = cls.env.ref("base.fr")
        cls.customer_rennes = cls._create_customer(
            lastname="DUPONT",
            firstname="Jean",
            street="1 place de la Mairie",
            zip="35000",
            city="Rennes",
        )
        cls.vehicle_308 = cls._create_vehicle(
            license_plate="DL-342-MP",
            vehicle_version_id=cls.version_308_sw_115,
            first_registration_date=date(2014, 11, 10),
            model_year=2014,
            mileage=190000,
            mileage_guaranteed=False,
            list_price=10000.0,
            purchase_price=7000.0,
            vat_regime="margin",
        )

    @classmethod
    def _create_customer(cls, **vals):
        values = {
            "l10n_fr_customer_type": "individual",
            "country_id": cls.env.ref("base.fr").id,
            "email": "client@example.com",
        }
        values.update(vals)
        return cls.env["res.partner"].create(values)

    @classmethod
    def _create_order(cls, vehicle, partner=None, **vals):
        product = vehicle.product_variant_id if vehicle._name == "product.template" else vehicle
        values = {
            "partner_id": (partner or cls.customer_rennes).id,
            "company_id": cls.company.id,
            "sale_date": date(2021, 11, 1),
            "delivery_date": date(2021, 11, 15),
            "order_line": [Command.create({"product_id": product.id})],
        }
        values.update(vals)
        return cls.env["sale.order"].create(values)

    def _fee_amounts(self, order):
        """{code: amount} of the carte grise lines of ``order``."""
        return {
            line.registration_tax_code: round(line.price_total, 2)
            for line in order.order_line.filtered("is_registration_fee")
        }
