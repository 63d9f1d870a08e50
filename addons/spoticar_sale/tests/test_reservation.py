# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestVehicleReservation(SpoticarSaleCommon):
    def test_sold_once_and_released_on_cancel(self):
        order_a = self._create_order(self.vehicle_308)
        order_b = self._create_order(self.vehicle_308)
        order_a.action_confirm()
        self.assertEqual(self.vehicle_308.vehicle_state, "reserved")
        with self.assertRaisesRegex(UserError, "already sold on order"):
            order_b.action_confirm()
        self.assertEqual(order_b.state, "draft")
        order_a._action_cancel()
        self.assertEqual(self.vehicle_308.vehicle_state, "stock")
        order_b.action_confirm()
        self.assertEqual(order_b.state, "sale")
        self.assertEqual(self.vehicle_308.vehicle_state, "reserved")

    def test_same_vehicle_twice_in_one_batch(self):
        orders = self._create_order(self.vehicle_308) | self._create_order(self.vehicle_308)
        with self.assertRaisesRegex(UserError, "sold only once"):
            orders.action_confirm()

    def test_archived_vehicle_not_sold(self):
        order = self._create_order(self.vehicle_308)
        self.vehicle_308.action_archive()
        with self.assertRaisesRegex(UserError, "archived"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertNotEqual(self.vehicle_308.vehicle_state, "reserved")
        # Nor under another record with its plate and VIN.
        with self.assertRaises(ValidationError):
            self._create_vehicle(
                license_plate=self.vehicle_308.license_plate, vin=self.vehicle_308.vin
            )
        self.vehicle_308.action_unarchive()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_sold_vehicle_refused(self):
        self.vehicle_308._vehicle_set_state("sold")
        with self.assertRaisesRegex(UserError, "already sold"):
            self._create_order(self.vehicle_308).action_confirm()


@tagged("post_install", "-at_install")
class TestVehicleReservationConcurrency(BaseCase):
    """Two users confirm two orders of the same vehicle at the same moment.

    The data is committed (two real database transactions need to see it), then removed.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            env = env(context={"allowed_company_ids": company.ids, "tracking_disable": True})
            partner = env["res.partner"].create(
                {
                    "l10n_fr_customer_type": "individual",
                    "lastname": "CONCURRENCE",
                    "zip": "35000",
                    "city": "Rennes",
                    "country_id": env.ref("base.fr").id,
                }
            )
            vehicle = env["product.template"].create(
                {
                    "name": "Peugeot 308 SW concurrency test",
                    "is_vehicle": True,
                    "company_id": company.id,
                    "license_plate": "ZZ-987-ZY",
                    "vin": "VF3LBHNZ6JS987987",
                    "energy": "diesel",
                    "fiscal_power": 6,
                    "first_registration_date": date(2014, 11, 10),
                    "list_price": 10000.0,
                    "purchase_price": 7000.0,
                }
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "sale_date": date(2021, 11, 1),
                        "order_line": [
                            Command.create({"product_id": vehicle.product_variant_id.id})
                        ],
                    }
                    for _i in range(2)
                ]
            )
            self.partner_id, self.vehicle_id = partner.id, vehicle.id
            self.order_a_id, self.order_b_id = orders.ids
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            orders = env["sale.order"].browse([self.order_a_id, self.order_b_id]).exists()
            orders.filtered(lambda o: o.state == "sale")._action_cancel()
            pickings = orders.picking_ids
            pickings.move_ids.filtered(lambda m: m.state != "cancel")._action_cancel()
            pickings.unlink()
            orders.unlink()
            env["product.template"].browse(self.vehicle_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _env(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        return env(context={"allowed_company_ids": company.ids, "tracking_disable": True})

    def test_concurrent_confirmations(self):
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            # User 2 works in French (activated in his transaction only, rolled back below).
            env2["res.lang"]._activate_lang("fr_FR")
            env2 = env2(context=dict(env2.context, lang="fr_FR"))
            # Both users have the order open: their transactions have started.
            env1["sale.order"].browse(self.order_a_id).state  # noqa: B018
            env2["sale.order"].browse(self.order_b_id).state  # noqa: B018
            # User 1 confirms: the vehicle row is locked until the commit.
            env1["sale.order"].browse(self.order_a_id).action_confirm()
            # User 2 confirms at the same moment: refused at once, not blocked, in French, and
            # the expected conflict is not logged as an error.
            with (
                self.assertNoLogs("odoo.sql_db", level="ERROR"),
                self.assertRaisesRegex(
                    UserError,
                    "^Le véhicule .* est en cours de réservation par une autre commande",
                ),
            ):
                env2["sale.order"].browse(self.order_b_id).action_confirm()
            cr2.rollback()
            self.registry.reset_changes()  # no cached trace of the rolled back French
            cr1.commit()
            # User 2 tries again after user 1's commit: the vehicle is sold.
            env2 = self._env(cr2)
            with self.assertRaisesRegex(UserError, "already sold"):
                env2["sale.order"].browse(self.order_b_id).action_confirm()
            cr2.rollback()
        finally:
            cr1.close()
            cr2.close()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.assertEqual(env["sale.order"].browse(self.order_a_id).state, "sale")
            self.assertEqual(env["sale.order"].browse(self.order_b_id).state, "draft")
            self.assertEqual(
                env["product.template"].browse(self.vehicle_id).vehicle_state, "reserved"
            )
