# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # === Company fields (dealer profile) === #
    spoticar_dealer_code = fields.Char(related="company_id.spoticar_dealer_code", readonly=False)
    spoticar_stellantis_code = fields.Char(
        related="company_id.spoticar_stellantis_code", readonly=False
    )
    spoticar_icare_identifier = fields.Char(
        related="company_id.spoticar_icare_identifier", readonly=False
    )
    spoticar_guarantor_npo = fields.Boolean(
        string="NPO: Nouvelle Prestation Obligatoire",
        default=True,
        readonly=True,
        help="Always enabled: every sale is declared for customer relations and assistance.",
    )
    spoticar_guarantor_stellantis = fields.Boolean(
        related="company_id.spoticar_guarantor_stellantis", readonly=False
    )
    spoticar_guarantor_autogarantie = fields.Boolean(
        related="company_id.spoticar_guarantor_autogarantie", readonly=False
    )
    spoticar_guarantor_cirano = fields.Boolean(
        related="company_id.spoticar_guarantor_cirano", readonly=False
    )
    spoticar_cirano_identifier = fields.Char(
        related="company_id.spoticar_cirano_identifier", readonly=False
    )

    # Checked on the settings (both values are there), not on the company: the settings
    # write the related company fields one at a time.
    @api.constrains("spoticar_guarantor_cirano", "spoticar_cirano_identifier")
    def _check_spoticar_cirano_identifier(self):
        for settings in self:
            if (
                settings.spoticar_guarantor_cirano
                and not (settings.spoticar_cirano_identifier or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Company %(company)s: the Cirano identifier is required when "
                        "Garantie Cirano is enabled.",
                        company=settings.company_id.name,
                    )
                )
