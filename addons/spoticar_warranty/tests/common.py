# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class for the warranty tests (no demo data needed).

    from odoo.addons.spoticar_warranty.tests.common import SpoticarWarrantyCommon

On top of SpoticarStockCommon: ``cls.company`` has its dealer profile and guarantors set up,
``cls.customer`` is a private customer with identity data, ``cls._create_confirmed_order(vehicle)``
sells a vehicle, ``cls._create_warranty(**vals)`` builds a complete warranty ready to validate.
"""

from datetime import date

from odoo.fields import Command

from odoo.addons.spoticar_stock.tests.common import SpoticarStockCommon


class SpoticarWarrantyCommon(SpoticarStockCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fr = cls.env.ref("base.fr")
        cls.company.write(
            {
                "spoticar_dealer_code": "953617Z",
                "spoticar_icare_identifier": "ICARE-TEST",
                "spoticar_guarantor_stellantis": True,
            }
        )
        # The Spoticar users also sell (sale.order access).
        sale_group = cls.env.ref("sales_team.group_sale_salesman")
        (cls.user_salesperson | cls.user_manager).write(
            {"group_ids": [Command.link(sale_group.id)]}
        )
        cls.product_premium = cls.env.ref("spoticar_warranty.product_spoticar_premium")
        cls.product_advanced = cls.env.ref("spoticar_warranty.product_spoticar_advanced")
        cls.product_essential = cls.env.ref("spoticar_warranty.product_spoticar_essential")
        cls.guarantor_stellantis = cls.env.ref("spoticar_warranty.guarantor_spoticar_stellantis")
        cls.guarantor_stellantis.partner_id = cls.env["res.partner"].create(
            {
                "name": "Garantie Stellantis Test",
                "is_company": True,
                "street": "2 avenue du Garant",
                "zip": "92000",
                "city": "Nanterre",
                "country_id": cls.fr.id,
                "phone": "+33 1 00 00 00 00",
            }
        )
        cls.customer = cls._create_customer()

    @classmethod
    def _partner_vals(cls, **vals):
        """Customer values; fields of spoticar_sale / OCA only when installed."""
        Partner = cls.env["res.partner"]
        base = {
            "name": "Jean Dupond",
            "firstname": "Jean",
            "lastname": "Dupond",
            "civility": "mr",
            "gender": "male",
            "street": "Rue Spoticar",
            "zip": "75010",
            "city": "Paris",
            "country_id": cls.fr.id,
            "phone": "0102030405",
            "mobile": "0607080910",
            "email": "jean.dupond@example.com",
            "birthdate_date": date(1960, 5, 17),
            "birth_city": "Tours",
            "birth_country_id": cls.fr.id,
            "nationality_id": cls.fr.id,
            "profession": "Teacher",
            "l10n_fr_customer_type": "individual",
            "consent_email": True,
            "consent_sms": True,
            "company_id": cls.company.id,
        }
        base.update(vals)
        if "firstname" in Partner._fields:
            base.pop("name")
        return {key: value for key, value in base.items() if key in Partner._fields}

    @classmethod
    def _create_customer(cls, **vals):
        return cls.env["res.partner"].create(cls._partner_vals(**vals))

    @classmethod
    def _create_confirmed_order(cls, vehicle, partner=None, confirm=True, **vals):
        order_vals = {
            "partner_id": (partner or cls.customer).id,
            "company_id": vehicle.company_id.id,
            "user_id": cls.user_salesperson.id,
            "delivery_date": date(2025, 11, 30),
            "sale_date": date(2025, 11, 20),
            "order_line": [
                Command.create(
                    {
                        "product_id": vehicle.product_variant_id.id,
                        "product_uom_qty": 1,
                        "price_unit": vehicle.list_price,
                    }
                )
            ],
        }
        order_vals.update(vals)
        SaleOrder = cls.env["sale.order"].with_company(vehicle.company_id)
        order = SaleOrder.create({k: v for k, v in order_vals.items() if k in SaleOrder._fields})
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _warranty_vals(cls, **vals):
        """A complete warranty of cls.company (tutorial's order: Jean Dupond, 208)."""
        base = {
            "company_id": cls.company.id,
            "seller_id": cls.user_salesperson.id,
            "sale_origin": "vo_on_vo",
            "sale_date": date(2025, 11, 20),
            "delivery_date": date(2025, 11, 30),
            "customer_title": "mr",
            "customer_lastname": "Dupond",
            "customer_firstname": "Jean",
            "customer_street": "Rue Spoticar",
            "customer_zip": "75010",
            "customer_city": "PARIS",
            "customer_country_id": cls.fr.id,
            "customer_phone": "0102030405",
            "customer_mobile": "0607080910",
            "customer_birthdate": date(1960, 5, 17),
            "customer_birth_city": "Tours",
            "customer_birth_country_id": cls.fr.id,
            "customer_nationality_id": cls.fr.id,
            "vehicle_category": "VP",
            "vehicle_label": "spoticar",
            "license_plate": "FE-260-RZ",
            "vehicle_make": "PEUGEOT",
            "vehicle_model": "208",
            "vehicle_version": "1.2 PURETECH 100 CH S&S ALLURE",
            "first_registration_date": date(2023, 5, 11),
            "energy": "petrol",
            "din_power": 100,
            "vin": "VF3UPHNS5PS123456",
            "mileage": 12000,
            "mfr_warranty_end_date": date(2025, 5, 11),
            "mfr_warranty_end_km": 999999,
            "product_id": cls.product_premium.id,
            "duration_months": 12,
        }
        base.update(vals)
        return base

    @classmethod
    def _create_warranty(cls, **vals):
        """A warranty; the protected values (state, numbers...) are then set as the business
        methods set them."""
        Warranty = cls.env["spoticar.warranty"]
        vals = cls._warranty_vals(**vals)
        protected = {
            name: vals.pop(name)
            for name in list(vals)
            if name in Warranty._spoticar_protected_fields()
        }
        warranty = Warranty.create(vals)
        if protected:
            cls._force_vals(warranty, **protected)
        return warranty

    @staticmethod
    def _force_vals(warranties, **vals):
        """Test set-up only: write protected fields as the business methods do."""
        warranties._spoticar_write_protected(vals)

    @classmethod
    def _activate_french(cls):
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["spoticar_warranty"], ["fr_FR"], overwrite=True
        )
