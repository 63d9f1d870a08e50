# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

import psycopg2.errors

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SpoticarStockCommon


@tagged("post_install", "-at_install")
class TestVehicle(SpoticarStockCommon):
    def test_create_vehicle_in_stock(self):
        vehicle = self._create_vehicle()
        self.assertTrue(vehicle.is_storable)
        self.assertEqual(vehicle.type, "consu")
        self.assertEqual(vehicle.company_id, self.company)
        self.assertEqual(vehicle.qty_available, 1)
        self.assertEqual(vehicle.vehicle_state, "stock")
        self.assertEqual(vehicle.stock_entry_date, fields.Date.context_today(vehicle))
        self.assertTrue(vehicle.default_code.startswith("VO"))

    def test_name_and_technical_fields_from_version(self):
        vehicle = self._create_vehicle(in_stock=False)
        self.assertEqual(vehicle.name, "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
        self.assertEqual(vehicle.vehicle_make_id, self.make_peugeot)
        self.assertEqual(vehicle.vehicle_model_id, self.model_308)
        self.assertEqual(vehicle.manufacturer_equivalence, "T1PEU308BH130A")
        self.assertEqual(vehicle.energy, "diesel")
        self.assertEqual(vehicle.fiscal_power, 7)
        self.assertEqual(vehicle.din_power, 130)
        self.assertEqual(vehicle.co2_emission, 99)
        self.assertEqual(vehicle.gearbox, "automatic")
        self.assertEqual(vehicle.catalogue_price, 31450.0)
        self.assertEqual(
            vehicle.equipment_ids, self.equipment_ac | self.equipment_esp | self.equipment_gps
        )
        self.assertTrue(vehicle.recognised_in_reference)
        self.assertEqual(vehicle.vehicle_state, "incoming")
        # Changing the version refills the sheet and renames the vehicle.
        vehicle.vehicle_version_id = self.version_308_130_active
        self.assertEqual(vehicle.name, "Peugeot 308 (2) PureTech 130 S&S Active")
        self.assertEqual(vehicle.energy, "petrol")
        self.assertEqual(vehicle.gearbox, "manual")
        self.assertEqual(vehicle.manufacturer_equivalence, "T1PEU308PT130AC")
        # A code typed by hand that differs from the reference: no longer recognised.
        vehicle.manufacturer_equivalence = "XYZ"
        self.assertFalse(vehicle.recognised_in_reference)

    def test_form_autofill_on_version(self):
        """The salesperson's form: make, model, date, then the version fills the sheet."""
        form = Form(
            self.env["product.template"]
            .with_user(self.user_salesperson)
            .with_context(default_is_vehicle=True),
            view="spoticar_stock.product_template_vehicle_view_form",
        )
        form.vehicle_make_id = self.make_peugeot
        form.first_registration_date = date(2018, 10, 10)
        form.model_year = 2018
        form.vehicle_model_id = self.model_308
        self.assertFalse(form.recognised_in_reference)
        form.vehicle_version_id = self.version_308_130_allure
        self.assertEqual(form.manufacturer_equivalence, "T1PEU308BH130A")
        self.assertEqual(form.energy, "diesel")
        self.assertEqual(form.din_power, 130)
        self.assertTrue(form.recognised_in_reference)
        self.assertEqual(form.name, "Peugeot 308 (2) BlueHDi 130 EAT6 S&S Allure")
        form.license_plate = "fe 260 rz"
        form.mileage = 25000
        vehicle = form.save()
        self.assertEqual(vehicle.license_plate, "FE-260-RZ")
        self.assertEqual(vehicle.company_id, self.company)
        self.assertTrue(vehicle.is_storable)
        # Changing the model drops a version of another model.
        form = Form(vehicle, view="spoticar_stock.product_template_vehicle_view_form")
        form.vehicle_model_id = self.model_308_sw
        self.assertFalse(form.vehicle_version_id)

    def test_plate_normalised_and_validated(self):
        vehicle = self._create_vehicle(license_plate="dl342mp", in_stock=False)
        self.assertEqual(vehicle.license_plate, "DL-342-MP")
        vehicle.license_plate = "DL 343 MP"
        self.assertEqual(vehicle.license_plate, "DL-343-MP")
        with self.assertRaises(ValidationError) as error:
            vehicle.license_plate = "IO-123-AB"
        self.assertEqual(vehicle.license_plate, "DL-343-MP")
        self.assertTrue(str(error.exception.args[0]))
        with self.assertRaises(ValidationError):
            self._create_vehicle(license_plate="AB-000-CD", in_stock=False)

    def test_vin_normalised_and_validated(self):
        vehicle = self._create_vehicle(vin="vf3 lbhnz6 js100999", in_stock=False)
        self.assertEqual(vehicle.vin, "VF3LBHNZ6JS100999")
        with self.assertRaises(ValidationError):
            vehicle.vin = "VF3LBHNZ6JS10099"  # 16 characters
        with self.assertRaises(ValidationError):
            vehicle.vin = "VF3LBHNZ6JS1009O9"  # letter O
        self.assertEqual(vehicle.vin, "VF3LBHNZ6JS100999")

    def test_registration_type_normalised_and_validated(self):
        vehicle = self._create_vehicle(registration_type=" m10789456/23", in_stock=False)
        self.assertEqual(vehicle.registration_type, "M10789456/23")
        with self.assertRaises(ValidationError) as error:
            vehicle.registration_type = "M10789456;23"
        self.assertIn("Type CG", str(error.exception))
        self.assertEqual(vehicle.registration_type, "M10789456/23")
        vehicle.registration_type = ""
        self.assertFalse(vehicle.registration_type)

    def test_plate_unique_per_company_archived_vehicles_included(self):
        vehicle = self._create_vehicle(license_plate="FE-260-RZ", in_stock=False)
        with self.assertRaises(ValidationError) as error:
            self._create_vehicle(license_plate="fe260rz", in_stock=False)
        self.assertIn("FE-260-RZ", str(error.exception.args[0]))
        # Another dealer may hold the same vehicle.
        other = self._create_vehicle(
            license_plate="FE-260-RZ", company_id=self.company_2.id, in_stock=False
        )
        self.assertEqual(other.license_plate, "FE-260-RZ")
        # Archived (sold long ago), the vehicle still holds its plate and VIN: when it comes back,
        # the archived vehicle is restored, not created again.
        vehicle.action_archive()
        with self.assertRaises(ValidationError) as error:
            self._create_vehicle(license_plate="FE 260 RZ", in_stock=False)
        self.assertIn("archived", str(error.exception.args[0]))
        with self.assertRaises(ValidationError):
            self._create_vehicle(vin=vehicle.vin, in_stock=False)
        new = self._create_vehicle(in_stock=False)
        with self.assertRaises(ValidationError):
            new.license_plate = "FE-260-RZ"
        # The database refuses it too (unique index), whatever the Python check misses.
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            self.env.cr.execute(
                "UPDATE product_template SET license_plate = %s WHERE id = %s",
                ["FE-260-RZ", new.id],
            )
        vehicle.action_unarchive()
        self.assertTrue(vehicle.active)

    def test_vin_unique_per_company(self):
        self._create_vehicle(vin="VF3LBHNZ6JS100500", in_stock=False)
        with self.assertRaises(ValidationError):
            self._create_vehicle(vin="VF3LBHNZ6JS100500", in_stock=False)
        self._create_vehicle(vin="VF3LBHNZ6JS100500", company_id=self.company_2.id, in_stock=False)

    def test_search_by_plate_however_typed(self):
        vehicle = self._create_vehicle(license_plate="DL-342-MP", vin="VF3LBHNZ6JS100777")
        self._create_vehicle(license_plate="DL-343-MP")
        Product = self.env["product.template"]
        for typed in ("dl342mp", "DL 342 MP", "dl-342-mp", " DL-342-MP ", "dl342"):
            with self.subTest(typed=typed):
                self.assertEqual(Product.search([("vehicle_search", "ilike", typed)]), vehicle)
        self.assertEqual(
            Product.search([("vehicle_search", "ilike", "vf3lbhnz6js100777")]), vehicle
        )
        self.assertEqual(
            Product.search([("vehicle_search", "ilike", vehicle.default_code)]), vehicle
        )
        # The many2one search of any form (sale order line, ...) finds it by plate too.
        self.assertIn(vehicle.id, [rid for rid, _name in Product.name_search("dl 342 mp")])
        # A whole plate typed in blocks is looked up as a plate, not as words of the name.
        named = self._create_vehicle(license_plate="FB-518-KT", name="Série DL 342 MP")
        self.assertEqual(Product.search([("vehicle_search", "ilike", "DL 342 MP")]), vehicle)
        # what is not a whole plate is still looked up in the names as well
        self.assertEqual(Product.search([("vehicle_search", "ilike", "dl 342")]), vehicle | named)
        variant_ids = [rid for rid, _name in self.env["product.product"].name_search("dl342mp")]
        self.assertEqual(variant_ids, vehicle.product_variant_ids.ids)

    def test_state_follows_stock_moves(self):
        # A passenger car of 2019 is delivered with a contrôle technique of less than 6 months
        # (checked at every delivery to a customer once spoticar_sale is installed).
        vehicle = self._create_vehicle(
            in_stock=False, inspection_date=fields.Date.today(), inspection_result="favourable"
        )
        self.assertEqual(vehicle.vehicle_state, "incoming")
        vehicle.action_vehicle_receive()
        self.assertEqual(vehicle.vehicle_state, "stock")
        self.assertEqual(vehicle.qty_available, 1)
        picking = (
            self.env["stock.picking"]
            .with_company(self.company)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "location_id": self.warehouse.lot_stock_id.id,
                    "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                    "partner_id": self.user_salesperson.partner_id.id,
                    "company_id": self.company.id,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": vehicle.product_variant_id.id,
                                "product_uom_qty": 1,
                                "location_id": self.warehouse.lot_stock_id.id,
                                "location_dest_id": self.env.ref(
                                    "stock.stock_location_customers"
                                ).id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(vehicle.vehicle_state, "delivered")
        self.assertEqual(vehicle.qty_available, 0)

    def test_state_tracked_in_chatter(self):
        vehicle = self._create_vehicle(in_stock=False).with_context(tracking_disable=False)
        self.env.cr.flush()  # end of the creation "transaction" (created without tracking)
        vehicle._vehicle_set_state("stock")
        vehicle.env.flush_all()
        vehicle.env.cr.flush()
        tracking = vehicle.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "vehicle_state"
        )
        self.assertEqual(tracking[:1].new_value_char, "In stock")

    def test_age_and_days_in_stock(self):
        today = fields.Date.context_today(self.env.user)
        vehicle = self._create_vehicle(first_registration_date=today - timedelta(days=800))
        self.assertIn(vehicle.age_months, (26, 27))
        vehicle.stock_entry_date = today - timedelta(days=12)
        self.assertEqual(vehicle.days_in_stock, 12)

    def test_vehicle_without_version_keeps_its_values(self):
        """A trade-in outside the reference: values typed are kept."""
        vehicle = self.env["product.template"].create(
            {
                "is_vehicle": True,
                "name": "Renault Clio (5) TCe 100",
                "energy": "petrol",
                "fiscal_power": 5,
                "first_registration_date": date(2020, 5, 15),
                "license_plate": "FY-202-WD",
            }
        )
        self.assertEqual(vehicle.name, "Renault Clio (5) TCe 100")
        self.assertEqual(vehicle.energy, "petrol")
        self.assertEqual(vehicle.fiscal_power, 5)
        self.assertEqual(vehicle.company_id, self.env.company)
        self.assertFalse(vehicle.recognised_in_reference)

    def test_critair_from_core(self):
        feline = self._create_vehicle(
            vehicle_version_id=self.version_308_sw_115, first_registration_date=date(2014, 11, 10)
        )
        self.assertEqual(feline.critair, "2")  # diesel Euro 5
        allure = self._create_vehicle()
        self.assertEqual(allure.critair, "2")  # diesel Euro 6
        petrol = self._create_vehicle(
            vehicle_version_id=self.version_c3_83, first_registration_date=date(2018, 3, 1)
        )
        self.assertEqual(petrol.critair, "1")  # petrol registered after 2011: Euro 5/6
        petrol.write({"energy": "electric"})
        self.assertEqual(petrol.critair, "0")

    def _create_ds7(self):
        """A make, a model and a version of their own: (make, model, version)."""
        make = self.env["spoticar.vehicle.make"].create({"name": "DS", "code": "T_DS"})
        model = self.env["spoticar.vehicle.model"].create(
            {"make_id": make.id, "name": "DS 7 Crossback", "code": "T_DS7"}
        )
        version = self.env["spoticar.vehicle.version"].create(
            {
                "model_id": model.id,
                "name": "BlueHDi 130 EAT8 So Chic",
                "manufacturer_equivalence": "T_DS7_130",
                "energy": "diesel",
            }
        )
        return make, model, version

    def test_name_does_not_repeat_the_make(self):
        _make, _model, version = self._create_ds7()
        self.assertEqual(version.display_name, "DS 7 Crossback BlueHDi 130 EAT8 So Chic")
        vehicle = self._create_vehicle(vehicle_version_id=version, in_stock=False)
        self.assertEqual(vehicle.name, "DS 7 Crossback BlueHDi 130 EAT8 So Chic")

    def test_reference_used_by_a_vehicle_is_archived_not_deleted(self):
        """A make, model or version that a vehicle uses, even an archived vehicle, cannot be
        deleted (the message says to archive it); an unused one can."""
        make, model, version = self._create_ds7()
        vehicle = self._create_vehicle(vehicle_version_id=version, in_stock=False)
        self.assertEqual(
            (vehicle.vehicle_make_id, vehicle.vehicle_model_id), (make, model), "set by the version"
        )
        vehicle.action_archive()
        for entry, word in ((version, "version"), (model, "model"), (make, "make")):
            with self.assertRaisesRegex(UserError, f"This {word} is used by a vehicle: archive it"):
                entry.unlink()
            self.assertTrue(entry.exists())
        unused_model = self.env["spoticar.vehicle.model"].create(
            {"make_id": make.id, "name": "DS 3", "code": "T_DS3"}
        )
        unused_version = self.env["spoticar.vehicle.version"].create(
            {
                "model_id": unused_model.id,
                "name": "PureTech 100",
                "manufacturer_equivalence": "T_DS3",
                "energy": "petrol",
            }
        )
        unused_version.unlink()
        unused_model.unlink()
        self.assertFalse(unused_version.exists())
        self.assertFalse(unused_model.exists())

    def test_short_text_is_not_a_plate(self):
        """Two letters are a product code, not the start of a plate: no vehicle is pushed first."""
        vehicle = self._create_vehicle(license_plate="ZQ-123-AB")
        service = self.env["product.product"].create({"name": "Service ZQ", "default_code": "ZQ"})
        found = [rid for rid, _name in self.env["product.product"].name_search("ZQ")]
        self.assertIn(service.id, found)
        self.assertNotIn(vehicle.product_variant_id.id, found)
        found = [rid for rid, _name in self.env["product.product"].name_search("zq12")]
        self.assertEqual(found[:1], vehicle.product_variant_ids.ids)


@tagged("post_install", "-at_install")
class TestVehicleFromVersion(SpoticarStockCommon):
    """A version and one technical field given: that value wins, every other comes from the
    version (create, write and Odoo's CSV import)."""

    def _assert_from_version(self, vehicle, energy):
        self.assertEqual(vehicle.energy, energy)
        self.assertEqual(vehicle.fiscal_power, 7)
        self.assertEqual(vehicle.din_power, 130)
        self.assertEqual(vehicle.power_kw, 96)
        self.assertEqual(vehicle.co2_emission, 99)
        self.assertEqual(vehicle.gearbox, "automatic")
        self.assertEqual(vehicle.euro_norm, "euro6")
        self.assertEqual(vehicle.manufacturer_equivalence, "T1PEU308BH130A")
        self.assertEqual(vehicle.catalogue_price, 31450.0)
        self.assertEqual(
            vehicle.equipment_ids, self.equipment_ac | self.equipment_esp | self.equipment_gps
        )

    def test_create(self):
        vehicle = self._create_vehicle(
            vehicle_version_id=self.version_308_130_allure, energy="petrol", in_stock=False
        )
        self._assert_from_version(vehicle, "petrol")

    def test_write(self):
        vehicle = self.env["product.template"].create(
            {"is_vehicle": True, "name": "Reprise", "license_plate": "GB-117-KT"}
        )
        self.assertFalse(vehicle.fiscal_power)
        vehicle.write({"vehicle_version_id": self.version_308_130_allure.id, "energy": "petrol"})
        self._assert_from_version(vehicle, "petrol")
        self.assertEqual(vehicle.vehicle_model_id, self.model_308)

    def test_csv_import(self):
        result = self.env["product.template"].load(
            ["name", "is_vehicle", "vehicle_version_id/.id", "energy", "license_plate"],
            [["Peugeot 308", "1", str(self.version_308_130_allure.id), "hybrid", "FR-553-PL"]],
        )
        self.assertFalse(result["messages"])
        vehicle = self.env["product.template"].browse(result["ids"])
        self._assert_from_version(vehicle, "hybrid")
        self.assertEqual(vehicle.license_plate, "FR-553-PL")
