# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Import of the vehicle reference from the CSV format of docs/vehicle-reference.md."""

import base64
import csv
import io
import logging
from datetime import datetime

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from ..models.common import (
    BODY_TYPE_SELECTION,
    CONSUMPTION_NORM_SELECTION,
    ENERGY_SELECTION,
    EURO_NORM_SELECTION,
    GEARBOX_SELECTION,
    VEHICLE_CATEGORY_SELECTION,
)

_logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = [
    "make_code",
    "make",
    "model_code",
    "model",
    "equivalence_code",
    "version",
    "energy",
]
SELECTION_COLUMNS = {
    "energy": ("energy", ENERGY_SELECTION),
    "category": ("vehicle_category", VEHICLE_CATEGORY_SELECTION),
    "body_type": ("body_type", BODY_TYPE_SELECTION),
    "euro_norm": ("euro_norm", EURO_NORM_SELECTION),
    "gearbox": ("gearbox", GEARBOX_SELECTION),
    "consumption_norm": ("consumption_norm", CONSUMPTION_NORM_SELECTION),
}
INTEGER_COLUMNS = {
    "fiscal_power": "fiscal_power",
    "din_power": "din_power",
    "power_kw": "power_kw",
    "displacement": "displacement",
    "co2": "co2_emission",
    "gears": "gear_count",
    "doors": "doors",
    "seats": "seats",
    "ptac": "ptac",
    "range": "electric_range",
}
FLOAT_COLUMNS = {
    "consumption_urban": "consumption_urban",
    "consumption_extra_urban": "consumption_extra_urban",
    "consumption_mixed": "consumption_mixed",
    "catalogue_price": "catalogue_price",
}
DATE_COLUMNS = {"sale_start": "sale_start", "sale_end": "sale_end"}
TRUE_VALUES = {"1", "yes", "oui", "true", "vrai", "y", "o", "x"}
FALSE_VALUES = {"0", "no", "non", "false", "faux", "n", ""}


class RowError(Exception):
    """A row of the file is refused (the message is already translated)."""


