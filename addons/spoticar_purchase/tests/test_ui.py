# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import SpoticarPurchaseCommon


@tagged("post_install", "-at_install")
class TestUi(HttpCase, SpoticarPurchaseCommon):
    def test_appraisal_to_register_tour(self):
        """Appraisal from a proposal, approval, trade-in, reception, register seen and printed."""
        self.company.write({"spoticar_appraisal_margin": 15.0, "spoticar_appraisal_limit": 5000.0})
        order = self._create_order(self.vehicle_308, partner=self.seller_private)
        self.start_tour(
            f"/odoo/action-sale.action_quotations/{order.id}",
            "spoticar_purchase_appraisal_tour",
            login=self.user_salesperson.login,
        )
        appraisal = order.spoticar_appraisal_ids
        self.assertEqual(appraisal.state, "to_approve")
        self.assertEqual(appraisal.license_plate, "FB-321-KC")
        self.start_tour(
            f"/odoo/action-spoticar_purchase.spoticar_appraisal_action/{appraisal.id}",
            "spoticar_purchase_approval_tour",
            login=self.user_manager.login,
        )
        self.assertEqual(appraisal.state, "accepted")
        self.assertEqual(appraisal.approved_by_id, self.user_manager)
        vehicle = appraisal.product_tmpl_id
        self.assertEqual(order.trade_in_vehicle_id.product_tmpl_id, vehicle)
        vehicle.with_user(self.user_salesperson).action_vehicle_receive()
        entry = vehicle.register_entry_ids
        self.assertEqual(entry.kind, "trade_in")
        Report = type(self.env["ir.actions.report"])
        rendered = []
        render = Report._render_qweb_pdf

        def spy_render(report, report_ref, res_ids=None, data=None):
            rendered.append((str(report_ref), list(res_ids or [])))
            return render(report, report_ref, res_ids=res_ids, data=data)

        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        with patch.object(Report, "_render_qweb_pdf", spy_render):
            self.start_tour(
                "/odoo/action-spoticar_purchase.spoticar_register_entry_action",
                "spoticar_purchase_register_tour",
                login=self.user_manager.login,
            )
        self.assertIn("spoticar_purchase.report_register", [ref for ref, _ids in rendered])
