# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from spoticar_core import declaration, vocabulary

WARRANTY_LABELS = vocabulary.selection(vocabulary.LABELS)

# The km limit that applies to each energy, by its family (spoticar_core.vocabulary).
ENERGY_KM_FIELD = {
    energy: f"max_km_{family}" for energy, family in vocabulary.ENERGY_FAMILIES.items()
}


class SpoticarWarrantyProduct(models.Model):
    _name = "spoticar.warranty.product"
    _description = "Warranty product"
    _order = "label, sequence, id"

    # === FIELDS === #
    name = fields.Char(required=True, help="e.g. SPOTICAR PREMIUM")
    code = fields.Char(required=True, help="Product code sent to the guarantor.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to offer the product to every dealer of the database.",
    )
    label = fields.Selection(WARRANTY_LABELS, required=True, default="spoticar")
    guarantor_id = fields.Many2one(
        "spoticar.warranty.guarantor", required=True, ondelete="restrict"
    )
    duration_options = fields.Char(
        string="Durations offered (months)",
        required=True,
        default="12",
        help="Comma-separated durations in months, e.g. 12,24,36.",
    )
    max_age_months = fields.Integer(
        string="Maximum age (months)",
        help="Maximum age of the vehicle at subscription, from its first "
        "registration. 0: no limit.",
    )
    max_km_petrol = fields.Integer(string="Maximum km (petrol, E85, LPG, CNG)", help="0: no limit.")
    max_km_diesel = fields.Integer(string="Maximum km (diesel)", help="0: no limit.")
    max_km_hybrid = fields.Integer(
        string="Maximum km (hybrid, plug-in hybrid)", help="0: no limit."
    )
    max_km_electric = fields.Integer(string="Maximum km (electric, hydrogen)", help="0: no limit.")
    allow_vp = fields.Boolean(string="Passenger cars (VP)", default=True)
    allow_vu = fields.Boolean(string="Light commercial vehicles (VU)")
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id,
        required=True,
    )
    price = fields.Monetary(help="Price paid by the customer, printed on the certificate when any.")
    territorial_scope = fields.Text(
        translate=True,
        default=lambda self: self.env._(
            "Metropolitan France and the member states of the European Union."
        ),
    )
    coverage = fields.Text(string="Cover", translate=True)
    to_check = fields.Boolean(
        string="Defaults to check with the brand",
        help="The eligibility rules shipped with the addon come from public "
        "sources (Spoticar Portugal general conditions) and must be checked with "
        "Stellantis before use.",
    )
    note = fields.Text(translate=True)

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)", "The product code must be unique per company."
    )

    # === CONSTRAINTS === #
    @api.constrains("duration_options")
    def _check_duration_options(self):
        for product in self:
            if not product._get_durations():
                raise ValidationError(
                    self.env._(
                        "Product %(product)s: the durations offered must be month "
                        "counts separated by commas, e.g. 12,24,36.",
                        product=product.name,
                    )
                )

    @api.constrains(
        "max_age_months",
        "max_km_petrol",
        "max_km_diesel",
        "max_km_hybrid",
        "max_km_electric",
    )
    def _check_limits(self):
        for product in self:
            if (
                min(
                    product.max_age_months,
                    product.max_km_petrol,
                    product.max_km_diesel,
                    product.max_km_hybrid,
                    product.max_km_electric,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Product %(product)s: age and km limits cannot be negative.",
                        product=product.name,
                    )
                )

    @api.constrains("code", "name")
    def _check_declaration_lengths(self):
        """The code and the name go in the declaration: held to its limits."""
        for product in self:
            for field_name, path in (
                ("code", "warranty.product_code"),
                ("name", "warranty.product_name"),
            ):
                limit = declaration.schema_field(path).max_length
                if len(product[field_name] or "") > limit:
                    raise ValidationError(
                        self.env._(
                            "Product %(product)s: the field %(field)s cannot exceed %(limit)s "
                            "characters (Centralisateur declaration).",
                            product=product.name,
                            field=self._fields[field_name].get_description(self.env)["string"],
                            limit=limit,
                        )
                    )

    # === BUSINESS METHODS === #
    def _get_durations(self):
        """Durations offered, as a sorted list of ints (empty when malformed)."""
        self.ensure_one()
        durations = []
        for part in (self.duration_options or "").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) <= 0:
                return []
            durations.append(int(part))
        return sorted(set(durations))

    def _get_max_km(self, energy):
        """Km limit for an energy key of spoticar_stock (0: no limit)."""
        self.ensure_one()
        field_name = ENERGY_KM_FIELD.get(energy)
        return self[field_name] if field_name else 0
