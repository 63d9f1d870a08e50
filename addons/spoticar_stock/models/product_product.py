# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain

from .product_template import MIN_IDENTIFIER_SEARCH, plate_key


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _search_display_name(self, operator, value):
        """Also find vehicles by plate or VIN, however typed."""
        domain = super()._search_display_name(operator, value)
        return self.env["product.template"]._vehicle_identifier_domain(
            domain, operator, value, variants=True
        )

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """Vehicles whose plate or VIN matches come first (sale order lines, pickings...)."""
        result = super().name_search(name, domain, operator, limit)
        key = plate_key(name) if isinstance(name, str) else ""
        if (
            operator not in ("ilike", "=ilike", "like", "=like", "=")
            or len(key) < MIN_IDENTIFIER_SEARCH
        ):
            return result
        vehicles = self.search_fetch(
            Domain(domain or Domain.TRUE)
            & Domain("is_vehicle", "=", True)
            & (Domain("license_plate_key", "=like", f"{key}%") | Domain("vin", "=like", f"{key}%")),
            ["display_name"],
            limit=limit,
        )
        first = [(vehicle.id, vehicle.display_name) for vehicle in vehicles.sudo()]
        rest = [item for item in result if item[0] not in set(vehicles.ids)]
        merged = first + rest
        return merged[:limit] if limit else merged
