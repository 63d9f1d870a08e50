# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import binascii
import os
import pathlib
from datetime import date
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools import html2plaintext

from .common import SpoticarCentralizerCommon

SCREENSHOT_SIGNAL = "spoticar-screenshot:"


def _screenshot_console(original, directory):
    """ChromeBrowser console handler that saves a screenshot when a tour step asks for one."""

    def handle_console(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002
        result = original(browser, type, args=args, stackTrace=stackTrace, **kw)
        message = str(browser._from_remoteobject(args[0])) if args else ""
        if message.startswith(SCREENSHOT_SIGNAL):
            name = message[len(SCREENSHOT_SIGNAL) :].strip()
            future = browser._websocket_send("Page.captureScreenshot", with_future=True)

            def save(done, name=name):
                data = done.result().get("data")
                if data:
                    (directory / f"{name}.png").write_bytes(binascii.a2b_base64(data))

            if future:
                future.add_done_callback(save)
        return result

    return handle_console


@tagged("post_install", "-at_install")
class TestCentralizerTour(HttpCase, SpoticarCentralizerCommon):
    def test_full_flow_tour(self):
        """From the plate to the declared warranty and its two documents, in a browser.

        With SPOTICAR_SCREENSHOTS_DIR set (e.g. docs/screenshots), the key screens are saved
        there as PNG files for the README."""
        vehicle = self._create_vehicle(
            name="Peugeot Flow 308 Allure",
            license_plate="GT-512-RZ",
            first_registration_date=date(2022, 6, 15),
            model_year=2022,
            mileage=25000,
            list_price=18990.0,
        )
        directory = os.environ.get("SPOTICAR_SCREENSHOTS_DIR")
        if directory:
            path = pathlib.Path(directory)
            path.mkdir(parents=True, exist_ok=True)
            handler = _screenshot_console(ChromeBrowser._handle_console, path)
            with patch.object(ChromeBrowser, "_handle_console", handler):
                self._run_tour()
        else:
            self._run_tour()
        warranty = self.env["spoticar.warranty"].search([("vehicle_id", "=", vehicle.id)])
        self.assertEqual(warranty.state, "declared")
        self.assertRegex(warranty.declaration_number, r"^SP953617Z\d{9}$")
        self.assertRegex(warranty.contract_ids.contract_number, r"^\d{11}$")
        stats = self.sandbox.stats()
        self.assertEqual((stats["declarations"], stats["contracts"]), (1, 1))
        # The two documents carry both numbers.
        Report = self.env["ir.actions.report"]
        for report in (
            "spoticar_warranty.action_report_information_statement",
            "spoticar_warranty.action_report_subscription_certificate",
        ):
            html, _ = Report._render_qweb_html(report, warranty.ids)
            text = html2plaintext(html.decode())
            self.assertIn(warranty.declaration_number, text, report)
            self.assertIn(warranty.contract_ids.contract_number, text, report)

    def _run_tour(self):
        self.start_tour(
            "/odoo/action-spoticar_stock.product_template_vehicle_action",
            "spoticar_centralizer_full_flow_tour",
            login=self.user_salesperson.login,
            timeout=180,
        )
