# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import shutil
import unittest
from datetime import date
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, freeze_time, tagged

from odoo.addons.spoticar_stock.tests.common import pdf_text

from spoticar_core import greycard as spoticar_greycard

from .common import SpoticarSaleCommon

REPORT = "spoticar_sale.action_report_vehicle_order"
ACTIVITY = "spoticar_sale.mail_activity_type_greycard_rate"
# The worked cases of spoticar_core (repository root, tests/data).
CASES_FILE = Path(__file__).resolve().parents[3] / "tests" / "data" / "greycard_cases.json"
NOTE_FR = (
    "tarif 2027 non encore publié pour la région Bretagne : montant calculé au tarif 2026, "
    "à confirmer"
)


@tagged("post_install", "-at_install")
class TestGreycardTariffs(SpoticarSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["spoticar_sale"], ["fr_FR"], overwrite=True)
        cls.Rate = cls.env["spoticar.greycard.rate"]
        cls.customer_nantes = cls._create_customer(lastname="MARTIN", zip="44000", city="Nantes")
        cls.activity_type = cls.env.ref(ACTIVITY)
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )

    # --- helpers ---------------------------------------------------------------------------
    def _last_rate(self, region_code):
        return self.Rate.search(
            [("region_code", "=", region_code)], order="valid_from desc", limit=1
        )

    def _order_today(self, partner=None, confirm=True):
        """An order created without a sale date (it takes today's date), in French."""
        vehicle = self._create_vehicle(
            vehicle_version_id=self.version_308_sw_115, first_registration_date=date(2014, 11, 10)
        )
        order = (
            self.env["sale.order"]
            .with_context(lang="fr_FR")
            .create(
                {
                    "partner_id": (partner or self.customer_rennes).id,
                    "company_id": self.company.id,
                    "order_line": [Command.create({"product_id": vehicle.product_variant_id.id})],
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order

    def _rate_activities(self, rates=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "spoticar.greycard.rate"),
                ("activity_type_id", "=", self.activity_type.id),
            ]
            + ([("res_id", "in", rates.ids)] if rates is not None else [])
        )

    def _enter_2027_rate(self, env, rate_per_cv=58.0):
        last = self._last_rate("53").with_env(env)
        last.valid_to = date(2026, 12, 31)
        return env["spoticar.greycard.rate"].create(
            {
                "region_code": "53",
                "valid_from": date(2027, 1, 1),
                "eur_per_cv": rate_per_cv,
                "source_url": "https://example.org/bretagne-2027",
            }
        )

    # --- one vocabulary ----------------------------------------------------------------------
    def test_fields_derive_from_the_core(self):
        greycard = spoticar_greycard
        selection = self.Rate._fields["region_code"]._description_selection(self.env)
        self.assertEqual(dict(selection), dict(greycard.regions()))
        for column in greycard.EXEMPTION_COLUMNS:
            self.assertEqual(self.Rate._fields[column].type, "float", column)

    # --- shipped data --------------------------------------------------------------------------
    def test_shipped_rows_are_loaded(self):
        greycard = spoticar_greycard
        rows = greycard.package_rate_rows()
        shipped = self.Rate.search([("shipped_key", "!=", False)])
        self.assertEqual(len(shipped), len(rows))
        self.assertFalse(self.Rate.search([("is_modified", "=", True)]))
        paca = self.Rate.search([("shipped_key", "=", "93|2026-03-01")])
        self.assertEqual(paca.eur_per_cv, 60.0)
        self.assertIn("1er janvier", paca.note)
        national = self.env["spoticar.greycard.national"].search([])
        self.assertEqual(
            national.filtered(lambda n: n.kind == "known_until").date_value, date(2026, 12, 31)
        )
        self.assertEqual(national.filtered(lambda n: n.kind == "y4_taxe_fixe").amount, 11.0)
        self.assertEqual(national.filtered(lambda n: n.kind == "y5_redevance").amount, 2.76)

    def test_golden_cases_through_the_records(self):
        greycard = spoticar_greycard
        cases = json.loads(CASES_FILE.read_text("utf-8"))
        self.assertGreaterEqual(len(cases), 21)
        from_records = self.Rate._spoticar_tariffs()
        from_csv = greycard.Tariffs.load()
        for case in cases:
            inputs = case["inputs"]
            inp = greycard.GreycardInput(
                fiscal_power=inputs["cv"],
                energy=inputs["energy"],
                first_registration_date=inputs["first_registration_date"],
                operation_date=inputs["operation_date"],
                postcode=inputs.get("postcode"),
                department=inputs.get("department"),
                category=inputs["vehicle_type"],
                imported=inputs["imported"],
                co2_malus=inputs.get("co2_malus"),
                mass_malus=inputs.get("mass_malus"),
            )
            with self.subTest(case=case["id"]):
                result = greycard.compute(inp, tariffs=from_records)
                self.assertEqual(result.as_dict(), greycard.compute(inp, from_csv).as_dict())
                for key in ("y1", "y2", "y3", "y4", "y5", "total"):
                    expected = Decimal(str(case["expected"][key])).quantize(Decimal("0.01"))
                    self.assertEqual(getattr(result, key), expected, key)
                rate = self.Rate.browse(result.rate_ref)
                self.assertEqual(
                    (rate.region_code, rate.valid_from),
                    (result.region_code, result.rate_valid_from),
                )

    def test_upgrade_keeps_an_edited_row(self):
        greycard = spoticar_greycard
        rows = greycard.package_rate_rows()
        edited = self.Rate.search([("shipped_key", "=", "53|2022-01-01")])
        untouched = self.Rate.search([("shipped_key", "=", "53|2023-01-01")])
        edited.with_user(self.user_manager).write(
            {"note": "Délibération vérifiée", "eur_per_cv": 51.5}
        )
        self.assertTrue(edited.is_modified)
        self.assertEqual(self.Rate.search([("is_modified", "=", True)]), edited)
        # A new release of the package: both rows change, and a row is added.
        for row in rows:
            if (row["region_code"], row["valid_from"]) in (
                ("53", "2022-01-01"),
                ("53", "2023-01-01"),
            ):
                row["source_url"] = "https://example.org/new-source"
        rows.append(dict(rows[0], region_code="53", valid_from="2020-01-01", valid_to="2020-12-31"))
        with patch.object(greycard, "package_rate_rows", return_value=rows):
            self.Rate._spoticar_load_shipped_data()
        self.assertEqual(edited.eur_per_cv, 51.5)
        self.assertEqual(edited.note, "Délibération vérifiée")
        self.assertNotEqual(edited.source_url, "https://example.org/new-source")
        self.assertTrue(edited.is_modified)
        self.assertEqual(untouched.source_url, "https://example.org/new-source")
        self.assertFalse(untouched.is_modified)
        self.assertTrue(self.Rate.search([("shipped_key", "=", "53|2020-01-01")]))
        # Loading again changes nothing (what each upgrade does).
        self.Rate._spoticar_load_shipped_data()
        self.assertEqual(edited.eur_per_cv, 51.5)

    def test_shipped_identity_cannot_be_forged(self):
        rate = self._last_rate("53").with_user(self.user_manager)
        rate.write({"shipped_key": "forged", "note": "ok"})
        self.assertEqual(rate.shipped_key, "53|2025-05-01")

    # --- access --------------------------------------------------------------------------------
    def test_salesperson_reads_but_cannot_manage_the_tariffs(self):
        for model in ("spoticar.greycard.rate", "spoticar.greycard.national"):
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user_salesperson)
                records = Model.search([])
                self.assertTrue(records)
                records[:1].read()
                Model.formatted_read_group([], ["create_uid"], ["__count"])
                records[:2].export_data(["display_name", "valid_from"])
                with self.assertRaises(AccessError):
                    records[:1].write({"note": "changé"})
                with self.assertRaises(AccessError):
                    records[:1].unlink()
                with self.assertRaises(AccessError):
                    Model.create(
                        {"kind": "y4_taxe_fixe", "valid_from": "2030-01-01"}
                        if model.endswith("national")
                        else {"region_code": "53", "valid_from": "2030-01-01", "eur_per_cv": 1}
                    )

    def test_manager_manages_the_tariffs_and_periods_never_overlap(self):
        Rate = self.Rate.with_user(self.user_manager)
        with self.assertRaises(ValidationError):
            Rate.create({"region_code": "53", "valid_from": date(2026, 6, 1), "eur_per_cv": 61})
        with self.assertRaises(ValidationError):
            Rate.create(
                {
                    "region_code": "53",
                    "valid_from": date(2030, 1, 1),
                    "eur_per_cv": 61,
                    "exemption_electric_pct": 150,
                }
            )
        rate = self._enter_2027_rate(Rate.env)
        self.assertEqual(rate.display_name, "Bretagne from 2027-01-01")

    def test_a_period_used_by_confirmed_orders_is_closed_never_overwritten(self):
        order = self._create_order(self.vehicle_308)
        order.action_confirm()
        rate = order.registration_fee_rate_id.with_user(self.user_manager)
        self.assertEqual(rate.valid_from, date(2021, 1, 1))
        self.assertEqual(rate.order_count, 1)
        with self.assertRaises(UserError):
            rate.eur_per_cv = 52.0
        with self.assertRaises(UserError):
            rate.valid_from = date(2021, 2, 1)
        with self.assertRaises(UserError):
            rate.valid_to = date(2021, 10, 31)  # the order is of 01/11/2021
        with self.assertRaises(UserError):
            rate.unlink()
        rate.write({"eur_per_cv": 51.0, "note": "Vérifié sur une facture"})  # same rate: allowed
        self.assertEqual(rate.eur_per_cv, 51.0)
        self.assertTrue(rate.is_modified)

    # --- orders after the known periods --------------------------------------------------------
    @freeze_time("2027-01-15")
    def test_order_in_2027_confirms_with_the_marking_and_one_activity_per_region(self):
        orders = self._order_today() | self._order_today() | self._order_today()
        nantes = self._order_today(self.customer_nantes)
        draft = self._order_today(confirm=False)
        draft.write({"note": "relance"})
        draft.action_spoticar_update_registration_fees()
        for order in orders | nantes:
            self.assertEqual(order.state, "sale")
            self.assertEqual(order.sale_date, date(2027, 1, 15))
            self.assertTrue(order.registration_fee_estimate)
        for order in orders:
            self.assertEqual(self._fee_amounts(order), {"Y1": 180.0, "Y4": 11.0, "Y5": 2.76})
            fee_lines = order.order_line.filtered("is_registration_fee")
            self.assertTrue(all(fee_lines.mapped("registration_fee_estimate")))
            self.assertTrue(all("(à confirmer)" in name for name in fee_lines.mapped("name")))
            self.assertEqual(
                order.with_context(lang="fr_FR").registration_fee_estimate_note, NOTE_FR
            )
        self.assertEqual(
            orders[0].with_context(lang="en_US").registration_fee_estimate_note,
            "2027 carte grise rate not yet published for region Bretagne: amount computed at "
            "the 2026 rate, to be confirmed",
        )
        bretagne, loire = self._last_rate("53"), self._last_rate("52")
        self.assertEqual(orders.registration_fee_rate_id, bretagne)
        self.assertEqual(len(self._rate_activities(bretagne)), 1)
        self.assertEqual(len(self._rate_activities(loire)), 1)
        self.assertEqual(len(self._rate_activities()), 2)
        activity = self._rate_activities(bretagne)
        self.assertTrue(activity.user_id.has_group("spoticar_stock.group_spoticar_manager"))
        self.assertIn(self.company, activity.user_id.company_ids)
        self.assertIn("2027", activity.summary)
        self.customer_rennes.lang = "fr_FR"
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(REPORT, orders[0].ids)
        self.assertIn(NOTE_FR, " ".join(html.decode().split()).replace("&#39;", "'"))

    @freeze_time("2027-01-15")
    def test_the_marking_is_not_cleared_by_hand(self):
        order = self._order_today().with_user(self.user_salesperson)
        for vals in (
            {"registration_fee_estimate": False},
            {"registration_fee_rate_id": False},
            {"registration_fee_estimate_year": 2026},
        ):
            with self.assertRaises(UserError):
                order.write(vals)
            # a JSON-RPC client can put any key in its context: that does not open the guard
            with self.assertRaises(UserError):
                order.with_context(spoticar_fee_write=True).write(vals)
        with self.assertRaises(UserError):
            order.order_line.filtered("is_registration_fee")[:1].registration_fee_estimate = False
        self.assertTrue(order.registration_fee_estimate)

    @freeze_time("2027-01-15")
    def test_a_request_cannot_remove_the_carte_grise_lines_of_a_confirmed_order(self):
        order = self._order_today()
        self.assertEqual(order.state, "sale")
        lines = order.order_line.filtered("is_registration_fee").with_user(self.user_salesperson)
        self.assertTrue(lines)
        with self.assertRaises(UserError):
            lines.with_context(spoticar_fee_recompute=True).unlink()
        self.assertEqual(len(lines.exists()), len(lines))

    @freeze_time("2027-01-15")
    def test_manager_enters_the_2027_rate_then_recompute(self):
        confirmed = self._order_today()
        draft = self._order_today(confirm=False)
        invoiced = self._order_today()
        invoiced._create_invoices()
        self.assertEqual(len(self._rate_activities()), 1)
        new_rate = self._enter_2027_rate(self.env(user=self.user_manager))
        self.assertFalse(self._rate_activities(), "The activity is done once the rate is entered")
        # The Recompute button of a confirmed order not invoiced, as the salesperson.
        confirmed.with_user(self.user_salesperson).action_spoticar_update_registration_fees()
        self.assertFalse(confirmed.registration_fee_estimate)
        self.assertEqual(self._fee_amounts(confirmed), {"Y1": 174.0, "Y4": 11.0, "Y5": 2.76})
        self.assertEqual(confirmed.registration_fee_rate_id, new_rate)
        self.assertFalse(
            confirmed.order_line.filtered("is_registration_fee").filtered(
                "registration_fee_estimate"
            )
        )
        # An invoiced order is never changed, by the button or by the server action.
        with self.assertRaises(UserError):
            invoiced.action_spoticar_update_registration_fees()
        action = self.env.ref("spoticar_sale.sale_order_action_recompute_greycard_estimates")
        action.with_user(self.user_manager).with_context(
            active_model="sale.order", active_ids=(draft | invoiced).ids
        ).run()
        self.assertFalse(draft.registration_fee_estimate)
        self.assertEqual(self._fee_amounts(draft)["Y1"], 174.0)
        self.assertTrue(invoiced.registration_fee_estimate)
        self.assertEqual(self._fee_amounts(invoiced)["Y1"], 180.0)

    @freeze_time("2027-01-15")
    def test_2027_row_by_csv_import_and_recompute_of_the_period(self):
        orders = self._order_today() | self._order_today(confirm=False)
        Rate = self.Rate.with_user(self.user_manager)
        self._last_rate("53").with_user(self.user_manager).valid_to = date(2026, 12, 31)
        fields_ = [
            "region_code",
            "valid_from",
            "valid_to",
            "eur_per_cv",
            "exemption_electric_pct",
            "source_url",
            "note",
        ]
        result = Rate.load(
            fields_,
            [["53", "2027-01-01", "", "58.00", "0", "https://example.org/b27", "Import CSV"]],
        )
        self.assertFalse(result["messages"], result["messages"])
        new_rate = Rate.browse(result["ids"])
        self.assertEqual((new_rate.region_code, new_rate.eur_per_cv), ("53", 58.0))
        self.assertFalse(new_rate.shipped_key)
        exported = Rate.search([("region_code", "=", "53")]).export_data(fields_)["datas"]
        self.assertIn("58.0", {str(row[3]) for row in exported})
        new_rate.action_spoticar_recompute_estimated_orders()
        for order in orders:
            self.assertFalse(order.registration_fee_estimate)
            self.assertEqual(self._fee_amounts(order)["Y1"], 174.0)


@tagged("post_install", "-at_install")
class TestGreycardEstimatePdf(HttpCase, SpoticarSaleCommon):
    """A real wkhtmltopdf render (an HttpCase: wkhtmltopdf fetches the assets from the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["spoticar_sale"], ["fr_FR"], overwrite=True)

    _order_today = TestGreycardTariffs._order_today

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext is not installed")
    def test_order_in_2027_pdf_says_to_be_confirmed(self):
        self.customer_rennes.lang = "fr_FR"
        with freeze_time("2027-01-15"):
            order = self._order_today()
        # Printed outside the frozen clock: wkhtmltopdf is a subprocess with a timeout.
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, order.ids)
        )
        self.assertEqual(fmt, "pdf")
        text = pdf_text(pdf)
        text = " ".join(text.split())
        self.assertIn(NOTE_FR, text)
        self.assertIn("(à confirmer)", text)
