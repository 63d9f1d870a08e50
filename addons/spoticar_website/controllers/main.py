# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The public stock page (/vehicules-occasion), the vehicle pages and their request form, the
photos of published vehicles and the marketplace feeds.

Everything is read with sudo() through product.template._spoticar_published_domain(): what is not
published, not in stock or of another company is a 404. The templates print only public fields
(never the purchase price, the register data, nor the VIN unless the company shows it).
"""

from datetime import date

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import email_normalize

from spoticar_core import vocabulary

from ..models.product_template import PUBLIC_URL

PER_PAGE = 12
# Sort keys of the page → ORM order (the id keeps the order stable between pages; with the price,
# in the same direction: the order of the index).
SORTS = {
    "price_asc": "list_price asc, id asc",
    "price_desc": "list_price desc, id desc",
    "km_asc": "mileage asc, id desc",
    "year_desc": "first_registration_date desc, id desc",
    "recent": "stock_entry_date desc, id desc",
}
DEFAULT_SORT = "price_asc"
# The form's hidden field that only robots fill in (honeypot).
HONEYPOT = "website_url"
REQUEST_FIELDS = ("name", "email", "phone", "message", "request_type")
MAX_TEXT = {"name": 128, "email": 254, "phone": 32, "message": 4000}


def _to_int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 10**9 else None


class SpoticarWebsite(http.Controller):
    # === Helpers === #
    def _vehicles(self):
        return request.env["product.template"].sudo()

    def _published_domain(self):
        return self._vehicles()._spoticar_published_domain(request.website.company_id)

    def _parse_filters(self, params):
        """The filters of the page, from its query string; anything invalid is ignored."""
        vehicle_fields = self._vehicles()._fields
        filters = {}
        for key in ("make", "model", "price_min", "price_max", "km_max", "year_min"):
            value = _to_int(params.get(key))
            if value is not None:
                filters[key] = value
        if params.get("energy") in vocabulary.ENERGY_KEYS:
            filters["energy"] = params["energy"]
        gearboxes = [key for key, _label in vehicle_fields["gearbox"].selection]
        if params.get("gearbox") in gearboxes:
            filters["gearbox"] = params["gearbox"]
        filters["sort"] = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT
        return filters

    def _filter_domain(self, filters):
        domain = Domain.TRUE
        if "make" in filters:
            domain &= Domain("vehicle_make_id", "=", filters["make"])
        if "model" in filters:
            domain &= Domain("vehicle_model_id", "=", filters["model"])
        for key in ("energy", "gearbox"):
            if key in filters:
                domain &= Domain(key, "=", filters[key])
        if "price_min" in filters:
            domain &= Domain("list_price", ">=", filters["price_min"])
        if "price_max" in filters:
            domain &= Domain("list_price", "<=", filters["price_max"])
        if "km_max" in filters:
            domain &= Domain("mileage", "<=", filters["km_max"])
        if "year_min" in filters and 1900 <= filters["year_min"] <= 2999:
            domain &= Domain("first_registration_date", ">=", date(filters["year_min"], 1, 1))
        return domain

    def _facets(self, domain):
        """Makes and models of the published vehicles, with their counts (one grouped query)."""
        groups = self._vehicles()._read_group(
            domain, ["vehicle_make_id", "vehicle_model_id"], ["__count"]
        )
        makes, models = {}, []
        for make, model, count in groups:
            if make:
                makes[make] = makes.get(make, 0) + count
            if model:
                models.append((model, count))
        return (
            sorted(makes.items(), key=lambda item: item[0].name),
            sorted(models, key=lambda item: (item[0].make_id.name, item[0].name)),
        )

    def _vehicle_from_slug(self, slug):
        _name, vehicle_id = request.env["ir.http"]._unslug(slug)
        if not vehicle_id:
            raise NotFound()
        return self._published_vehicle(vehicle_id)

    def _published_vehicle(self, vehicle_id):
        vehicle = self._vehicles().search(
            Domain("id", "=", vehicle_id) & self._published_domain(), limit=1
        )
        if not vehicle:
            raise NotFound()
        return vehicle

    def _selection_labels(self, fname):
        field = self._vehicles()._fields[fname]
        return field._description_selection(request.env)

    # === Pages === #
    @http.route(
        [PUBLIC_URL, f"{PUBLIC_URL}/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        sitemap=True,
        readonly=True,
    )
    def vehicle_list(self, page=1, **params):
        filters = self._parse_filters(params)
        base_domain = self._published_domain()
        domain = base_domain & self._filter_domain(filters)
        Vehicle = self._vehicles()
        total = Vehicle.search_count(domain)
        url_args = {
            key: params[key]
            for key in ("make", "model", "energy", "gearbox", "price_min", "price_max")
            + ("km_max", "year_min", "sort")
            if params.get(key)
        }
        pager = request.website.pager(
            url=PUBLIC_URL, total=total, page=page, step=PER_PAGE, url_args=url_args
        )
        vehicles = Vehicle.search(
            domain, order=SORTS[filters["sort"]], limit=PER_PAGE, offset=pager["offset"]
        )
        makes, models = self._facets(base_domain)
        values = {
            "vehicles": vehicles,
            "photos": vehicles._spoticar_first_photos(),
            "pager": pager,
            "total": total,
            "filters": filters,
            "makes": makes,
            "models": models,
            "energies": self._selection_labels("energy"),
            "gearboxes": self._selection_labels("gearbox"),
            "sorts": self._sort_labels(),
            "mobility_message": request.website.company_id._spoticar_mobility_message_text(),
        }
        return request.render("spoticar_website.vehicle_list", values)

    def _sort_labels(self):
        env = request.env
        price_up = env._("Price: lowest first")
        price_down = env._("Price: highest first")
        km_up = env._("Mileage: lowest first")
        year_down = env._("Most recent first")
        arrivals = env._("Latest arrivals")
        return list(zip(SORTS, (price_up, price_down, km_up, year_down, arrivals), strict=True))

    @http.route(
        f"{PUBLIC_URL}/<string:slug>", type="http", auth="public", website=True, sitemap=False
    )
    def vehicle_page(self, slug, **params):
        vehicle = self._vehicle_from_slug(slug)
        return request.render(
            "spoticar_website.vehicle_page",
            self._vehicle_page_values(vehicle, sent=params.get("sent") == "1"),
        )

    def _vehicle_page_values(self, vehicle, sent=False, errors=None, form=None):
        return {
            "vehicle": vehicle,
            "photos": vehicle.vehicle_image_ids,
            "show_vin": vehicle.company_id.spoticar_website_show_vin,
            "mobility_message": vehicle._spoticar_mobility_message(),
            "equipment": vehicle._spoticar_main_equipment(limit=None),
            "sent": sent,
            "errors": errors or {},
            "form": form or {},
            "honeypot": HONEYPOT,
        }

    @http.route(
        f"{PUBLIC_URL}/photo/<int:photo_id>",
        type="http",
        auth="public",
        sitemap=False,
        readonly=True,
    )
    def vehicle_photo(self, photo_id, size="512"):
        """A photo of a published vehicle (of any company: marketplaces fetch them too)."""
        photo = request.env["spoticar.vehicle.image"].sudo().browse(photo_id).exists()
        vehicle = photo.product_tmpl_id
        if not photo or not vehicle.filtered_domain(
            vehicle._spoticar_published_domain(vehicle.company_id)
        ):
            raise NotFound()
        field = "image_1920" if size == "1920" else "image_512"
        stream = request.env["ir.binary"]._get_image_stream_from(photo, field)
        return stream.get_response(max_age=3600)

    @http.route(
        f"{PUBLIC_URL}/<int:vehicle_id>/request",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def vehicle_request(self, vehicle_id, **post):
        """The contact / test-drive form: a CRM lead linked to the vehicle. CSRF-checked (Odoo's
        default for POST), and the honeypot: a robot filling it gets the thank-you page, no lead."""
        vehicle = self._published_vehicle(vehicle_id)
        path = vehicle._spoticar_public_path()
        if post.get(HONEYPOT):
            return request.redirect(f"{path}?sent=1")
        form = {key: (post.get(key) or "").strip() for key in REQUEST_FIELDS}
        errors = self._check_request(form)
        if errors:
            values = self._vehicle_page_values(vehicle, errors=errors, form=form)
            return request.render("spoticar_website.vehicle_page", values, status=400)
        request.env["crm.lead"].sudo()._spoticar_create_from_website(vehicle, form)
        return request.redirect(f"{path}?sent=1")

    def _check_request(self, form):
        errors = {}
        for key, size in MAX_TEXT.items():
            if len(form[key]) > size:
                errors[key] = request.env._(
                    "This field is too long (%(max)s characters at most).", max=size
                )
        if not form["name"]:
            errors["name"] = request.env._("Name: please give your name.")
        if form["email"] and not email_normalize(form["email"]):
            errors["email"] = request.env._(
                "E-mail: %(email)s is not a valid address.", email=form["email"]
            )
        if not form["email"] and not form["phone"]:
            errors["email"] = request.env._(
                "E-mail or phone: please give one so that we can answer you."
            )
        if form["request_type"] not in ("contact", "test_drive"):
            form["request_type"] = "contact"
        return errors

    # === Marketplace feeds === #
    @http.route(
        "/spoticar/feed/<int:channel_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
        save_session=False,
    )
    def feed(self, channel_id, token):
        """The channel's feed; a wrong token or an inactive channel: 404, nothing else said."""
        channel = request.env["spoticar.publication.channel"].sudo().browse(channel_id).exists()
        if not channel or not channel._spoticar_check_token(token):
            raise NotFound()
        content, mimetype, extension = channel._spoticar_render_feed()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Disposition", f'inline; filename="stock.{extension}"'),
                ("Cache-Control", "no-store"),
            ],
        )
