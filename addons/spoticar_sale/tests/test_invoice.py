# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestInvoice(SpoticarSaleCommon):
    """Invoice of a margin-scheme sale (the generic chart: l10n_fr_account is not a dependency)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )

    def test_margin_scheme_invoice(self):
        order = self._create_order(self.vehicle_308)
        road = self.env.ref("spoticar_sale.product_road_preparation")
        self.company._spoticar_setup_taxes()
        order.order_line = [Command.create({"product_id": road.id})]
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertIn("Régime particulier – Biens d'occasion", invoice.taxes_legal_notes)
        vehicle_line = invoice.invoice_line_ids.filtered(lambda line: line.product_id.is_vehicle)
        self.assertEqual(vehicle_line.price_total, 10000.0)
        self.assertEqual(vehicle_line.price_total - vehicle_line.price_subtotal, 0.0)
        fee_lines = invoice.invoice_line_ids.filtered(
            lambda line: line.sale_line_ids.is_registration_fee
        )
        self.assertEqual(len(fee_lines), 3)
        self.assertFalse(fee_lines.tax_ids, "The carte grise is a disbursement outside VAT")
        # 10 000 (margin scheme) + 319.76 (carte grise) + 250 TTC of road preparation
        self.assertAlmostEqual(invoice.amount_total, 10569.76, places=2)
        self.assertAlmostEqual(invoice.amount_tax, 41.67, places=2)
