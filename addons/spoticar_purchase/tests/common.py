# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class of the spoticar_purchase tests (no demo data needed).

On top of SpoticarSaleCommon: ``cls.seller_private`` (a private person with an identity card),
``cls.seller_pro`` (a garage with its SIRET), ``cls._create_incoming_vehicle(**vals)`` and
``cls._purchase(vehicle, seller, price, payment_mode)`` (a confirmed purchase order) and
``self._receive(order)`` (its reception validated).
"""

from datetime import date

from odoo.fields import Command

from odoo.addons.spoticar_sale.tests.common import SpoticarSaleCommon


class SpoticarPurchaseCommon(SpoticarSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller_private = cls._create_customer(
            lastname="MARTIN",
            firstname="Paul",
            street="4 rue de Brest",
            zip="35000",
            city="Rennes",
        )
        cls.env["res.partner.id_number"].create(
            {
                "partner_id": cls.seller_private.id,
                "category_id": cls.env.ref("spoticar_sale.id_category_identity_card").id,
                "name": "X4RTBPFW4",
                "date_issued": date(2019, 3, 12),
                "place_issuance": "Préfecture d'Ille-et-Vilaine",
            }
        )
        cls.seller_pro = cls.env["res.partner"].create(
            {
                "name": "Garage du Centre",
                "is_company": True,
                "l10n_fr_customer_type": "professional",
                "company_registry": "73282932000074",
                "street": "12 avenue Janvier",
                "zip": "35000",
                "city": "Rennes",
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls._plate_index = 0

    @classmethod
    def _create_incoming_vehicle(cls, **vals):
        cls._plate_index += 1
        values = {
            "is_vehicle": True,
            "vehicle_state": "incoming",
            "vehicle_version_id": cls.version_308_sw_115.id,
            "first_registration_date": date(2018, 5, 4),
            "model_year": 2018,
            "mileage": 85000,
            "license_plate": f"FA-{cls._plate_index:03d}-PA",
            "vehicle_color": "Gris Artense",
            "registration_type": "M10PEUG1234",
            "purchase_ok": True,
            "company_id": cls.company.id,
        }
        values.update(vals)
        return cls.env["product.template"].create(values)

    @classmethod
    def _purchase(cls, vehicle, seller, price, payment_mode="transfer", confirm=True):
        order = cls.env["purchase.order"].create(
            {
                "partner_id": seller.id,
                "company_id": cls.company.id,
                "spoticar_payment_mode": payment_mode,
                "order_line": [
                    Command.create(
                        {
                            "product_id": vehicle.product_variant_id.id,
                            "product_qty": 1.0,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order

    def _receive(self, order):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.move_ids.quantity = 1.0
        picking.move_ids.picked = True
        picking.button_validate()
        return picking
