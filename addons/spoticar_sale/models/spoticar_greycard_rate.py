# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from decimal import ROUND_HALF_UP, Decimal

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare, float_round

from spoticar_core import exceptions as spoticar_exceptions
from spoticar_core import greycard as spoticar_greycard

from . import spoticar_greycard_shipped_mixin  # noqa: F401 (the mixin is defined first)

CENT = Decimal("0.01")
# Columns of regional_rates.csv (spoticar_core) that are fields of the same name here.
RATE_FIELDS = (
    "eur_per_cv",
    "exemption_electric_pct",
    "exemption_hybrid_pct",
    "exemption_e85_pct",
    "exemption_gpl_gnv_pct",
)
# A period used by confirmed orders: these fields never change (close it with valid_to instead).
FROZEN_FIELDS = ("region_code", "valid_from", *RATE_FIELDS)


def _text_amount(value):
    """``54.95`` or ``"54.950"`` → ``"54.95"``: the shipped rows compared to the cent."""
    return format(Decimal(str(value or 0)).quantize(CENT, ROUND_HALF_UP), "f")


def _text_date(value):
    return fields.Date.to_string(value) if value else ""


class SpoticarGreycardRate(models.Model):
    _name = "spoticar.greycard.rate"
    _description = "Carte Grise Regional Rate"
    _inherit = ["spoticar.greycard.shipped.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "region_code, valid_from desc"

    # === Fields === #
    region_code = fields.Selection(
        selection="_selection_region_code",
        string="Region",
        required=True,
        tracking=True,
        help="Region of the new holder (domicile, or establishment the vehicle is assigned to).",
    )
    valid_from = fields.Date(required=True, tracking=True)
    valid_to = fields.Date(
        tracking=True,
        help="Last day of the period; empty while it is in force. An open period is trusted "
        "until the 'reviewed until' date of the national parameters, or until the end of the "
        "year it starts in if that is later.",
    )
    eur_per_cv = fields.Float(
        string="Rate per CV",
        digits=(16, 2),
        required=True,
        tracking=True,
        help="Regional tax (Y1) per fiscal horsepower, in euros.",
    )
    exemption_electric_pct = fields.Float(
        string="Reduction Electric/Hydrogen (%)", digits=(5, 2), tracking=True
    )
    exemption_hybrid_pct = fields.Float(string="Reduction Hybrid (%)", digits=(5, 2), tracking=True)
    exemption_e85_pct = fields.Float(string="Reduction E85 (%)", digits=(5, 2), tracking=True)
    exemption_gpl_gnv_pct = fields.Float(
        string="Reduction LPG/CNG (%)", digits=(5, 2), tracking=True
    )
    source_url = fields.Char(string="Source", tracking=True, help="Deliberation or article.")
    note = fields.Text(tracking=True)
    order_count = fields.Integer(compute="_compute_order_count", string="Orders")

    @api.model
    def _selection_region_code(self):
        return spoticar_greycard.regions()

    # === Computes === #
    @api.depends("region_code", "valid_from", "valid_to")
    def _compute_display_name(self):
        regions = dict(self._fields["region_code"]._description_selection(self.env))
        for rate in self:
            rate.display_name = self.env._(
                "%(region)s from %(start)s",
                region=regions.get(rate.region_code, ""),
                start=fields.Date.to_string(rate.valid_from) if rate.valid_from else "",
            )

    def _compute_order_count(self):
        groups = dict(
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("registration_fee_rate_id", "in", self.ids)],
                ["registration_fee_rate_id"],
                ["__count"],
            )
        )
        for rate in self:
            rate.order_count = groups.get(rate, 0)

    # === Constraints === #
    @api.constrains("region_code", "valid_from", "valid_to", *RATE_FIELDS)
    def _check_period(self):
        for rate in self:
            if rate.valid_to and rate.valid_to < rate.valid_from:
                raise ValidationError(
                    self.env._(
                        "Carte grise rate %(rate)s: the period ends (Valid To) before it starts.",
                        rate=rate.display_name,
                    )
                )
            if rate.eur_per_cv < 0:
                raise ValidationError(
                    self.env._(
                        "Carte grise rate %(rate)s: the Rate per CV cannot be negative.",
                        rate=rate.display_name,
                    )
                )
            for name in RATE_FIELDS[1:]:
                if not 0 <= rate[name] <= 100:
                    raise ValidationError(
                        self.env._(
                            "Carte grise rate %(rate)s: %(field)s must be between 0 and 100.",
                            rate=rate.display_name,
                            field=self._fields[name].get_description(self.env)["string"],
                        )
                    )
            domain = Domain(
                [
                    ("id", "!=", rate.id),
                    ("region_code", "=", rate.region_code),
                    "|",
                    ("valid_to", "=", False),
                    ("valid_to", ">=", rate.valid_from),
                ]
            )
            if rate.valid_to:
                domain &= Domain("valid_from", "<=", rate.valid_to)
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "Carte grise rate %(rate)s overlaps the period %(other)s of the same "
                        "region: close that period (Valid To) before adding the new one.",
                        rate=rate.display_name,
                        other=other.display_name,
                    )
                )

    # === CRUD === #
    @api.model_create_multi
    def create(self, vals_list):
        rates = super().create(vals_list)
        rates._spoticar_close_rate_activities()
        return rates

    def write(self, vals):
        self._spoticar_check_frozen(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.filtered("order_count")
        if used:
            raise UserError(
                self.env._(
                    "Carte grise rate %(rate)s is used by orders: it cannot be deleted. Close "
                    "it with Valid To and add a new period instead.",
                    rate=used[:1].display_name,
                )
            )

    # === Actions === #
    def action_spoticar_recompute_estimated_orders(self):
        """Recompute the orders estimated in the regions of these rates (not invoiced)."""
        orders = self.env["sale.order"].search(
            [
                ("registration_fee_estimate", "=", True),
                ("registration_fee_rate_id.region_code", "in", self.mapped("region_code")),
                ("state", "!=", "cancel"),
            ]
        )
        done = orders._spoticar_recompute_estimates()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if done else "info",
                "message": self.env._(
                    "%(count)s order(s) recomputed, %(left)s still estimated.",
                    count=len(done),
                    left=len(orders.filtered("registration_fee_estimate")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_spoticar_view_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("registration_fee_rate_id", "=", self.id)],
        }

    # === Business === #
    def _spoticar_check_frozen(self, vals):
        """A period used by confirmed orders is closed (valid_to), never overwritten."""
        changed = [name for name in FROZEN_FIELDS if name in vals]
        if not changed and "valid_to" not in vals:
            return
        confirmed = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("registration_fee_rate_id", "in", self.ids),
                    ("state", "=", "sale"),
                    ("registration_fee_estimate", "=", False),
                ]
            )
        )
        for rate in self:
            orders = confirmed.filtered(lambda o, rate=rate: o.registration_fee_rate_id == rate)
            if not orders:
                continue
            differs = [name for name in changed if rate._spoticar_differs(name, vals[name])]
            if differs:
                raise UserError(
                    self.env._(
                        "Carte grise rate %(rate)s is used by confirmed orders (%(orders)s): "
                        "it cannot be changed. Close it with Valid To and add a new period.",
                        rate=rate.display_name,
                        orders=", ".join(orders[:5].mapped("name")),
                    )
                )
            if "valid_to" in vals and vals["valid_to"]:
                last_day = max(o._spoticar_registration_fee_date() for o in orders)
                if fields.Date.to_date(vals["valid_to"]) < last_day:
                    raise UserError(
                        self.env._(
                            "Carte grise rate %(rate)s is used by confirmed orders up to "
                            "%(day)s: it cannot close before that day.",
                            rate=rate.display_name,
                            day=fields.Date.to_string(last_day),
                        )
                    )

    def _spoticar_differs(self, name, value):
        self.ensure_one()
        field = self._fields[name]
        if field.type == "float":
            return float_compare(value or 0.0, self[name], precision_digits=2) != 0
        if field.type == "date":
            return fields.Date.to_date(value) != self[name]
        return (value or False) != (self[name] or False)

    def _spoticar_row_values(self):
        """The record as a row of regional_rates.csv (text), to compare with the shipped row."""
        self.ensure_one()
        row = {
            "region_code": self.region_code or "",
            "valid_from": _text_date(self.valid_from),
            "valid_to": _text_date(self.valid_to),
            "source_url": (self.source_url or "").strip(),
            "note": (self.note or "").strip(),
        }
        row.update({name: _text_amount(self[name]) for name in RATE_FIELDS})
        return row

    def _spoticar_core_row(self):
        """The row given to the spoticar_core calculator (Tariffs.from_rows)."""
        self.ensure_one()
        row = {
            "ref": self.id,
            "region_code": self.region_code,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to or False,
            "source_url": self.source_url or "",
            "note": self.note or False,
        }
        row.update({name: float_round(self[name], precision_digits=2) for name in RATE_FIELDS})
        return row

    @api.model
    def _spoticar_normalize_row(self, row):
        values = {
            "region_code": row["region_code"].strip(),
            "valid_from": row["valid_from"].strip(),
            "valid_to": (row.get("valid_to") or "").strip(),
            "source_url": (row.get("source_url") or "").strip(),
            "note": (row.get("note") or "").strip(),
        }
        values.update({name: _text_amount(row[name]) for name in RATE_FIELDS})
        return values

    @api.model
    def _spoticar_record_vals(self, row):
        vals = {
            "region_code": row["region_code"],
            "valid_from": row["valid_from"],
            "valid_to": row["valid_to"] or False,
            "source_url": row["source_url"] or False,
            "note": row["note"] or False,
        }
        vals.update({name: float(row[name]) for name in RATE_FIELDS})
        return vals

    @api.model
    def _spoticar_load_shipped_rates(self):
        """Load the rows of spoticar_core's regional_rates.csv (install and upgrade)."""
        rows = []
        for row in spoticar_greycard.package_rate_rows():
            values = self._spoticar_normalize_row(row)
            rows.append((f"{values['region_code']}|{values['valid_from']}", values))
        return self._spoticar_load_rows(rows)

    @api.model
    def _spoticar_load_shipped_data(self):
        """Called at install (post-init hook) and at each upgrade (data file)."""
        self._spoticar_load_shipped_rates()
        self.env["spoticar.greycard.national"]._spoticar_load_shipped_parameters()
        return True

    @api.model
    def _spoticar_tariffs(self):
        """The spoticar_core Tariffs of the records of this database.

        Built once per registry (about a hundred rows read and parsed at each order otherwise)
        and cleared by any create, write or unlink of a rate or a national parameter, in every
        worker (Odoo's registry cache signaling)."""
        return self._spoticar_tariffs_cached()

    @tools.ormcache()
    def _spoticar_tariffs_cached(self):
        greycard = spoticar_greycard
        rates = self.sudo().search([])
        national = self.env["spoticar.greycard.national"]._spoticar_national()
        try:
            return greycard.Tariffs.from_rows(
                [rate._spoticar_core_row() for rate in rates], national=national
            )
        except spoticar_exceptions.SpoticarError as e:
            raise UserError(
                self.env._(
                    "The carte grise tariffs of the database are inconsistent: %(error)s",
                    error=str(e),
                )
            ) from e

    def _spoticar_close_rate_activities(self):
        """A new period entered: the activities asking for it on the previous periods are done."""
        activity_type = self.env.ref(
            "spoticar_sale.mail_activity_type_greycard_rate", raise_if_not_found=False
        )
        if not activity_type:
            return
        for rate in self:
            previous = self.sudo().search(
                [
                    ("region_code", "=", rate.region_code),
                    ("valid_from", "<", rate.valid_from),
                ]
            )
            activities = previous.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
            if activities:
                activities.action_feedback(
                    feedback=self.env._("New period entered: %(rate)s", rate=rate.display_name)
                )
