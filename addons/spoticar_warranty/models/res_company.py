# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import RedirectWarning, UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    # === FIELDS === #
    spoticar_dealer_code = fields.Char(
        string="Spoticar RRD code",
        help="Dealer code (RRD) given by Stellantis, e.g. 953617Z. Printed on the "
        "documents and sent with every declaration.",
        copy=False,
    )
    spoticar_stellantis_code = fields.Char(
        string="Stellantis T code",
        copy=False,
    )
    spoticar_icare_identifier = fields.Char(
        string="Icare identifier",
        help="Identifier of the dealer on the Icare platform, required by the NPO "
        "(Nouvelle Prestation Obligatoire) declaration.",
        copy=False,
    )
    spoticar_guarantor_stellantis = fields.Boolean(
        string="Garantie SPOTICAR Stellantis",
        copy=False,
    )
    spoticar_guarantor_autogarantie = fields.Boolean(
        string="Auto Garantie",
        copy=False,
    )
    spoticar_guarantor_cirano = fields.Boolean(
        string="Garantie Cirano",
        copy=False,
    )
    spoticar_cirano_identifier = fields.Char(
        string="Cirano identifier",
        copy=False,
    )

    # === BUSINESS METHODS === #
    def _spoticar_get_enabled_guarantors(self):
        """Guarantors the company declares with: NPO always, then the enabled ones."""
        self.ensure_one()
        Guarantor = self.env["spoticar.warranty.guarantor"].sudo()
        codes = ["npo"]
        if self.spoticar_guarantor_stellantis:
            codes.append("spoticar_stellantis")
        if self.spoticar_guarantor_autogarantie:
            codes.append("autogarantie")
        if self.spoticar_guarantor_cirano:
            codes.append("cirano")
        return Guarantor.search([("code", "in", codes)])

    def _spoticar_get_setup_problems(self):
        """French list of what is missing in the dealer profile (empty when ready)."""
        self.ensure_one()
        company = self.sudo()
        problems = []
        if not (company.spoticar_dealer_code or "").strip():
            problems.append(self.env._("The Spoticar RRD dealer code is not set."))
        if not (company.spoticar_icare_identifier or "").strip():
            problems.append(self.env._("The Icare identifier (required by NPO) is not set."))
        if not (
            company.spoticar_guarantor_stellantis
            or company.spoticar_guarantor_autogarantie
            or company.spoticar_guarantor_cirano
        ):
            problems.append(self.env._("No commercial guarantor is enabled for the company."))
        if (
            company.spoticar_guarantor_cirano
            and not (company.spoticar_cirano_identifier or "").strip()
        ):
            problems.append(self.env._("The Cirano identifier is not set."))
        return problems

    def _spoticar_check_warranty_setup(self):
        """Lead the user to the dealer profile when the guarantors are not set up.

        Administrators get a RedirectWarning to the settings; other users are told
        to ask their administrator (they cannot change the settings).
        """
        self.ensure_one()
        problems = self._spoticar_get_setup_problems()
        if not problems:
            return True
        message = "\n".join(
            [
                self.env._(
                    "Before declaring a first warranty, set up the dealer profile and "
                    "the guarantors of %(company)s:",
                    company=self.name,
                )
            ]
            + ["- %s" % problem for problem in problems]
        )
        if self.env.user.has_group("base.group_system"):
            action = self.env.ref("spoticar_warranty.res_config_settings_action_spoticar_warranty")
            raise RedirectWarning(message, action.id, self.env._("Set up the guarantors"))
        raise UserError(
            message + "\n" + self.env._("Ask an administrator to complete the Spoticar settings.")
        )
