# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestAccess(SpoticarSaleCommon):
    def test_salesperson_sells(self):
        env = self.env(user=self.user_salesperson)
        partner = env["res.partner"].create(
            {
                "l10n_fr_customer_type": "individual",
                "lastname": "VENDU",
                "zip": "35000",
                "country_id": self.fr.id,
            }
        )
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "sale_date": "2021-11-01",
                "order_line": [
                    Command.create({"product_id": self.vehicle_308.product_variant_id.id})
                ],
            }
        )
        self.assertEqual(order.company_id, self.company)
        self.assertEqual(self._fee_amounts(order)["Y1"], 306.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.vehicle_308.vehicle_state, "reserved")
        with self.assertRaises(AccessError):
            order.read(["margin_vat_amount"])
        self.assertEqual(order.with_user(self.user_manager).margin_vat_amount, 500.0)

    def test_other_company_hidden(self):
        vehicle_2 = self._create_vehicle(company_id=self.company_2.id)
        partner = self._create_customer(lastname="NANTAIS", zip="44000")
        order_2 = (
            self.env["sale.order"]
            .with_company(self.company_2)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_2.id,
                    "order_line": [Command.create({"product_id": vehicle_2.product_variant_id.id})],
                }
            )
        )
        Order = self.env["sale.order"].with_user(self.user_salesperson)
        self.assertFalse(Order.search([("id", "=", order_2.id)]))
        with self.assertRaises(AccessError):
            Order.browse(order_2.id).read(["name"])

    def test_plain_user_has_no_sales(self):
        plain_user = new_test_user(
            self.env,
            login="plain_internal_sale",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        order = self._create_order(self.vehicle_308)
        with self.assertRaises(AccessError):
            order.with_user(plain_user).read(["name"])

    def test_views_per_group(self):
        """The "Nouveau client" form shows the birth data to the Spoticar groups only."""
        form = self.env.ref("spoticar_sale.res_partner_view_form_spoticar").id
        plain_user = new_test_user(
            self.env,
            login="plain_contact_manager",
            groups="base.group_user,base.group_partner_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        seller_arch = (
            self.env["res.partner"]
            .with_user(self.user_salesperson)
            .get_views([(form, "form")])["views"]["form"]["arch"]
        )
        plain_arch = (
            self.env["res.partner"]
            .with_user(plain_user)
            .get_views([(form, "form")])["views"]["form"]["arch"]
        )
        for field in ("birthdate_date", "birth_name", "id_numbers"):
            self.assertIn(f'name="{field}"', seller_arch)
            self.assertNotIn(f'name="{field}"', plain_arch)

    def test_sales_list_filters(self):
        views = (
            self.env["sale.order"]
            .with_user(self.user_salesperson)
            .get_views(
                [
                    (self.env.ref("spoticar_sale.sale_order_view_list_spoticar").id, "list"),
                    (self.env.ref("spoticar_sale.sale_order_view_search_spoticar").id, "search"),
                ]
            )["views"]
        )
        for field in ("vehicle_id", "team_id", "user_id", "deliverer_id"):
            self.assertIn(f'name="{field}"', views["list"]["arch"])
        self.assertIn('name="professional"', views["search"]["arch"])
        professional = self._create_customer(
            l10n_fr_customer_type="professional",
            name="Flotte Pro SAS",
            company_registry="81234567600017",
            zip="35000",
        )
        pro_order = self._create_order(
            self.vehicle_308, professional, deliverer_id=self.user_manager.id
        )
        self._create_order(self.vehicle_308)
        Order = self.env["sale.order"].with_user(self.user_salesperson)
        self.assertEqual(Order.search([("is_professional_customer", "=", True)]), pro_order)
        self.assertEqual(Order.search([("deliverer_id", "=", self.user_manager.id)]), pro_order)
