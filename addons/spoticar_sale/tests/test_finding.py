# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 12, "finding and entering things" on the sale side: customer names and phones, order
lines that pick existing products, the warning on a vehicle already sold, the vehicle sheet's
"Create an offer" and its orders, the deliverers offered."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestFindingSale(SpoticarSaleCommon):
    def test_customer_names_as_legal_documents_write_them(self):
        Partner = self.env["res.partner"].with_user(self.user_salesperson)
        customer = Partner.create(
            {
                "l10n_fr_customer_type": "individual",
                "lastname": "le gall",
                "firstname": "jean-pierre",
                "country_id": self.fr.id,
            }
        )
        self.assertEqual((customer.lastname, customer.firstname), ("LE GALL", "Jean-Pierre"))
        self.assertIn("LE GALL", customer.name)
        self.assertIn("Jean-Pierre", customer.name)
        # The name typed whole (quick create from an order) is split, then written so too.
        first_last = Partner._get_names_order() == "first_last"
        typed = Partner.create(
            {
                "l10n_fr_customer_type": "individual",
                "name": "marie dupond" if first_last else "dupond marie",
                "country_id": self.fr.id,
            }
        )
        self.assertEqual((typed.lastname, typed.firstname), ("DUPOND", "Marie"))
        customer.write({"firstname": "ÉLODIE"})
        self.assertEqual(customer.firstname, "Élodie")
        # A company keeps its name as registered; a contact outside the Spoticar customers too.
        company = Partner.create(
            {
                "l10n_fr_customer_type": "professional",
                "name": "Transports du Léon",
                "country_id": self.env.ref("base.be").id,
            }
        )
        self.assertEqual(company.name, "Transports du Léon")
        other = self.env["res.partner"].create({"name": "Mitchell Admin"})
        self.assertEqual(other.name, "Mitchell Admin")

    def test_customer_phones_formatted(self):
        customer = self._create_customer(
            lastname="Martin", firstname="Paul", phone="0299123456", mobile="06 12 34 56 78"
        )
        self.assertEqual(customer.phone, "+33 2 99 12 34 56")
        self.assertEqual(customer.mobile, "+33 6 12 34 56 78")
        customer.with_user(self.user_salesperson).mobile = "0611223344"
        self.assertEqual(customer.mobile, "+33 6 11 22 33 44")
        customer.phone = "not a number"
        self.assertEqual(customer.phone, "not a number", "what cannot be read is kept")
        with Form(customer, view="spoticar_sale.res_partner_view_form_spoticar") as form:
            form.mobile = "06 98 76 54 32"
            self.assertEqual(form.mobile, "+33 6 98 76 54 32")

    def test_salesperson_picks_existing_products_only(self):
        """No quick create of products on an order line, and no other product than a vehicle
        created by a salesperson, whatever the client."""
        arch = etree.fromstring(
            self.env["sale.order"]
            .with_user(self.user_salesperson)
            .get_views([[False, "form"]])["views"]["form"]["arch"]
        )
        for fname in ("product_id", "product_template_id"):
            for node in arch.xpath(f"//field[@name='order_line']/list/field[@name='{fname}']"):
                options = safe_eval(node.get("options") or "{}")
                self.assertTrue(options.get("no_create"), fname)
        Product = self.env["product.product"].with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            Product.name_create("Tapis de sol")
        with self.assertRaises(AccessError):
            self.env["product.template"].with_user(self.user_salesperson).create(
                {"name": "Garantie maison", "type": "service"}
            )
        vals = self._vehicle_vals()
        del vals["purchase_price"]  # a manager's
        vehicle = self.env["product.template"].with_user(self.user_salesperson).create(vals)
        self.assertTrue(vehicle.is_vehicle)
        service = (
            self.env["product.template"]
            .with_user(self.user_manager)
            .create({"name": "Garantie maison", "type": "service"})
        )
        self.assertTrue(service)

    def test_warning_when_vehicle_already_sold(self):
        confirmed = self._create_order(self.vehicle_308)
        confirmed.action_confirm()
        order = self.env["sale.order"].create(
            {"partner_id": self.customer_rennes.id, "company_id": self.company.id}
        )
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            with Form(order.with_user(self.user_salesperson)) as form:
                with form.order_line.new() as line:
                    line.product_id = self.vehicle_308.product_variant_id
        self.assertIn(confirmed.name, logs.output[0])
        # A vehicle in stock gives no warning.
        other = self._create_vehicle()
        with Form(order.with_user(self.user_salesperson)) as form:
            with form.order_line.edit(0) as line:
                with self.assertNoLogs("odoo.tests.form.onchange", "WARNING"):
                    line.product_id = other.product_variant_id

    def test_create_offer_from_vehicle_sheet(self):
        vehicle = self.vehicle_308.with_user(self.user_salesperson)
        self.assertEqual(vehicle.vehicle_order_count, 0)
        action = vehicle.action_spoticar_create_offer()
        self.assertEqual(action["res_model"], "sale.order")
        form = Form(
            self.env["sale.order"]
            .with_user(self.user_salesperson)
            .with_context(**action["context"])
        )
        self.assertEqual(form.user_id, self.user_salesperson)
        self.assertTrue(form.sale_date)
        form.partner_id = self.customer_rennes
        order = form.save()
        self.assertEqual(order.vehicle_id, self.vehicle_308.product_variant_id)
        self.assertEqual(order.company_id, self.company)
        self.assertTrue(order.order_line.filtered("is_registration_fee"))
        vehicle.invalidate_recordset(["vehicle_order_count"])
        self.assertEqual(vehicle.vehicle_order_count, 1)
        orders = vehicle.action_spoticar_view_orders()
        self.assertEqual(
            self.env["sale.order"].with_user(self.user_salesperson).search(orders["domain"]),
            order,
        )

    def test_deliverers_are_the_dealers_staff(self):
        odoo_demo_user = new_test_user(
            self.env,
            login="marc_demo_like",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        other_dealer = new_test_user(
            self.env,
            login="other_dealer_salesperson",
            groups="spoticar_stock.group_spoticar_user",
            company_id=self.company_2.id,
            company_ids=[Command.set(self.company_2.ids)],
        )
        order = self._create_order(self.vehicle_308)
        field_domain = self.env["sale.order"].fields_get(["deliverer_id"])["deliverer_id"]["domain"]
        domain = safe_eval(field_domain, {"company_id": order.company_id.id})
        offered = self.env["res.users"].with_user(self.user_salesperson).search(domain)
        self.assertIn(self.user_salesperson, offered)
        self.assertIn(self.user_manager, offered)
        self.assertNotIn(odoo_demo_user, offered)
        self.assertNotIn(other_dealer, offered)
