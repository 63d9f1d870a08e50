# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Command


class SpoticarAppraisal(models.Model):
    _inherit = "spoticar.appraisal"

    @api.model
    def _spoticar_create_demo(self, company_id):
        """The tutorial's trade-in and two purchases, received: three livre de police entries."""
        company = self.env["res.company"].browse(company_id)
        env = (
            self.with_company(company)
            .with_context(allowed_company_ids=company.ids, tracking_disable=True)
            .env
        )
        ref = self.env.ref
        dupont = ref("spoticar_sale.customer_rennes_demo")
        order = env["sale.order"].search(
            [
                ("partner_id", "=", dupont.id),
                ("company_id", "=", company.id),
                ("state", "in", ("draft", "sent")),
                ("trade_in_vehicle_id", "=", False),
            ],
            limit=1,
        )
        Appraisal = env["spoticar.appraisal"]
        if order:
            trade_in = Appraisal.create(
                {
                    "sale_order_id": order.id,
                    "partner_id": dupont.id,
                    "license_plate": "CX-418-LB",
                    "vehicle_version_id": ref("spoticar_stock.version_c3_pt83_demo").id,
                    "first_registration_date": "2017-03-21",
                    "mileage": 98000,
                    "vehicle_color": "Blanc Banquise",
                    "registration_type": "M1C3PT83S",
                    "condition_bodywork": "average",
                    "condition_tyres": "good",
                    "condition_interior": "good",
                    "condition_mechanics": "good",
                    "doc_registration": True,
                    "doc_technical_inspection": True,
                    "doc_service_book": True,
                    "market_value": 7200.0,
                    "market_value_source": "argus",
                    "repair_line_ids": [
                        Command.create({"name": "Bouclier avant rayé", "amount": 280.0}),
                        Command.create({"name": "Vidange et filtres", "amount": 160.0}),
                    ],
                }
            )
            trade_in.action_submit()
            trade_in.action_accept_trade_in()
            trade_in.product_tmpl_id.action_vehicle_receive()
        purchases = (
            (
                ref("spoticar_sale.customer_paris_demo"),
                "spoticar_stock.version_p2008_pt130_demo",
                {"license_plate": "FN-732-RT", "first_registration_date": "2019-10-08"},
                61000,
                "Gris Platinium",
                14500.0,
                "transfer",
            ),
            (
                ref("spoticar_sale.customer_professional_demo"),
                "spoticar_stock.version_ppartner_bh100_demo",
                {"license_plate": "FG-905-KS", "first_registration_date": "2019-05-15"},
                112000,
                "Blanc",
                9800.0,
                "cheque",
            ),
        )
        for seller, version, vals, mileage, color, market_value, payment_mode in purchases:
            appraisal = Appraisal.create(
                dict(
                    vals,
                    partner_id=seller.id,
                    vehicle_version_id=ref(version).id,
                    mileage=mileage,
                    vehicle_color=color,
                    market_value=market_value,
                    market_value_source="lacentrale",
                    payment_mode=payment_mode,
                    doc_registration=True,
                    doc_technical_inspection=True,
                )
            )
            appraisal.action_submit()
            appraisal.action_accept_purchase()
            purchase = appraisal.purchase_order_id
            purchase.button_confirm()
            picking = purchase.picking_ids
            picking.move_ids.quantity = 1.0
            picking.move_ids.picked = True
            picking.button_validate()
        return True
