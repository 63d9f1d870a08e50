# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from spoticar_core import greycard as spoticar_greycard

from .spoticar_greycard_rate import _text_amount, _text_date

# Keys of spoticar_core's greycard_national.json that are managed here.
AMOUNT_KINDS = ("y4_taxe_fixe", "y5_redevance")
KNOWN_UNTIL = "known_until"


class SpoticarGreycardNational(models.Model):
    _name = "spoticar.greycard.national"
    _description = "Carte Grise National Parameter"
    _inherit = ["spoticar.greycard.shipped.mixin", "mail.thread"]
    _order = "kind, valid_from desc"

    kind = fields.Selection(
        [
            ("y4_taxe_fixe", "Y4 - Fixed tax"),
            ("y5_redevance", "Y5 - Delivery fee"),
            ("known_until", "Tariffs reviewed until"),
        ],
        string="Parameter",
        required=True,
        tracking=True,
    )
    valid_from = fields.Date(tracking=True, help="First day of the amount (Y4, Y5).")
    valid_to = fields.Date(tracking=True, help="Last day of the amount; empty while in force.")
    amount = fields.Float(digits=(16, 2), tracking=True, help="Amount in euros (Y4, Y5).")
    date_value = fields.Date(
        string="Reviewed Until",
        tracking=True,
        help="Last day for which the carte grise tariffs were reviewed: after it, an open "
        "period of a region is only an estimate (to be confirmed).",
    )
    source_url = fields.Char(string="Source", tracking=True)
    note = fields.Text(tracking=True)

    # === Computes === #
    @api.depends("kind", "valid_from", "date_value")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            day = record.date_value if record.kind == KNOWN_UNTIL else record.valid_from
            record.display_name = f"{kinds.get(record.kind, '')} ({_text_date(day)})"

    # === Constraints === #
    @api.constrains("kind", "valid_from", "valid_to", "amount", "date_value")
    def _check_values(self):
        for record in self:
            if record.kind == KNOWN_UNTIL:
                if not record.date_value:
                    raise ValidationError(self.env._("Fill in the Reviewed Until date."))
                if self.sudo().search_count(
                    [("kind", "=", KNOWN_UNTIL), ("id", "!=", record.id)], limit=1
                ):
                    raise ValidationError(
                        self.env._("There is already a 'Tariffs reviewed until' date: edit it.")
                    )
                continue
            if not record.valid_from:
                raise ValidationError(
                    self.env._("Fill in the Valid From date of %(name)s.", name=record.display_name)
                )
            if record.amount < 0 or (record.valid_to and record.valid_to < record.valid_from):
                raise ValidationError(
                    self.env._(
                        "%(name)s: a positive amount and a period that ends after it starts.",
                        name=record.display_name,
                    )
                )
            domain = Domain(
                [
                    ("id", "!=", record.id),
                    ("kind", "=", record.kind),
                    "|",
                    ("valid_to", "=", False),
                    ("valid_to", ">=", record.valid_from),
                ]
            )
            if record.valid_to:
                domain &= Domain("valid_from", "<=", record.valid_to)
            if self.sudo().search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(name)s overlaps another period of the same parameter: close it "
                        "(Valid To) first.",
                        name=record.display_name,
                    )
                )

    # === Business === #
    def _spoticar_row_values(self):
        self.ensure_one()
        if self.kind == KNOWN_UNTIL:
            return {"kind": KNOWN_UNTIL, "date_value": _text_date(self.date_value)}
        return {
            "kind": self.kind,
            "valid_from": _text_date(self.valid_from),
            "valid_to": _text_date(self.valid_to),
            "amount": _text_amount(self.amount),
            "source_url": (self.source_url or "").strip(),
        }

    @api.model
    def _spoticar_record_vals(self, row):
        if row["kind"] == KNOWN_UNTIL:
            return {"kind": KNOWN_UNTIL, "date_value": row["date_value"]}
        return {
            "kind": row["kind"],
            "valid_from": row["valid_from"],
            "valid_to": row["valid_to"] or False,
            "amount": float(row["amount"]),
            "source_url": row["source_url"] or False,
        }

    @api.model
    def _spoticar_load_shipped_parameters(self):
        national = spoticar_greycard.package_national()
        rows = [(KNOWN_UNTIL, {"kind": KNOWN_UNTIL, "date_value": national[KNOWN_UNTIL]})]
        for kind in AMOUNT_KINDS:
            for item in national[kind]:
                row = {
                    "kind": kind,
                    "valid_from": item["valid_from"],
                    "valid_to": item.get("valid_to") or "",
                    "amount": _text_amount(item["amount"]),
                    "source_url": (item.get("source") or "").strip(),
                }
                rows.append((f"{kind}|{row['valid_from']}", row))
        return self._spoticar_load_rows(rows)

    @api.model
    def _spoticar_national(self):
        """The national parameters of this database, as greycard_national.json writes them."""
        national = {}
        for record in self.sudo().search([]):
            if record.kind == KNOWN_UNTIL:
                national[KNOWN_UNTIL] = record.date_value
            else:
                national.setdefault(record.kind, []).append(
                    {
                        "valid_from": record.valid_from,
                        "valid_to": record.valid_to or "",
                        "amount": _text_amount(record.amount),
                    }
                )
        return national
