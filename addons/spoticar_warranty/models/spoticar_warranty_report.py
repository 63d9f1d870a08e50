# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportInformationStatement(models.AbstractModel):
    """Both warranty documents: printable once the warranty is declared."""

    _name = "report.spoticar_warranty.report_information_statement"
    _description = "Warranty information statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["spoticar.warranty"].browse(docids)
        docs._check_printable()
        return {
            "doc_ids": docids,
            "doc_model": "spoticar.warranty",
            "docs": docs,
        }


class ReportSubscriptionCertificate(models.AbstractModel):
    _name = "report.spoticar_warranty.report_subscription_certificate"
    _inherit = "report.spoticar_warranty.report_information_statement"
    _description = "Warranty subscription certificate"
