# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _spoticar_seller_type(self):
        """ "private" or "professional", from the customer type (a company is a professional)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if partner.l10n_fr_customer_type == "professional" or (
            not partner.l10n_fr_customer_type and partner.is_company
        ):
            return "professional"
        return "private"

    def _spoticar_register_seller_vals(self):
        """The seller's identity as the livre de police holds it (R321-3 / R321-5)."""
        self.ensure_one()
        partner = self.sudo().commercial_partner_id
        seller_type = self._spoticar_seller_type()
        address = ", ".join(
            part
            for part in (
                partner.street,
                partner.street2,
                " ".join(p for p in (partner.zip, partner.city) if p),
                partner.country_id.name if partner.country_id.code not in (False, "FR") else "",
            )
            if part
        )
        vals = {
            "partner_id": partner.id,
            "seller_type": seller_type,
            "seller_name": partner.name or False,
            "seller_address": address or False,
            "id_document_type": False,
            "id_document_number": False,
            "id_document_date": False,
            "id_document_authority": False,
            "seller_siret": False,
        }
        if seller_type == "professional":
            vals["seller_siret"] = "".join((partner.company_registry or "").split()) or False
        else:
            document = partner.identity_document_id
            vals.update(
                id_document_type=document.category_id.name or False,
                id_document_number=document.name or False,
                id_document_date=document.date_issued or False,
                id_document_authority=document.partner_issued_id.name
                or document.place_issuance
                or False,
            )
        return vals
