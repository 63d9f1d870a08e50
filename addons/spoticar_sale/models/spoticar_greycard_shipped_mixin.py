# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rows shipped by spoticar_core and loaded into Odoo, that the managers may edit.

Each loaded row keeps the identity of its package row (``shipped_key``) and the package's
values at the last load (``shipped_values``, JSON). A load (installation, upgrade) updates a row
whose values are still the ones previously shipped, and never a row a manager edited;
``is_modified`` shows the rows that differ from the shipped data.
"""

import json
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

LOADING = "spoticar_greycard_loading"
SHIPPED_FIELDS = ("shipped_key", "shipped_values")


class SpoticarGreycardShippedMixin(models.AbstractModel):
    _name = "spoticar.greycard.shipped.mixin"
    _description = "Carte Grise Data Shipped with Spoticar"

    shipped_key = fields.Char(
        string="Shipped Row",
        readonly=True,
        copy=False,
        index=True,
        help="Identity of the row in the data shipped with Spoticar; empty for a row added here.",
    )
    shipped_values = fields.Text(readonly=True, copy=False, groups="base.group_system")
    is_modified = fields.Boolean(
        string="Modified from the Shipped Data",
        compute="_compute_is_modified",
        search="_search_is_modified",
        help="The row differs from the data shipped with Spoticar (edited here): an upgrade "
        "does not overwrite it.",
    )

    # === Computes === #
    def _compute_is_modified(self):
        for record in self:
            shipped = record.sudo().shipped_values
            record.is_modified = bool(
                record.shipped_key and json.loads(shipped or "{}") != record._spoticar_row_values()
            )

    def _search_is_modified(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        modified = self.sudo().search([("shipped_key", "!=", False)]).filtered("is_modified")
        wanted = value if operator == "=" else not value
        return [("id", "in" if wanted else "not in", modified.ids)]

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get(LOADING):
            for vals in vals_list:
                for name in SHIPPED_FIELDS:
                    vals.pop(name, None)
        self.env.registry.clear_cache()  # the tariffs of the calculator (_spoticar_tariffs)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.context.get(LOADING):
            vals = {key: value for key, value in vals.items() if key not in SHIPPED_FIELDS}
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    # === Business === #
    def _spoticar_row_values(self):
        """The record as a row of the shipped data: ``{column: text}``."""
        raise NotImplementedError

    @api.model
    def _spoticar_record_vals(self, row):
        """Field values of a shipped row."""
        raise NotImplementedError

    @api.model
    def _spoticar_load_rows(self, rows):
        """Load ``[(key, row)]``: create the missing rows, update the rows nobody edited.

        A row that a manager edited, or that would now overlap a row added here, or that a
        business rule protects (a period used by confirmed orders), is kept as it is and
        logged. Returns the records created and updated.
        """
        model = self.sudo().with_context(**{LOADING: True, "tracking_disable": True})
        existing = {rec.shipped_key: rec for rec in model.search([("shipped_key", "!=", False)])}
        done = model.browse()
        to_create = []
        for key, row in rows:
            record = existing.get(key)
            if not record:
                to_create.append((key, row))
                continue
            previous = json.loads(record.shipped_values or "{}")
            if previous == row:
                continue
            vals = {"shipped_values": json.dumps(row, sort_keys=True)}
            if record._spoticar_row_values() == previous:
                vals.update(model._spoticar_record_vals(row))
            if model._spoticar_try(record.write, vals, key):
                done |= record
        for key, row in to_create:
            vals = dict(
                model._spoticar_record_vals(row),
                shipped_key=key,
                shipped_values=json.dumps(row, sort_keys=True),
            )
            created = model._spoticar_try(model.create, vals, key)
            if created:
                done |= created
        return done

    def _spoticar_try(self, method, vals, key):
        try:
            with self.env.cr.savepoint():
                result = method(vals)
                self.env.flush_all()
        except (UserError, ValidationError) as e:
            _logger.warning("%s: shipped row %s kept as it is here: %s", self._name, key, e)
            return False
        return result
