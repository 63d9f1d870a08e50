# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

REQUEST_TYPE_SELECTION = [("contact", "Information request"), ("test_drive", "Test drive")]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    spoticar_vehicle_id = fields.Many2one(
        "product.template",
        string="Vehicle",
        domain="[('is_vehicle', '=', True)]",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        help="The stock vehicle the request is about (public stock page).",
    )
    spoticar_request_type = fields.Selection(REQUEST_TYPE_SELECTION, string="Request")

    @api.model
    def _spoticar_create_from_website(self, vehicle, form):
        """The lead of a request sent from the vehicle's public page, for the vehicle's company,
        not assigned (the public user is nobody's salesperson)."""
        company = vehicle.company_id
        request_label = dict(
            self._fields["spoticar_request_type"]._description_selection(self.env)
        )[form["request_type"]]
        team = self.env["crm.team"].search(
            [("company_id", "in", [company.id, False])], order="company_id, sequence, id", limit=1
        )
        use_leads = (
            self.env.ref("crm.group_use_lead").sudo().user_ids.filtered(lambda user: not user.share)
        )
        return self.with_company(company).create(
            {
                "name": self.env._(
                    "%(request)s: %(vehicle)s",
                    request=request_label,
                    vehicle=vehicle.display_name,
                ),
                "type": "lead" if use_leads else "opportunity",
                "contact_name": form["name"],
                "email_from": form["email"] or False,
                "phone": form["phone"] or False,
                "description": form["message"] or False,
                "company_id": company.id,
                "team_id": team.id,
                "user_id": False,
                "spoticar_vehicle_id": vehicle.id,
                "spoticar_request_type": form["request_type"],
                "medium_id": self.env.ref("utm.utm_medium_website", raise_if_not_found=False).id,
            }
        )
