# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class for the tests of the Spoticar addons.

    from odoo.addons.spoticar_stock.tests.common import SpoticarStockCommon

It builds (no demo data needed): ``cls.company`` (a French dealer in Rennes, with its warehouse),
``cls.company_2`` (another dealer), the reference records (``cls.make_peugeot``, ``cls.model_308``,
``cls.version_308_130_allure``, ``cls.version_308_sw_115``, ...), the users ``cls.user_salesperson``
and ``cls.user_manager`` of ``cls.company``, and ``cls._create_vehicle(**vals)`` which creates a
storable vehicle product of ``cls.company`` with one unit in its warehouse (state "stock").
"""

import itertools
import subprocess
from datetime import date

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


def pdf_text(pdf):
    """The text of a PDF as ``pdftotext -layout`` reads it: a form feed ends every page."""
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()


_LETTERS = (
    "ABCDEFGHJKLMNPQRTVXYZ"  # no I, O, U (never used) and no S, W (SS forbidden, WW provisional)
)


def _plate_numbers():
    for first, second, number in itertools.product(_LETTERS, _LETTERS, range(101, 1000)):
        yield f"{first}{second}-{number:03d}-BC"


class SpoticarStockCommon(TransactionCase):
    _plates = _plate_numbers()
    _vin_counter = itertools.count(100001)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.currency_eur = cls.env.ref("base.EUR")
        cls.currency_eur.active = True
        cls.company = cls.env["res.company"].create(
            {
                "name": "Garage Test Rennes",
                "street": "12 rue de Lorient",
                "zip": "35000",
                "city": "Rennes",
                "country_id": cls.env.ref("base.fr").id,
                "currency_id": cls.currency_eur.id,
                "phone": "+33 2 99 00 00 00",
            }
        )
        cls.company_2 = cls.env["res.company"].create(
            {
                "name": "Garage Test Nantes",
                "zip": "44000",
                "city": "Nantes",
                "country_id": cls.env.ref("base.fr").id,
                "currency_id": cls.currency_eur.id,
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.user_salesperson = new_test_user(
            cls.env,
            login="spoticar_salesperson",
            name="Nicolas Vendeur",
            groups="spoticar_stock.group_spoticar_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="spoticar_manager",
            name="Claire Responsable",
            groups="spoticar_stock.group_spoticar_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls._setup_reference()

    @classmethod
    def _setup_reference(cls):
        Equipment = cls.env["spoticar.vehicle.equipment"]
        cls.equipment_ac = Equipment.create(
            {"name": "Air conditioning", "code": "T_AC", "category": "comfort"}
        )
        cls.equipment_esp = Equipment.create({"name": "ESP", "code": "T_ESP", "category": "safety"})
        cls.equipment_gps = Equipment.create(
            {"name": "Navigation", "code": "T_GPS", "category": "multimedia"}
        )
        cls.make_peugeot = cls.env["spoticar.vehicle.make"].create(
            {"name": "Peugeot", "code": "T_PEU"}
        )
        cls.make_citroen = cls.env["spoticar.vehicle.make"].create(
            {"name": "Citroën", "code": "T_CIT"}
        )
        cls.model_308 = cls.env["spoticar.vehicle.model"].create(
            {
                "make_id": cls.make_peugeot.id,
                "name": "308 (2)",
                "code": "T_308_2",
                "body_type": "hatchback",
            }
        )
        cls.model_308_sw = cls.env["spoticar.vehicle.model"].create(
            {
                "make_id": cls.make_peugeot.id,
                "name": "308 SW (2)",
                "code": "T_308SW_2",
                "body_type": "estate",
            }
        )
        cls.model_c3 = cls.env["spoticar.vehicle.model"].create(
            {
                "make_id": cls.make_citroen.id,
                "name": "C3 (3)",
                "code": "T_C3_3",
                "body_type": "hatchback",
            }
        )
        Version = cls.env["spoticar.vehicle.version"]
        cls.version_308_130_allure = Version.create(
            {
                "model_id": cls.model_308.id,
                "name": "BlueHDi 130 EAT6 S&S Allure",
                "manufacturer_equivalence": "T1PEU308BH130A",
                "energy": "diesel",
                "euro_norm": "euro6",
                "fiscal_power": 7,
                "din_power": 130,
                "power_kw": 96,
                "displacement": 1499,
                "co2_emission": 99,
                "gearbox": "automatic",
                "gear_count": 6,
                "body_type": "hatchback",
                "doors": 5,
                "seats": 5,
                "consumption_norm": "nedc",
                "consumption_mixed": 3.8,
                "sale_start": date(2017, 9, 1),
                "sale_end": date(2021, 6, 30),
                "catalogue_price": 31450.0,
                "equipment_ids": [
                    Command.set((cls.equipment_ac | cls.equipment_esp | cls.equipment_gps).ids)
                ],
            }
        )
        cls.version_308_130_active = Version.create(
            {
                "model_id": cls.model_308.id,
                "name": "PureTech 130 S&S Active",
                "manufacturer_equivalence": "T1PEU308PT130AC",
                "energy": "petrol",
                "fiscal_power": 7,
                "din_power": 130,
                "co2_emission": 115,
                "gearbox": "manual",
                "gear_count": 6,
                "sale_start": date(2017, 9, 1),
                "sale_end": date(2021, 6, 30),
            }
        )
        cls.version_308_allure_2013 = Version.create(
            {
                "model_id": cls.model_308.id,
                "name": "1.6 BlueHDi 120 S&S Allure",
                "manufacturer_equivalence": "T1PEU308BH120A",
                "energy": "diesel",
                "fiscal_power": 6,
                "din_power": 120,
                "co2_emission": 95,
                "gearbox": "manual",
                "sale_start": date(2014, 3, 1),
                "sale_end": date(2017, 8, 31),
            }
        )
        cls.version_308_sw_115 = Version.create(
            {
                "model_id": cls.model_308_sw.id,
                "name": "1.6 e-HDi 115 Féline",
                "manufacturer_equivalence": "T1PEU308SWEH115F",
                "energy": "diesel",
                "euro_norm": "euro5",
                "fiscal_power": 6,
                "din_power": 115,
                "power_kw": 85,
                "co2_emission": 100,
                "gearbox": "manual",
                "gear_count": 6,
                "body_type": "estate",
                "doors": 5,
                "seats": 5,
                "sale_start": date(2014, 3, 1),
                "sale_end": date(2015, 6, 30),
                "catalogue_price": 29900.0,
                "equipment_ids": [Command.set(cls.equipment_ac.ids)],
            }
        )
        cls.version_c3_83 = Version.create(
            {
                "model_id": cls.model_c3.id,
                "name": "PureTech 83 S&S Feel",
                "manufacturer_equivalence": "T1CITC3PT83F",
                "energy": "petrol",
                "fiscal_power": 4,
                "din_power": 83,
                "co2_emission": 110,
                "gearbox": "manual",
                "gear_count": 5,
                "sale_start": date(2016, 10, 1),
            }
        )

    @classmethod
    def _next_plate(cls):
        return next(cls._plates)

    @classmethod
    def _next_vin(cls):
        return f"VF3LBHNZ6JS{next(cls._vin_counter):06d}"

    @classmethod
    def _vehicle_vals(cls, **vals):
        version = vals.get("vehicle_version_id") or cls.version_308_130_allure.id
        if hasattr(version, "id"):
            version = version.id
        return dict(
            {
                "is_vehicle": True,
                "company_id": cls.company.id,
                "vehicle_version_id": version,
                "first_registration_date": date(2019, 11, 19),
                "model_year": 2019,
                "mileage": 25000,
                "license_plate": cls._next_plate(),
                "vin": cls._next_vin(),
                "list_price": 18990.0,
                "purchase_price": 15000.0,
                "vehicle_label": "spoticar",
                "vehicle_color": "Gris Artense",
                # Ready for sale: shown by the Stock VO's default filter ("to prepare" otherwise).
                "spoticar_recon_state": "ready",
            },
            **{key: value for key, value in vals.items() if key != "vehicle_version_id"},
        )

    @classmethod
    def _create_vehicle(cls, in_stock=True, **vals):
        """A vehicle of ``cls.company`` (or ``company_id``), with one unit in stock by default."""
        vehicle = cls.env["product.template"].create(cls._vehicle_vals(**vals))
        if in_stock:
            vehicle.action_vehicle_receive()
        return vehicle
