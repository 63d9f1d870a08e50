# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reconditioning stage of a vehicle entering the stock (to prepare, in preparation, ready
for sale), and what "available for sale" means for the stock list and the publishing feed."""

from odoo import api, fields, models
from odoo.fields import Domain

from spoticar_core import stock, vocabulary


class ProductTemplate(models.Model):
    _inherit = "product.template"

    spoticar_recon_state = fields.Selection(
        vocabulary.selection(stock.RECON_STATES),
        string="Reconditioning",
        default=stock.RECON_NEW,
        index=True,
        tracking=True,
        copy=False,
        help="Preparation of the vehicle entering the stock; only a vehicle ready for sale is "
        "shown as available.",
    )
    spoticar_recon_date = fields.Date(
        "Planned ready date", copy=False, help="Date the preparation should be finished."
    )
    spoticar_recon_user_id = fields.Many2one(
        "res.users",
        string="Preparation by",
        copy=False,
        domain="[('share', '=', False)]",
        help="Person in charge of the preparation.",
    )

    @api.model
    def _spoticar_available_domain(self):
        """Vehicles available for sale: in stock, neither reserved nor sold, ready for sale."""
        return Domain(
            [
                ("is_vehicle", "=", True),
                ("vehicle_state", "in", stock.IN_STOCK_STATES),
                ("spoticar_recon_state", "=", stock.RECON_READY),
            ]
        )

    def action_spoticar_recon_start(self):
        self.write({"spoticar_recon_state": "in_preparation"})
        return True

    def action_spoticar_recon_ready(self):
        self.write({"spoticar_recon_state": stock.RECON_READY})
        return True

    @api.model
    def _spoticar_recon_demo_ready(self):
        """Demo: the vehicles of the demo data are ready for sale, as those of a running stock."""
        self.search([("is_vehicle", "=", True)]).write({"spoticar_recon_state": stock.RECON_READY})
