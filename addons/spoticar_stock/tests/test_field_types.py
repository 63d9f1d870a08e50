# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
from collections import defaultdict
from pathlib import Path

from odoo.models import MetaModel
from odoo.tests import TransactionCase, tagged

from odoo.addons.spoticar_stock.tests.common import SpoticarStockCommon


def _definitions(model):
    """{field name: [field definitions, in override order]} of a model, as the modules declare
    them (core, OCA and ours)."""
    definitions = defaultdict(list)
    for cls in reversed(type(model)._model_classes__):
        if isinstance(cls, MetaModel):
            for field in cls._field_definitions:
                definitions[field.name].append(field)
    return definitions


def _ours(field):
    return (field._module or "").startswith("spoticar_")


@tagged("post_install", "-at_install")
class TestFieldTypes(TransactionCase):
    def test_fields_of_other_modules_keep_their_type(self):
        """A field the suite adds to or overrides on a model of core or OCA keeps the type (and
        comodel) they define: redefining core's integer ``color`` as a text lost the data as soon
        as another addon (point_of_sale) extended it."""
        checked, problems = set(), []
        for model_name in self.env.registry:
            for name, definitions in _definitions(self.env[model_name]).items():
                theirs = [f for f in definitions if not _ours(f)]
                ours = [f for f in definitions if _ours(f)]
                if not theirs or not ours:
                    continue
                checked.add(model_name)
                base = theirs[0]
                for field in ours:
                    comodel = field._args__.get("comodel_name")
                    if field.type != base.type or (
                        comodel and comodel != base._args__.get("comodel_name", comodel)
                    ):
                        problems.append(
                            f"{model_name}.{name}: {field.type} ({field._module}) over "
                            f"{base.type} ({base._module})"
                        )
        self.assertTrue({"product.template", "res.partner"} <= checked, checked)
        self.assertEqual(problems, [])

    def test_vehicle_colour_is_not_core_color_index(self):
        self.assertEqual(self.env["product.template"]._fields["color"].type, "integer")
        self.assertEqual(self.env["product.template"]._fields["vehicle_color"].type, "char")


@tagged("post_install", "-at_install")
class TestColourMigration(SpoticarStockCommon):
    def _migration(self):
        path = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "pre-migrate.py"
        spec = importlib.util.spec_from_file_location("spoticar_stock_pre_migrate_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.migrate

    def test_colours_kept_under_the_new_name(self):
        vehicle = self._create_vehicle(vehicle_color="Rouge Ultimate", in_stock=False)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("SAVEPOINT colour_migration")
        try:
            # The 19.0.1.0.0 layout: the colour as text in the "color" column.
            cr.execute("ALTER TABLE product_template DROP COLUMN color")
            cr.execute("ALTER TABLE product_template RENAME COLUMN vehicle_color TO color")
            self._migration()(cr, "19.0.1.0.0")
            cr.execute("SELECT vehicle_color FROM product_template WHERE id = %s", [vehicle.id])
            self.assertEqual(cr.fetchone()[0], "Rouge Ultimate")
            cr.execute(
                "SELECT 1 FROM information_schema.columns"
                " WHERE table_name = 'product_template' AND column_name = 'color'"
            )
            self.assertFalse(cr.fetchone(), "core's integer column is created again by the ORM")
            # Run again (or on a database already migrated): nothing changes.
            cr.execute("ALTER TABLE product_template ADD COLUMN color integer")
            self._migration()(cr, "19.0.1.0.0")
            cr.execute("SELECT vehicle_color FROM product_template WHERE id = %s", [vehicle.id])
            self.assertEqual(cr.fetchone()[0], "Rouge Ultimate")
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT colour_migration")
        self.assertEqual(vehicle.vehicle_color, "Rouge Ultimate")
