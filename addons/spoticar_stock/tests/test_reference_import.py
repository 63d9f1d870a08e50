# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SpoticarStockCommon

HEADER = (
    "make_code;make;model_code;model;equivalence_code;version;energy;category;body_type;fiscal_power;"
    "din_power;co2;gearbox;gears;sale_start;sale_end;catalogue_price;equipment"
)


@tagged("post_install", "-at_install")
class TestReferenceImport(SpoticarStockCommon):
    def _import(self, lines, batch_size=500, user=None):
        content = "\n".join(lines).encode("utf-8")
        wizard = (
            self.env["spoticar.vehicle.reference.import"]
            .with_user(user or self.user_manager)
            .create(
                {"file": base64.b64encode(content), "filename": "ref.csv", "batch_size": batch_size}
            )
        )
        wizard.action_import()
        return wizard

    def test_import_good_rows_create_then_update(self):
        lines = [
            HEADER,
            "DS;DS;DS-7;DS 7 Crossback;IMP-DS7-BH130;BlueHDi 130 EAT8 So Chic;diesel;VP;suv;7;130;"
            "118;automatic;8;2018-02-01;2022-06-30;39900.00;"
            "CLIM:Climatisation|IMP_HUD:Affichage tête haute",
            "DS;DS;DS-7;DS 7 Crossback;IMP-DS7-ET225;E-Tense 225 Rivoli;plugin_hybrid;VP;suv;;225;"
            "32;automatic;8;01/01/2020;;51 900,00;",
        ]
        wizard = self._import(lines, batch_size=1)
        self.assertEqual(
            (wizard.created_count, wizard.updated_count, wizard.rejected_count), (2, 0, 0)
        )
        self.assertFalse(wizard.report)
        version = self.env["spoticar.vehicle.version"].search(
            [("manufacturer_equivalence", "=", "IMP-DS7-BH130")]
        )
        self.assertEqual(version.display_name, "DS 7 Crossback BlueHDi 130 EAT8 So Chic")
        self.assertEqual(version.model_id.body_type, "suv")
        self.assertEqual(
            (version.fiscal_power, version.din_power, version.co2_emission), (7, 130, 118)
        )
        self.assertEqual(version.gearbox, "automatic")
        self.assertEqual(str(version.sale_end), "2022-06-30")
        self.assertEqual(version.catalogue_price, 39900.0)
        self.assertEqual(sorted(version.equipment_ids.mapped("code")), ["CLIM", "IMP_HUD"])
        hybrid = self.env["spoticar.vehicle.version"].search(
            [("manufacturer_equivalence", "=", "IMP-DS7-ET225")]
        )
        self.assertEqual(hybrid.energy, "plugin_hybrid")
        self.assertEqual(str(hybrid.sale_start), "2020-01-01")
        self.assertEqual(hybrid.catalogue_price, 51900.0)
        self.assertEqual(hybrid.model_id, version.model_id)
        # Same file again with a changed power: updated, nothing duplicated.
        lines[1] = lines[1].replace(";130;118;", ";131;118;")
        wizard = self._import(lines)
        self.assertEqual(
            (wizard.created_count, wizard.updated_count, wizard.rejected_count), (0, 2, 0)
        )
        self.assertEqual(version.din_power, 131)
        self.assertEqual(self.env["spoticar.vehicle.make"].search_count([("code", "=", "DS")]), 1)

    def test_import_bad_rows_reported_and_not_half_imported(self):
        lines = [
            HEADER,
            "FIA;Fiat;FIA-500;500 (2);IMP-500-OK;1.0 Hybrid 70 Dolcevita;hybrid;VP;hatchback;4;70;"
            "93;manual;6;2020-01-01;;16990;",
            # line 3: unknown energy
            "FIA;Fiat;FIA-TIPO;Tipo (2);IMP-TIPO-1;1.6 Multijet 130;gasoil;VP;sedan;7;130;"
            "112;manual;6;2020-09-01;;24000;",
            # line 4: bad date, and a new make that must not remain
            "ALF;Alfa Romeo;ALF-GIU;Giulia;IMP-GIU-1;2.2 160 Super;diesel;VP;sedan;9;160;"
            "120;automatic;8;2020-13-01;;45000;NEWEQ:Nouvel équipement",
            # line 5: end before start
            "JEE;Jeep;JEE-REN;Renegade;IMP-REN-1;1.3 PHEV 190 4xe;plugin_hybrid;VP;suv;7;190;"
            "48;automatic;6;2021-01-01;2020-01-01;39000;",
            # line 6: empty required value
            "OPE;Opel;OPE-COR;Corsa (6);;1.2 75 Edition;petrol;VP;hatchback;4;75;"
            "119;manual;5;2020-01-01;;15000;",
            # line 7: not a number
            "OPE;Opel;OPE-COR;Corsa (6);IMP-COR-2;1.2 100 Elegance;petrol;VP;hatchback;cinq;100;"
            "119;manual;6;2020-01-01;;18000;",
            # line 8: a model code of another make
            "CIT;Citroën;FIA-500;C1;IMP-C1-1;VTi 72 Feel;petrol;VP;hatchback;4;72;"
            "95;manual;5;2014-06-01;;12000;",
        ]
        wizard = self._import(lines, batch_size=3)
        self.assertEqual(
            (wizard.created_count, wizard.updated_count, wizard.rejected_count), (1, 0, 6)
        )
        report = wizard.report.splitlines()
        self.assertEqual(
            [line.split(":")[0] for line in report], [f"Line {n}" for n in (3, 4, 5, 6, 7, 8)]
        )
        self.assertIn("gasoil", report[0])
        self.assertIn("2020-13-01", report[1])
        self.assertIn('"equivalence_code"', report[3])
        self.assertIn("cinq", report[4])
        self.assertIn("FIA-500", report[5])
        # Nothing of the refused rows stays: no make, model, equipment or version.
        self.assertFalse(
            self.env["spoticar.vehicle.make"].search([("code", "in", ("ALF", "JEE", "CIT"))])
        )
        self.assertFalse(self.env["spoticar.vehicle.equipment"].search([("code", "=", "NEWEQ")]))
        self.assertFalse(
            self.env["spoticar.vehicle.model"].search([("code", "in", ("FIA-TIPO", "ALF-GIU"))])
        )
        self.assertEqual(
            self.env["spoticar.vehicle.version"]
            .search([("manufacturer_equivalence", "like", "IMP-")])
            .mapped("manufacturer_equivalence"),
            ["IMP-500-OK"],
        )

    def test_import_refuses_a_file_without_required_columns(self):
        with self.assertRaises(UserError) as error:
            self._import(["make;model;version", "Peugeot;308;130"])
        self.assertIn("equivalence_code", str(error.exception.args[0]))

    def test_import_comma_separated(self):
        wizard = self._import(
            [
                "make_code,make,model_code,model,equivalence_code,version,energy",
                'PEU,Peugeot,PEU-208-2,208 (2),IMP-208-E,"e-208 136, GT",electric',
            ]
        )
        self.assertEqual(wizard.created_count, 1)
        version = self.env["spoticar.vehicle.version"].search(
            [("manufacturer_equivalence", "=", "IMP-208-E")]
        )
        self.assertEqual(version.name, "e-208 136, GT")

    def test_salesperson_cannot_import(self):
        with self.assertRaises(Exception):  # noqa: B017 - AccessError on the wizard model
            self._import([HEADER], user=self.user_salesperson)
