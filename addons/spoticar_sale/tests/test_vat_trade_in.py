# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SpoticarSaleCommon


@tagged("post_install", "-at_install")
class TestVat(SpoticarSaleCommon):
    def test_margin_scheme(self):
        order = self._create_order(self.vehicle_308)
        line = order.order_line.filtered(lambda line: line.product_id.is_vehicle)
        self.assertEqual(line.price_unit, 10000.0)
        self.assertTrue(line.tax_ids.spoticar_margin_scheme)
        self.assertIn("Régime particulier – Biens d'occasion", line.tax_ids.invoice_legal_notes)
        self.assertEqual(line.price_total, 10000.0)
        self.assertEqual(line.price_tax, 0.0, "The VAT on the margin is never shown")
        # (10 000 - 7 000) x 20 / 120
        self.assertEqual(line.margin_vat_amount, 500.0)
        self.assertEqual(order.with_user(self.user_manager).margin_vat_amount, 500.0)
        self.assertEqual(order.company_id.spoticar_margin_tax_id, line.tax_ids)

    def test_margin_scheme_loss(self):
        vehicle = self._create_vehicle(list_price=9000.0, purchase_price=9500.0)
        order = self._create_order(vehicle)
        self.assertEqual(
            order.order_line.filtered(lambda line: line.product_id.is_vehicle).margin_vat_amount,
            0.0,
        )

    def test_normal_vat(self):
        vehicle = self._create_vehicle(
            list_price=24000.0, purchase_price=18000.0, vat_regime="normal"
        )
        order = self._create_order(vehicle)
        line = order.order_line.filtered(lambda line: line.product_id.is_vehicle)
        self.assertEqual(line.tax_ids.amount, 20.0)
        self.assertTrue(line.tax_ids.price_include)
        self.assertEqual(line.price_total, 24000.0)
        self.assertEqual(line.price_subtotal, 20000.0)
        self.assertEqual(line.margin_vat_amount, 0.0)

    def test_taxes_found_or_created_once(self):
        company = self.company_2
        tax = company._spoticar_get_vehicle_tax("margin")
        self.assertEqual(tax.company_id, company)
        self.assertEqual(company._spoticar_get_vehicle_tax("margin"), tax)
        normal = company._spoticar_get_vehicle_tax("normal")
        self.assertEqual((normal.amount, normal.price_include), (20.0, True))
        # An archived tax is replaced
        tax.active = False
        self.assertNotEqual(company._spoticar_get_vehicle_tax("margin"), tax)


@tagged("post_install", "-at_install")
class TestTradeIn(SpoticarSaleCommon):
    def test_trade_in(self):
        order = self._create_order(self.vehicle_308)
        wizard = self.env["spoticar.trade.in.wizard"].create(
            {
                "order_id": order.id,
                "name": "Renault Clio (4) 1.2 16V 75",
                "license_plate": "bz 123 cd",
                "first_registration_date": date(2012, 3, 1),
                "mileage": 150000,
                "fiscal_power": 4,
                "energy": "petrol",
                "value": 2500.0,
            }
        )
        wizard.action_confirm()
        trade_in = order.trade_in_vehicle_id.product_tmpl_id
        self.assertEqual(trade_in.vehicle_state, "incoming")
        self.assertEqual(trade_in.vat_regime, "margin")
        self.assertEqual(trade_in.purchase_price, 2500.0)
        self.assertEqual(trade_in.license_plate, "BZ-123-CD")
        line = order.order_line.filtered("is_trade_in")
        self.assertEqual(line.price_total, -2500.0)
        self.assertFalse(line.tax_ids)
        self.assertEqual(
            order.vehicle_id,
            self.vehicle_308.product_variant_id,
            "The trade-in is not the vehicle sold",
        )
        self.assertEqual(order.amount_total, 10000.0 + 319.76 - 2500.0)
        order.action_confirm()
        moves = order.picking_ids.move_ids
        self.assertEqual(
            moves.product_id,
            self.vehicle_308.product_variant_id,
            "Only the vehicle sold is delivered",
        )
        with self.assertRaises(UserError):
            order._spoticar_create_trade_in({"name": "Autre"}, 1000.0)

    def test_trade_in_by_salesperson(self):
        """The trade-in value becomes the purchase price, a managers' field, for the salesperson
        who takes the trade-in; he still cannot read it."""
        order = self._create_order(self.vehicle_308).with_user(self.user_salesperson)
        wizard = (
            self.env["spoticar.trade.in.wizard"]
            .with_user(self.user_salesperson)
            .create(
                {
                    "order_id": order.id,
                    "name": "Renault Clio (4) 1.2 16V 75",
                    "license_plate": "BZ-124-CD",
                    "mileage": 150000,
                    "value": 2500.0,
                }
            )
        )
        wizard.action_confirm()
        trade_in = order.trade_in_vehicle_id.product_tmpl_id
        self.assertEqual(trade_in.sudo().purchase_price, 2500.0)
        with self.assertRaises(AccessError):
            trade_in.read(["purchase_price"])


@tagged("post_install", "-at_install")
class TestOrderEntryLimits(SpoticarSaleCommon):
    def test_order_figures_refused_at_entry(self):
        order = self._create_order(self.vehicle_308)
        for vals, label in (
            ({"deposit_amount": -100.0}, "Deposit"),
            ({"deposit_amount": 1e308}, "Deposit"),
            ({"max_delivery_km": 2**31}, "Max. Km at Delivery"),
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as error:
                order.write(vals)
            self.assertIn(label, str(error.exception))
        line = order.order_line.filtered("is_vehicle_line")
        with self.assertRaises(ValidationError):
            line.write({"price_unit": 1e308})
        with self.assertRaises(ValidationError):
            line.write({"price_unit": float("nan")})
        line.write({"discount": 5.0})
        self.assertEqual(line.discount, 5.0)
        order.write({"deposit_amount": 500.0, "max_delivery_km": 191000})

    def test_trade_in_figures_refused_at_entry(self):
        order = self._create_order(self.vehicle_308)
        Wizard = self.env["spoticar.trade.in.wizard"]
        base = {"order_id": order.id, "name": "Clio", "license_plate": "BZ-125-CD", "value": 1.0}
        for vals in (
            {"mileage": 2**31},
            {"mileage": -5},
            {"fiscal_power": -3},
            {"value": 1e308},
            {"first_registration_date": "0001-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Wizard.create(dict(base, **vals))
