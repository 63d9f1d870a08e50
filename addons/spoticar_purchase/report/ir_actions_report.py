# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

REGISTER_REPORT = "spoticar_purchase.report_register"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, report_type = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        ids = res_ids or (data or {}).get("entry_ids")
        if report.report_name == REGISTER_REPORT and report_type == "pdf" and ids:
            entries = self.env["spoticar.register.entry"].browse(ids)
            content = self._spoticar_stamp_register_pages(content, entries)
        return content, report_type

    def _spoticar_stamp_register_pages(self, pdf, entries):
        """The establishment on top of every page and "Page i / n" at its foot.

        Stamped on the PDF itself: a wkhtmltopdf built on an unpatched Qt ignores the layout's
        header and footer, and a register's pages must be numbered (R321-6).
        """
        company = entries[:1].company_id
        warehouse = (
            entries[:1].warehouse_id
            if (entries[:1].establishment or "").startswith("warehouse-")
            else None
        )
        establishment = " - ".join(
            part
            for part in (
                company.name,
                warehouse.name if warehouse else "",
                f"SIRET {company.company_registry}" if company.company_registry else "",
            )
            if part
        )
        title = self.env._("Livre de police")
        reader = PdfFileReader(io.BytesIO(pdf), overwriteWarnings=False)
        count = reader.getNumPages()
        writer = PdfFileWriter()
        for index in range(count):
            page = reader.getPage(index)
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            stamp = io.BytesIO()
            can = canvas.Canvas(stamp, pagesize=(width, height))
            can.setFont("Helvetica", 8)
            can.drawString(20, height - 20, f"{title} - {establishment}")
            can.drawRightString(
                width - 20,
                12,
                self.env._("Page %(page)s / %(count)s", page=index + 1, count=count),
            )
            can.save()
            page.mergePage(PdfFileReader(stamp, overwriteWarnings=False).getPage(0))
            writer.addPage(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
