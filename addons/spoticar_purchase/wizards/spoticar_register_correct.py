# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from spoticar_core import register, vocabulary

from ..models.spoticar_register_entry import CHAIN_FIELDS

# What a manager may correct on an entry: the vehicle, the seller and the money as written (the
# content of the chain but its numbering, its date, its nature and the correction's own fields).
CORRECTABLE_FIELDS = tuple(
    name
    for name in CHAIN_FIELDS
    if name
    not in (
        "number",
        "establishment",
        "entry_date",
        "kind",
        "seller_type",
        "corrected_number",
        "correction_reason",
    )
)


class SpoticarRegisterCorrect(models.TransientModel):
    """Correct a livre de police entry: the entry stays as written, a new entry carries the
    corrected values and points at it (append-only register)."""

    _name = "spoticar.register.correct"
    _description = "Correct a livre de police entry"

    entry_id = fields.Many2one("spoticar.register.entry", required=True, readonly=True)
    reason = fields.Char(required=True, help="Why the entry is corrected; printed on the register.")
    currency_id = fields.Many2one(related="entry_id.currency_id")
    vehicle_make = fields.Char("Make")
    vehicle_model = fields.Char("Model")
    vehicle_version = fields.Char("Version")
    vehicle_color = fields.Char("Colour")
    mileage = fields.Integer("Mileage (km)")
    license_plate = fields.Char("License plate")
    registration_type = fields.Char("Type CG (D.2)")
    vin = fields.Char("VIN")
    origin_country = fields.Char("Country of origin")
    seller_name = fields.Char("Seller name")
    seller_address = fields.Char("Seller address")
    id_document_type = fields.Char("Identity document")
    id_document_number = fields.Char("Identity document number")
    id_document_date = fields.Date("Identity document issued on")
    id_document_authority = fields.Char("Identity document issued by")
    seller_siret = fields.Char("Seller SIRET")
    amount = fields.Monetary("Price or estimated value")
    payment_mode = fields.Selection(
        vocabulary.selection(register.PAYMENT_MODES), string="Payment mode"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        entry = self.env["spoticar.register.entry"].browse(
            values.get("entry_id") or self.env.context.get("active_id")
        )
        if entry:
            values["entry_id"] = entry.id
            for name in CORRECTABLE_FIELDS:
                if name in fields_list:
                    values[name] = entry[name]
        return values

    def action_correct(self):
        self.ensure_one()
        entry = self.entry_id
        if entry.is_corrected:
            raise UserError(
                self.env._(
                    "Entry %(entry)s is already corrected: correct its latest correction.",
                    entry=entry.name,
                )
            )
        changes = {name: self[name] for name in CORRECTABLE_FIELDS if self[name] != entry[name]}
        if not changes:
            raise UserError(
                self.env._("Nothing differs from the entry: there is nothing to correct.")
            )
        correction = entry._register_correct(changes, self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "spoticar.register.entry",
            "res_id": correction.id,
            "view_mode": "form",
        }
