# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import csv
import io

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from spoticar_core import register

# The register's columns in the CSV: (header, value of an entry).
CSV_COLUMNS = (
    ("Numéro", lambda e: e.name),
    ("Date d'entrée", lambda e: e.entry_date.isoformat()),
    ("Nature", lambda e: e.kind),
    ("Marque", lambda e: e.vehicle_make or ""),
    ("Modèle", lambda e: e.vehicle_model or ""),
    ("Version", lambda e: e.vehicle_version or ""),
    ("Couleur", lambda e: e.vehicle_color or ""),
    ("Kilométrage", lambda e: e.mileage),
    ("Immatriculation", lambda e: e.license_plate or ""),
    ("Type (D.2)", lambda e: e.registration_type or ""),
    ("VIN", lambda e: e.vin or ""),
    ("Pays d'origine", lambda e: e.origin_country or ""),
    ("Type de vendeur", lambda e: e.seller_type or ""),
    ("Vendeur", lambda e: e.seller_name or ""),
    ("Adresse du vendeur", lambda e: e.seller_address or ""),
    ("Pièce d'identité", lambda e: e.id_document_type or ""),
    ("Numéro de pièce", lambda e: e.id_document_number or ""),
    ("Délivrée le", lambda e: e.id_document_date.isoformat() if e.id_document_date else ""),
    ("Délivrée par", lambda e: e.id_document_authority or ""),
    ("SIRET du vendeur", lambda e: e.seller_siret or ""),
    ("Prix ou valeur estimée", lambda e: str(register.money(e.amount))),
    ("Valeur estimée", lambda e: "oui" if e.amount_is_estimate else "non"),
    ("Mode de paiement", lambda e: e.payment_mode or ""),
    ("Rectifie le numéro", lambda e: e.corrected_number or ""),
    ("Motif de la rectification", lambda e: e.correction_reason or ""),
    ("Date de sortie", lambda e: e.exit_date.isoformat() if e.exit_date else ""),
    ("Acheteur", lambda e: e.buyer_name or ""),
    ("Empreinte SHA-256", lambda e: e.content_hash or ""),
)


class SpoticarRegisterExport(models.TransientModel):
    _name = "spoticar.register.export"
    _description = "Livre de police export by period"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(
        "From",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(day=1),
    )
    date_to = fields.Date("To", required=True, default=fields.Date.context_today)
    csv_file = fields.Binary("CSV file", readonly=True, attachment=False)
    csv_filename = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(self.env._("Period: the start date is after the end date."))

    def _entries(self):
        self.ensure_one()
        entries = self.env["spoticar.register.entry"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("entry_date", ">=", self.date_from),
                ("entry_date", "<=", self.date_to),
            ]
        )
        if not entries:
            raise UserError(self.env._("The livre de police has no entry in this period."))
        return entries.sorted(lambda e: (e.establishment, e.number))

    def action_print_pdf(self):
        entries = self._entries()
        action = self.env.ref("spoticar_purchase.action_report_register").report_action(
            entries,
            data={
                "entry_ids": entries.ids,
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
        )
        action["close_on_report_download"] = True
        return action

    def _csv_content(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([header for header, _value in CSV_COLUMNS])
        for entry in self._entries():
            writer.writerow([value(entry) for _header, value in CSV_COLUMNS])
        # With a BOM: spreadsheets open it as UTF-8.
        return "\ufeff" + buffer.getvalue()

    def action_export_csv(self):
        self.ensure_one()
        content = self._csv_content()
        self.write(
            {
                "csv_file": base64.b64encode(content.encode()),
                "csv_filename": f"livre-de-police_{self.date_from}_{self.date_to}.csv",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={self._name}&id={self.id}&field=csv_file"
            "&filename_field=csv_filename&download=true",
            "target": "self",
        }
