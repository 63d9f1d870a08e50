# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from .common import MANAGER_GROUP


class ResCompany(models.Model):
    _inherit = "res.company"

    def _spoticar_managers(self):
        """The Spoticar managers who can take this company's activities: active internal users
        of the manager group, directly or through an implied group, working in the company,
        by id (the first one is the company's addressee).

        The group's members include OdooBot (``base.user_root``, put there by this addon's
        data and inactive) and may include archived managers: an activity given to them is
        seen by nobody."""
        self.ensure_one()
        return (
            self.env.ref(MANAGER_GROUP)
            .sudo()
            .all_user_ids.filtered(
                lambda user: user.active and not user.share and self in user.company_ids
            )
            .sorted("id")
        )
