# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from spoticar_core import advertising, vocabulary


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_mobility_message = fields.Selection(
        vocabulary.selection(advertising.MOBILITY_MESSAGES),
        string="Mobility message",
        default=advertising.DEFAULT_MOBILITY_MESSAGE,
        required=True,
        help="Shown with #SeDéplacerMoinsPolluer on every advertisement (website, feeds, "
        "showroom label): Code de la route L328-1.",
    )
    spoticar_website_show_vin = fields.Boolean(
        "Show the VIN on the website",
        help="Show the vehicles' VIN on their public page and in the marketplace feeds.",
    )

    def _spoticar_mobility_message_text(self):
        """The company's mobility message with its hashtag, in French: the legal wording."""
        self.ensure_one()
        return advertising.mobility_message(self.spoticar_mobility_message)
