# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from spoticar_core import formalities, limits

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_register_scope = fields.Selection(
        [("company", "Company"), ("warehouse", "Warehouse")],
        string="Livre de police per",
        default="company",
        required=True,
        help="The establishment that keeps a livre de police numbered without gap: the whole "
        "company, or each warehouse (a site declared on its own to the préfecture).",
    )
    spoticar_appraisal_margin = fields.Float(
        "Target margin on trade-ins (%)",
        default=15.0,
        help="The appraisal's offer is the market value minus the repairs minus this share of "
        "the market value.",
    )
    spoticar_appraisal_limit = fields.Monetary(
        "Salesperson's offer limit",
        currency_field="currency_id",
        default=10000.0,
        help="An appraisal offering more than this amount needs a Spoticar manager's approval.",
    )

    spoticar_w_garage_number = fields.Char(
        "W garage number",
        help="The number of the company's W garage certificate (Cerfa 13752), printed on the "
        "purchase declarations (Cerfa 13751).",
    )
    spoticar_w_garage_year = fields.Integer(
        "W garage valid for year",
        aggregator=False,
        help="The calendar year the W garage certificate is valid for. From 1 November of that "
        "year, the Spoticar managers get an activity to renew it before 31 December.",
    )
    spoticar_w_garage_reminded_year = fields.Integer(
        "W garage renewal reminded for year",
        readonly=True,
        copy=False,
        aggregator=False,
        help="The year of validity whose renewal activity was scheduled (never twice).",
    )

    @api.constrains("spoticar_w_garage_number", "spoticar_w_garage_year")
    def _check_spoticar_w_garage(self):
        today = fields.Date.context_today(self)
        years = limits.w_garage_year_range(today)
        for company in self:
            number = company.spoticar_w_garage_number
            if number and (
                limits.text_problem(number, limits.W_GARAGE_NUMBER_MAX_LENGTH) is not None
            ):
                raise ValidationError(
                    self.env._(
                        "W garage number: type the number of the certificate, at most "
                        "%(max)s characters.",
                        max=limits.W_GARAGE_NUMBER_MAX_LENGTH,
                    )
                )
            year = company.spoticar_w_garage_year
            if year and not years.contains(year):
                raise ValidationError(
                    self.env._(
                        "W garage valid for year: %(year)s is not a possible year of validity "
                        "(from %(first)s to %(last)s).",
                        year=year,
                        first=years.minimum,
                        last=years.maximum,
                    )
                )

    def _spoticar_register_establishment(self, warehouse=None):
        """(establishment key, register number prefix) of an entry of this company."""
        self.ensure_one()
        if self.spoticar_register_scope == "warehouse":
            warehouse = warehouse or self.env["stock.warehouse"].sudo().search(
                [("company_id", "=", self.id)], limit=1
            )
            if warehouse:
                return f"warehouse-{warehouse.id}", f"LP-{warehouse.code}-"
        return f"company-{self.id}", "LP-"

    # === W GARAGE RENEWAL === #
    @api.model
    def _cron_spoticar_w_garage_renewal(self, today=None):
        """Daily: from 1 November of its year of validity, one activity per company and year
        to a Spoticar manager of the company: renew the W garage before 31 December."""
        today = today or fields.Date.context_today(self)
        companies = (
            self.sudo()
            .search([("spoticar_w_garage_year", "!=", 0)])
            .filtered(
                lambda c: (
                    c.spoticar_w_garage_reminded_year != c.spoticar_w_garage_year
                    and formalities.w_garage_renewal_due(today, c.spoticar_w_garage_year)
                )
            )
        )
        for company in companies:
            company._spoticar_schedule_w_garage_renewal()

    def _spoticar_schedule_w_garage_renewal(self):
        """The renewal activity of this company's W garage, to its first Spoticar manager (an
        active internal user of the company; OdooBot, inactive, never)."""
        self.ensure_one()
        managers = self._spoticar_managers()
        if not managers:
            _logger.warning(
                "W garage of %s to renew: the company has no Spoticar manager", self.name
            )
            return
        _first, last = formalities.w_garage_renewal_window(self.spoticar_w_garage_year)
        manager = managers[0]
        self.env["mail.activity"].sudo().create(
            {
                "activity_type_id": self.env.ref(
                    "spoticar_purchase.mail_activity_type_w_garage_renewal"
                ).id,
                "user_id": manager.id,
                "date_deadline": last,
                "summary": self.with_context(lang=manager.lang).env._(
                    "Renew the W garage before 31 December"
                ),
                "note": self.with_context(lang=manager.lang).env._(
                    "%(company)s: the W garage certificate %(number)s is valid until 31 December "
                    "%(year)s. Renew it (Cerfa 13752) between 1 November and 31 December, then "
                    "enter the new year of validity in the settings.",
                    company=self.name,
                    number=self.spoticar_w_garage_number or "-",
                    year=self.spoticar_w_garage_year,
                ),
            }
        )
        self.sudo().spoticar_w_garage_reminded_year = self.spoticar_w_garage_year
