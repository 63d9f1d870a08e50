# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.fields import Command

MARGIN_LEGAL_NOTE = "Régime particulier – Biens d'occasion"


class ResCompany(models.Model):
    _inherit = "res.company"

    spoticar_registration_fee_product_id = fields.Many2one(
        "product.product",
        string="Carte Grise Product",
        help="Service product used for the carte grise lines (disbursement, no VAT).",
    )
    spoticar_margin_tax_id = fields.Many2one(
        "account.tax",
        string="Margin Scheme Tax",
        check_company=True,
        help="Sale tax of vehicles sold under the margin scheme: price including tax, VAT "
        "on the margin, never printed; carries the legal mention of the invoice.",
    )
    spoticar_normal_tax_id = fields.Many2one(
        "account.tax",
        string="Normal VAT Tax",
        check_company=True,
        help="Sale tax (price including tax) of vehicles sold under the normal VAT regime.",
    )
    spoticar_margin_vat_rate = fields.Float(
        string="Margin VAT Rate (%)",
        default=20.0,
        help="VAT rate applied to the margin (sale price - purchase price, both including tax).",
    )
    spoticar_order_conditions = fields.Html(
        string="Order Form Conditions",
        translate=True,
        help="Extra conditions printed on the Proposition / Bon de commande.",
    )

    def _spoticar_get_vehicle_tax(self, regime):
        """The sale tax of a vehicle line for the given VAT regime, created when missing.

        Works on a database without chart of accounts as well as with l10n_fr: the tax is
        looked up on the company, then among the company's price-included sale taxes, and
        only then created (with its own tax group when the company has none).
        """
        self.ensure_one()
        field = "spoticar_margin_tax_id" if regime == "margin" else "spoticar_normal_tax_id"
        tax = self.sudo()[field]
        if tax and tax.active:
            return tax
        Tax = self.env["account.tax"].sudo().with_company(self)
        domain = [
            ("company_id", "=", self.id),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("price_include", "=", True),
        ]
        if regime == "margin":
            tax = Tax.search(
                domain + [("amount", "=", 0.0), ("spoticar_margin_scheme", "=", True)], limit=1
            )
        else:
            tax = Tax.search(
                domain + [("amount", "=", 20.0), ("children_tax_ids", "=", False)], limit=1
            )
        if not tax:
            tax = Tax.create(self._spoticar_prepare_vehicle_tax_vals(regime))
        self.sudo()[field] = tax
        return tax

    def _spoticar_prepare_vehicle_tax_vals(self, regime):
        self.ensure_one()
        country = self.account_fiscal_country_id or self.country_id or self.env.ref("base.fr")
        group = self.env["account.tax.group"].sudo().search(
            [
                *self.env["account.tax.group"]._check_company_domain(self),
                ("country_id", "in", (country.id, False)),
            ],
            limit=1,
        ) or self.env["account.tax.group"].sudo().create(
            {"name": "TVA", "company_id": self.id, "country_id": country.id}
        )
        vals = {
            "company_id": self.id,
            "country_id": country.id,
            "tax_group_id": group.id,
            "type_tax_use": "sale",
            "amount_type": "percent",
            "price_include_override": "tax_included",
        }
        if regime == "margin":
            vals.update(
                {
                    "name": "TVA sur marge (biens d'occasion)",
                    "amount": 0.0,
                    "invoice_label": MARGIN_LEGAL_NOTE,
                    "spoticar_margin_scheme": True,
                    "invoice_legal_notes": f"<p>{MARGIN_LEGAL_NOTE}</p>",
                }
            )
        else:
            vals.update(
                {
                    "name": "TVA 20 % TTC (véhicules)",
                    "amount": 20.0,
                    "invoice_label": "TVA 20 %",
                }
            )
        return vals

    def _spoticar_setup_taxes(self):
        """Vehicle taxes of the companies, and the 20 % VAT (included) on the dealer services."""
        road = self.env.ref("spoticar_sale.product_road_preparation", raise_if_not_found=False)
        for company in self:
            company._spoticar_get_vehicle_tax("margin")
            normal = company._spoticar_get_vehicle_tax("normal")
            if road and not road.sudo().taxes_id.filtered(lambda t, c=company: t.company_id == c):
                road.sudo().taxes_id = [Command.link(normal.id)]

    def _spoticar_get_registration_fee_product(self):
        self.ensure_one()
        return self.sudo().spoticar_registration_fee_product_id or self.env.ref(
            "spoticar_sale.product_registration_fee", raise_if_not_found=False
        )