class SpoticarVehicleReferenceImport(models.TransientModel):
    _name = "spoticar.vehicle.reference.import"
    _description = "Vehicle reference import"

    file = fields.Binary("CSV file", required=True)
    filename = fields.Char()
    batch_size = fields.Integer(default=500, required=True, help="Rows read and saved together.")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    created_count = fields.Integer("Versions created", readonly=True)
    updated_count = fields.Integer("Versions updated", readonly=True)
    rejected_count = fields.Integer("Rows rejected", readonly=True)
    report = fields.Text("Rejected rows", readonly=True)

    # === ACTIONS === #
    def action_import(self):
        self.ensure_one()
        if self.batch_size < 1:
            raise UserError(self.env._("The batch size must be at least 1."))
        rows = self._read_rows()
        created = updated = 0
        rejected = []
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            versions = self._existing_versions(batch)
            for line_number, row in batch:
                try:
                    with self.env.cr.savepoint():
                        if self._import_row(row, versions):
                            created += 1
                        else:
                            updated += 1
                except RowError as error:
                    rejected.append((line_number, str(error)))
                except (ValidationError, UserError) as error:
                    rejected.append((line_number, error.args[0]))
                except psycopg2.Error as error:
                    rejected.append(
                        (line_number, (error.diag.message_primary or str(error)).strip())
                    )
                    _logger.info(
                        "Reference import: line %s refused by the database: %s", line_number, error
                    )
            self.env.invalidate_all()
        self.write(
            {
                "state": "done",
                "created_count": created,
                "updated_count": updated,
                "rejected_count": len(rejected),
                "report": "\n".join(
                    self.env._("Line %(line)s: %(reason)s", line=line, reason=reason)
                    for line, reason in rejected
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Vehicle reference import"),
        }

    # === BUSINESS === #
    def _read_rows(self):
        """[(line number in the file, {column: value})] for the data rows; refuses a bad header."""
        try:
            text = base64.b64decode(self.file or b"").decode("utf-8-sig")
        except (UnicodeDecodeError, ValueError) as error:
            raise UserError(self.env._("The file must be a CSV file encoded in UTF-8.")) from error
        lines = text.splitlines()
        if not lines:
            raise UserError(self.env._("The file is empty."))
        delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [column.strip().lower() for column in next(reader)]
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise UserError(
                self.env._(
                    "Columns missing from the file: %(columns)s.", columns=", ".join(missing)
                )
            )
        rows = []
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            rows.append(
                (
                    reader.line_num,
                    {
                        column: (value or "").strip()
                        for column, value in zip(header, values, strict=False)
                    },
                )
            )
        return rows

    def _existing_versions(self, batch):
        codes = [row.get("equivalence_code") for _line, row in batch if row.get("equivalence_code")]
        versions = (
            self.env["spoticar.vehicle.version"]
            .with_context(active_test=False)
            .search([("manufacturer_equivalence", "in", codes)])
        )
        return {version.manufacturer_equivalence: version for version in versions}

    def _import_row(self, row, versions):
        """Create or update the version of ``row``; True when created."""
        values = self._row_values(row)
        if row.get("equipment"):
            values["equipment_ids"] = [Command.set(self._get_equipment(row["equipment"]).ids)]
        values["model_id"] = self._get_model(row).id
        version = versions.get(row["equivalence_code"])
        if version:
            version.write(values)
            return False
        versions[row["equivalence_code"]] = self.env["spoticar.vehicle.version"].create(values)
        return True

    def _row_values(self, row):
        """Version values read from ``row``; a RowError names the first bad column."""
        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                raise RowError(self.env._('the column "%(column)s" is empty.', column=column))
        values = {"name": row["version"], "manufacturer_equivalence": row["equivalence_code"]}
        for column, (fname, selection) in SELECTION_COLUMNS.items():
            if row.get(column):
                values[fname] = self._parse_selection(column, row[column], selection)
        for column, fname in INTEGER_COLUMNS.items():
            if row.get(column):
                values[fname] = self._parse_number(column, row[column], integer=True)
        for column, fname in FLOAT_COLUMNS.items():
            if row.get(column):
                values[fname] = self._parse_number(column, row[column], integer=False)
        for column, fname in DATE_COLUMNS.items():
            if row.get(column):
                values[fname] = self._parse_date(column, row[column])
        start, end = values.get("sale_start"), values.get("sale_end")
        if start and end and end < start:
            raise RowError(self.env._("the end of commercialisation is before its start."))
        raw = row.get("four_wheel_drive", "").lower()
        if raw not in TRUE_VALUES | FALSE_VALUES:
            raise RowError(self.env._('four_wheel_drive "%(value)s" must be 1 or 0.', value=raw))
        if "four_wheel_drive" in row:
            values["four_wheel_drive"] = raw in TRUE_VALUES
        return values

    @api.model
    def _parse_selection(self, column, raw, selection):
        keys = [key for key, _label in selection]
        key = next((k for k in keys if k.lower() == raw.lower()), None)
        if key is None:
            raise RowError(
                self.env._(
                    '%(column)s "%(value)s" is not one of %(keys)s.',
                    column=column,
                    value=raw,
                    keys=", ".join(keys),
                )
            )
        return key

    @api.model
    def _parse_number(self, column, raw, integer):
        text = raw.replace(" ", "").replace("\u00a0", "")
        try:
            number = int(text) if integer else float(text.replace(",", "."))
        except ValueError:
            number = -1
        if number < 0:
            if integer:
                message = self.env._(
                    '%(column)s "%(value)s" is not a positive whole number.',
                    column=column,
                    value=raw,
                )
            else:
                message = self.env._(
                    '%(column)s "%(value)s" is not a positive number.', column=column, value=raw
                )
            raise RowError(message)
        return number

    @api.model
    def _parse_date(self, column, raw):
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        raise RowError(
            self.env._(
                '%(column)s "%(value)s" is not a date (YYYY-MM-DD).', column=column, value=raw
            )
        )

    def _get_model(self, row):
        Make = self.env["spoticar.vehicle.make"].with_context(active_test=False)
        make = Make.search([("code", "=", row["make_code"])], limit=1)
        if not make:
            make = Make.create({"code": row["make_code"], "name": row["make"]})
        elif make.name != row["make"]:
            make.name = row["make"]
        Model = self.env["spoticar.vehicle.model"].with_context(active_test=False)
        model = Model.search([("code", "=", row["model_code"])], limit=1)
        model_values = {"name": row["model"]}
        if row.get("body_type"):
            model_values["body_type"] = row["body_type"].lower()
        if row.get("category"):
            model_values["vehicle_category"] = row["category"].upper()
        if not model:
            model = Model.create(dict(model_values, code=row["model_code"], make_id=make.id))
        else:
            if model.make_id != make:
                raise RowError(
                    self.env._(
                        'the model code "%(code)s" belongs to the make %(make)s.',
                        code=row["model_code"],
                        make=model.make_id.name,
                    )
                )
            if model.name != row["model"]:
                model.write(model_values)
        return model

    def _get_equipment(self, raw):
        Equipment = self.env["spoticar.vehicle.equipment"].with_context(active_test=False)
        items = []
        for item in raw.split("|"):
            code, _sep, label = item.strip().partition(":")
            code = code.strip()
            if code:
                items.append((code, label.strip() or code))
        existing = {
            e.code: e for e in Equipment.search([("code", "in", [code for code, _label in items])])
        }
        result = Equipment
        for code, label in items:
            equipment = existing.get(code)
            if not equipment:
                equipment = existing[code] = Equipment.create({"code": code, "name": label})
            result |= equipment
        return result
