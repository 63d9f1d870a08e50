# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

# The Cerfa is a French administrative form: printed in French wherever French is installed.
FORM_LANG = "fr_FR"


class ReportSpoticarPurchaseDeclaration(models.AbstractModel):
    _name = "report.spoticar_purchase.report_purchase_declaration"
    _description = "Purchase declaration (Cerfa 13751) PDF"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["purchase.order"].browse(docids)
        docs._spoticar_check_purchase_declaration()
        lang = self.env["res.lang"]._get_code(FORM_LANG) or self.env.lang
        declarations = []
        for order in docs.with_context(lang=lang):
            declarations.extend(order._spoticar_purchase_declaration_values())
        return {
            "doc_ids": docs.ids,
            "doc_model": "purchase.order",
            "docs": docs,
            "declarations": declarations,
            "form_lang": lang,
        }
