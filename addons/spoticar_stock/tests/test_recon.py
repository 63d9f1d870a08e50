# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 15: the reconditioning stage and the vehicles available for sale."""

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from spoticar_core import stock

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestRecon(SpoticarStockCommon):
    def test_stages_are_the_core_vocabulary(self):
        field = self.env["product.template"]._fields["spoticar_recon_state"]
        self.assertEqual(tuple(key for key, _label in field.selection), stock.RECON_STATE_KEYS)

    def test_a_new_vehicle_is_to_prepare_and_not_available(self):
        Product = self.env["product.template"].with_user(self.user_salesperson)
        vals = self._vehicle_vals()
        del vals["purchase_price"]
        del vals["spoticar_recon_state"]
        vehicle = Product.create(vals)
        vehicle.action_vehicle_receive()
        self.assertEqual(vehicle.vehicle_state, "stock")
        self.assertEqual(vehicle.spoticar_recon_state, "to_prepare")
        available = Product._spoticar_available_domain()
        self.assertNotIn(vehicle, Product.search(available))
        vehicle.action_spoticar_recon_start()
        self.assertEqual(vehicle.spoticar_recon_state, "in_preparation")
        self.assertNotIn(vehicle, Product.search(available))
        vehicle.action_spoticar_recon_ready()
        self.assertIn(vehicle, Product.search(available))

    def test_available_means_in_stock_ready_and_not_reserved(self):
        ready = self._create_vehicle()
        incoming = self._create_vehicle(in_stock=False)
        reserved = self._create_vehicle()
        reserved._vehicle_set_state("reserved")
        found = self.env["product.template"].search(
            self.env["product.template"]._spoticar_available_domain()
        )
        self.assertIn(ready, found)
        self.assertNotIn(incoming, found)
        self.assertNotIn(reserved, found)

    def test_stock_vo_shows_the_vehicles_ready_for_sale_by_default(self):
        action = self.env.ref("spoticar_stock.product_template_vehicle_action")
        context = safe_eval(action.context)
        self.assertEqual(context.get("search_default_ready_for_sale"), 1)
        self.assertNotIn("search_default_in_stock", context)
        arch = action.search_view_id.with_context(lang="en_US").get_combined_arch()
        self.assertIn('name="ready_for_sale"', arch)
