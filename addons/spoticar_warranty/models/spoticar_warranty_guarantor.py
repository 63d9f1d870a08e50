# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from spoticar_core import vocabulary

# NPO and the commercial guarantors of the Centralisateur (spoticar_core.vocabulary).
GUARANTOR_CODES = vocabulary.guarantor_selection()


class SpoticarWarrantyGuarantor(models.Model):
    _name = "spoticar.warranty.guarantor"
    _description = "Warranty guarantor"
    _order = "sequence, id"

    # === FIELDS === #
    name = fields.Char(required=True, translate=True)
    code = fields.Selection(GUARANTOR_CODES, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Guarantor (address)",
        help="Name, postal address and phone of the guarantor, printed on the "
        "subscription certificate (Code de la consommation L217-22).",
    )
    claim_instructions = fields.Text(
        string="How to claim",
        translate=True,
        help="Printed on the subscription certificate.",
    )
    note = fields.Text(translate=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "There is already a guarantor with this code.")
