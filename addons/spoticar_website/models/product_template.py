# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain

from spoticar_core import advertising, vocabulary

CO2_CLASS_SELECTION = vocabulary.selection(advertising.CO2_CLASSES)
PUBLIC_URL = "/vehicules-occasion"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # === FIELDS === #
    spoticar_published = fields.Boolean(
        "Published",
        copy=False,
        tracking=True,
        help="Shown on the dealer's website and in the marketplace feeds while it is in stock "
        "(a reserved or sold vehicle leaves them at once).",
    )
    co2_class = fields.Selection(
        CO2_CLASS_SELECTION,
        string="CO2 class",
        compute="_compute_co2_class",
        store=True,
        help="Class A to G of the CO2 emission (g/km) that every advertisement of a passenger "
        "car shows (arrêté of 28 December 2021).",
    )
    co2_class_missing = fields.Boolean(
        "CO2 class unknown",
        compute="_compute_co2_class_missing",
        help="A passenger car without its CO2 emission: its advertisements lack the CO2 class.",
    )
    spoticar_website_url = fields.Char("Public page", compute="_compute_spoticar_website_url")

    # The public stock page and the feeds: what may be published of a company, by price (the id
    # breaks ties in the same direction, so that pages are read from the index), with the columns
    # of the filters and of the make and model counts (index-only scans).
    _spoticar_published_idx = models.Index(
        "(company_id, list_price, id) INCLUDE (vehicle_make_id, vehicle_model_id, mileage,"
        " first_registration_date, energy, gearbox, sale_ok) WHERE is_vehicle IS TRUE"
        " AND active IS TRUE AND spoticar_published IS TRUE AND vehicle_state = 'stock'"
        " AND spoticar_recon_state = 'ready'"
    )

    # === COMPUTE === #
    @api.depends("is_vehicle", "co2_emission", "energy", "vehicle_category")
    def _compute_co2_class(self):
        for template in self:
            due = template.is_vehicle and advertising.applies_to(template.vehicle_category)
            template.co2_class = (
                advertising.vehicle_co2_class(
                    template.co2_emission, template.energy, template.vehicle_category
                )
                if due
                else False
            ) or False

    @api.depends("co2_class", "vehicle_category", "is_vehicle")
    def _compute_co2_class_missing(self):
        for template in self:
            template.co2_class_missing = bool(
                template.is_vehicle
                and advertising.applies_to(template.vehicle_category)
                and not template.co2_class
            )

    @api.depends("name")
    def _compute_spoticar_website_url(self):
        for template in self:
            template.spoticar_website_url = (
                template._spoticar_public_path() if template.is_vehicle and template.id else False
            )

    # === BUSINESS === #
    @api.model
    def _spoticar_published_domain(self, company=None):
        """What may be published (the page, the feeds): the company's published vehicles that
        are available for sale (in stock, neither reserved nor sold, ready for sale: see
        ``_spoticar_available_domain``). The one place that says it."""
        company = company or self.env.company
        return self._spoticar_available_domain() & Domain(
            [
                ("active", "=", True),
                ("sale_ok", "=", True),
                ("spoticar_published", "=", True),
                ("company_id", "=", company.id),
            ]
        )

    def _spoticar_public_path(self):
        """``/vehicules-occasion/peugeot-308-sw-2-...-42``: the vehicle's public page."""
        self.ensure_one()
        return self._spoticar_public_path_of(self.id, self.name)

    @api.model
    def _spoticar_public_path_of(self, vehicle_id, name):
        """The public path of a vehicle from its id and name (the feed builds thousands)."""
        return f"{PUBLIC_URL}/{self.env['ir.http']._slug((vehicle_id, name or ''))}"

    def _spoticar_public_url(self):
        """Absolute URL of the public page, on the company's website when it has a domain."""
        self.ensure_one()
        return self.get_base_url().rstrip("/") + self._spoticar_public_path()

    def _spoticar_co2_scale(self):
        """The A-G scale with its colours, the vehicle's class marked: [(letter, colour, own)]."""
        self.ensure_one()
        return [
            (letter, advertising.CO2_CLASS_COLORS[letter], letter == self.co2_class)
            for letter in advertising.CO2_CLASS_KEYS
        ]

    def _spoticar_mobility_message(self):
        """The company's mobility message with its hashtag (French: the legal wording)."""
        self.ensure_one()
        return self.company_id._spoticar_mobility_message_text()

    def _spoticar_offered_warranties(self):
        """The warranty products the vehicle is eligible for (spoticar_warranty's rules), in the
        order the brand sells them."""
        self.ensure_one()
        Warranty = self.env["spoticar.warranty"].sudo()
        draft = Warranty.new(
            dict(Warranty._prepare_vehicle_vals(self), company_id=self.company_id.id)
        )
        return draft._get_eligible_products()

    def _spoticar_main_equipment(self, limit=12):
        """The vehicle's equipment, safety and comfort first, at most ``limit``."""
        self.ensure_one()
        return self.equipment_ids.sorted(lambda e: (e.category != "safety", e.category, e.name))[
            :limit
        ]

    def _spoticar_first_photos(self):
        """{vehicle id: its first photo id} for the vehicles of ``self``, in one query."""
        if not self:
            return {}
        photos = (
            self.env["spoticar.vehicle.image"]
            .sudo()
            .search_read(
                [("product_tmpl_id", "in", self.ids)], ["product_tmpl_id"], order="sequence, id"
            )
        )
        first = {}
        for photo in photos:
            first.setdefault(photo["product_tmpl_id"][0], photo["id"])
        return first
