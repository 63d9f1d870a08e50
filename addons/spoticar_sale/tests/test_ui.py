# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, SpoticarSaleCommon):
    def test_sale_tour(self):
        """Create a customer from the order, add the vehicle, see the carte grise lines, confirm."""
        vehicle = self._create_vehicle(
            name="Peugeot Tour 308 SW",
            vehicle_version_id=self.version_308_sw_115,
            first_registration_date="2014-11-10",
            list_price=10000.0,
        )
        Report = type(self.env["ir.actions.report"])
        rendered = []
        render = Report._render_qweb_pdf

        def spy_render(report, report_ref, res_ids=None, data=None):
            rendered.append((str(report_ref), list(res_ids or [])))
            return render(report, report_ref, res_ids=res_ids, data=data)

        with patch.object(Report, "_render_qweb_pdf", spy_render):
            self.start_tour("/odoo", "spoticar_sale_tour", login=self.user_salesperson.login)
        order = self.env["sale.order"].search([("partner_id.lastname", "=", "MARTIN")])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.vehicle_id, vehicle.product_variant_id)
        self.assertEqual(order.partner_id.l10n_fr_customer_type, "individual")
        self.assertEqual(len(order.order_line.filtered("is_registration_fee")), 3)
        self.assertEqual(vehicle.vehicle_state, "reserved")
        self.assertIn(
            ("spoticar_sale.report_vehicle_order", order.ids), rendered, "The order form is printed"
        )


@tagged("post_install", "-at_install")
class TestUiPhone(HttpCase, SpoticarSaleCommon):
    browser_size = "390x844"

    def test_phone_vehicle_order_buttons(self):
        """At a phone's width the next step of a vehicle order is the one visible button."""
        order = self._create_order(self.vehicle_308, user_id=self.user_salesperson.id)
        self.assertEqual(len(order.order_line.filtered("is_registration_fee")), 3)
        Report = type(self.env["ir.actions.report"])
        rendered = []
        render = Report._render_qweb_pdf

        def spy_render(report, report_ref, res_ids=None, data=None):
            rendered.append((str(report_ref), list(res_ids or [])))
            return render(report, report_ref, res_ids=res_ids, data=data)

        url = "/odoo/action-spoticar_sale.sale_order_action_spoticar/%d" % order.id
        with patch.object(Report, "_render_qweb_pdf", spy_render):
            self.start_tour(url, "spoticar_sale_phone_tour", login=self.user_salesperson.login)
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            rendered,
            [("spoticar_sale.report_vehicle_order", order.ids)],
            "The visible print button prints the order form, not the generic quotation",
        )


@tagged("post_install", "-at_install")
class TestUiFormalities(HttpCase, SpoticarSaleCommon):
    def test_formalities_tour(self):
        """Confirm, print the sale certificate, deliver (refused without a recent contrôle
        technique, in French), enter the contrôle technique, deliver."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["spoticar_sale", "spoticar_stock"], ["fr_FR"], overwrite=True
        )
        self.user_salesperson.lang = "fr_FR"
        order = self._create_order(self.vehicle_308, user_id=self.user_salesperson.id)
        Report = type(self.env["ir.actions.report"])
        rendered = []
        render = Report._render_qweb_pdf

        def spy_render(report, report_ref, res_ids=None, data=None):
            rendered.append((str(report_ref), list(res_ids or [])))
            return render(report, report_ref, res_ids=res_ids, data=data)

        url = "/odoo/action-spoticar_sale.sale_order_action_spoticar/%d" % order.id
        with patch.object(Report, "_render_qweb_pdf", spy_render):
            self.start_tour(
                url, "spoticar_sale_formalities_tour", login=self.user_salesperson.login
            )
        self.assertEqual(order.state, "sale")
        self.assertIn(("spoticar_sale.report_sale_certificate", order.ids), rendered)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(self.vehicle_308.inspection_result, "favourable")
        self.assertEqual(self.vehicle_308.vehicle_state, "delivered")
