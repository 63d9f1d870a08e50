# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 12, "finding and entering things": the salesperson's landing app, the Stock VO search
bar's default Enter, years without thousands separator, the vehicle's gear menu."""

from datetime import date

from lxml import etree

from odoo.tests import Form, tagged

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestFinding(SpoticarStockCommon):
    def _stock_vo_views(self, user, view_types=("list", "kanban", "form", "search")):
        action = self.env.ref("spoticar_stock.product_template_vehicle_action")
        views = [
            [view.view_id.id, view.view_mode]
            for view in action.view_ids
            if view.view_mode in view_types
        ] + [[action.search_view_id.id, "search"]]
        context = {"default_is_vehicle": True, "default_type": "consu"}
        return (
            self.env["product.template"]
            .with_user(user)
            .with_context(**context)
            .get_views(views, {"toolbar": True, "action_id": action.id})
        )

    def test_salesperson_lands_in_the_stock_vo(self):
        """The web client opens the first app of the menu after login: the Spoticar app, whose
        first entry is the Stock VO (not Discuss)."""
        menus = self.env["ir.ui.menu"].with_user(self.user_salesperson).load_web_menus(debug=False)
        first_app = menus[menus["root"]["children"][0]]
        self.assertEqual(first_app["xmlid"], "spoticar_stock.menu_spoticar_root")
        self.assertEqual(
            first_app["actionID"],
            self.env.ref("spoticar_stock.product_template_vehicle_action").id,
        )

    def test_default_enter_finds_part_of_a_plate_and_vehicle_words(self):
        """What Enter searches (the search view's first field) finds a plate from any part of
        it and the vehicle's make, model and version words in any order."""
        views = self._stock_vo_views(self.user_salesperson)
        arch = etree.fromstring(views["views"]["search"]["arch"])
        first_field = arch.xpath("//field")[0].get("name")
        peugeot = self._create_vehicle(license_plate="DL-342-MP")
        self._create_vehicle(license_plate="DL-343-MP", vehicle_version_id=self.version_c3_83)
        citroen = self.env["product.template"].search([("license_plate", "=", "DL-343-MP")])
        Product = self.env["product.template"].with_user(self.user_salesperson)

        def enter(text):
            return Product.search([(first_field, "ilike", text), ("is_vehicle", "=", True)])

        for typed in ("342mp", "342-MP", "342 mp", "DL342"):
            with self.subTest(typed=typed):
                self.assertEqual(enter(typed), peugeot)
        for typed, vehicle in (
            ("peugeot allure", peugeot),
            ("308 ALLURE", peugeot),
            ("allure 308", peugeot),
            ("c3 feel", citroen),
            ("citroën", citroen),
        ):
            with self.subTest(typed=typed):
                self.assertEqual(enter(typed), vehicle)
        self.assertEqual(enter("43-M"), citroen)
        self.assertFalse(enter("peugeot feel"))
        self.assertEqual(enter(peugeot.default_code), peugeot)

    def test_years_without_thousands_separator(self):
        """The model year shows "2014", not "2 014", in the list, kanban and form (display and
        edit: the integer widget's formatting is off)."""
        views = self._stock_vo_views(self.user_salesperson)
        for view_type in ("list", "kanban", "form"):
            with self.subTest(view=view_type):
                arch = etree.fromstring(views["views"][view_type]["arch"])
                nodes = arch.xpath("//field[@name='model_year']")
                self.assertTrue(nodes)
                for node in nodes:
                    options = node.get("options") or "{}"
                    self.assertIn("'enable_formatting': false", options.replace('"', "'"))

    def test_unknown_technical_values_show_empty(self):
        """A technical value the reference does not give (0: no electric range, no PTAC for a
        car) shows empty rather than "0" or "0,0": the number fields of the technical sheet use
        the blank-zero widgets (static/src/fields)."""
        views = self._stock_vo_views(self.user_salesperson)
        arch = etree.fromstring(views["views"]["form"]["arch"])
        integers = ("fiscal_power", "din_power", "power_kw", "displacement", "co2_emission")
        integers += ("gear_count", "doors", "seats", "ptac", "electric_range")
        floats = ("consumption_urban", "consumption_extra_urban", "consumption_mixed")
        for fnames, widget in (
            (integers, "spoticar_blank_zero_integer"),
            (floats, "spoticar_blank_zero_float"),
        ):
            for fname in fnames:
                with self.subTest(field=fname):
                    (node,) = arch.xpath(f"//field[@name='{fname}']")
                    self.assertEqual(node.get("widget"), widget)
        # The widgets exist in the backend assets (a typo would show the default widget).
        self.assertIn(
            "spoticar_stock/static/src/fields/blank_zero_field.js",
            str(self.env["ir.qweb"]._get_asset_bundle("web.assets_backend").files),
        )

    def test_model_year_from_first_registration(self):
        vehicle = self._create_vehicle(model_year=False, first_registration_date=date(2014, 6, 2))
        self.assertEqual(vehicle.model_year, 2014)
        vals = self._vehicle_vals(first_registration_date=date(2013, 6, 2))
        del vals["model_year"]
        self.assertEqual(self.env["product.template"].create(vals).model_year, 2013)
        given = self._create_vehicle(model_year=2015, first_registration_date=date(2014, 10, 2))
        self.assertEqual(given.model_year, 2015)
        given.first_registration_date = date(2014, 11, 2)
        self.assertEqual(given.model_year, 2015, "a model year entered is kept")
        form = Form(
            self.env["product.template"]
            .with_user(self.user_salesperson)
            .with_context(default_is_vehicle=True),
            view="spoticar_stock.product_template_vehicle_view_form",
        )
        form.first_registration_date = date(2018, 10, 10)
        self.assertEqual(form.model_year, 2018)

    def test_vehicle_gear_menu_has_no_replenish_nor_labels(self):
        hidden = {
            self.env.ref("stock.action_product_template_replenishment").id,
            self.env.ref("product.action_product_template_print_labels").id,
        }
        views = self._stock_vo_views(self.user_manager)
        for view_type in ("list", "kanban", "form"):
            toolbar = views["views"][view_type].get("toolbar", {})
            offered = {action["id"] for actions in toolbar.values() for action in actions}
            with self.subTest(view=view_type):
                self.assertFalse(offered & hidden)
        # Other products keep them.
        product_views = (
            self.env["product.template"]
            .with_user(self.user_manager)
            .get_views([[False, "form"]], {"toolbar": True})
        )
        offered = {
            action["id"]
            for actions in product_views["views"]["form"]["toolbar"].values()
            for action in actions
        }
        self.assertTrue(hidden <= offered)
