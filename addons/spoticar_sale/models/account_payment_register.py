# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from spoticar_core import register


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    def _create_payments(self):
        self._spoticar_check_cash_cap()
        return super()._create_payments()

    def _spoticar_is_cash(self, invoice):
        """A payment in a cash journal, or of an invoice whose order is paid in cash."""
        return (
            self.journal_id.type == "cash"
            or "cash" in invoice.line_ids.sale_line_ids.order_id.mapped("payment_mode")
        )

    def _spoticar_check_cash_cap(self):
        """A customer pays an invoice in cash up to the legal cap only (Code monétaire et
        financier L112-6, D112-3): what it already paid in cash plus this payment."""
        if self.payment_type != "inbound" or self.partner_type != "customer":
            return
        invoices = self.line_ids.move_id.filtered(lambda m: m.move_type == "out_invoice")
        eur = self.env.ref("base.EUR")
        day = self.payment_date or fields.Date.context_today(self)
        for invoice in invoices:
            if not self._spoticar_is_cash(invoice):
                continue
            paid_cash = sum(
                payment.currency_id._convert(payment.amount, eur, invoice.company_id, day)
                for payment in invoice._get_reconciled_payments().filtered(
                    lambda p: p.journal_id.type == "cash"
                )
            )
            if len(invoices) == 1:
                amount, currency = self.amount, self.currency_id
            else:
                amount, currency = invoice.amount_residual, invoice.currency_id
            total = paid_cash + currency._convert(amount, eur, invoice.company_id, day)
            professional, resident = invoice.partner_id._spoticar_cash_debtor()
            if not register.cash_allowed(total, professional, resident):
                raise UserError(
                    self.env._(
                        "Journal: invoice %(invoice)s cannot be paid in cash: %(amount)s in "
                        "cash is above the legal cap of %(cap)s EUR for this customer (Code "
                        "monétaire et financier L112-6 and D112-3). Register it with a bank "
                        "journal (transfer, card, cheque).",
                        invoice=invoice.name,
                        amount=formatLang(self.env, total, currency_obj=eur),
                        cap=register.cash_cap(professional, resident),
                    )
                )
