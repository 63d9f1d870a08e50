# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SpoticarWarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantyPrefill(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(
            mileage=25000,
            mfr_warranty_end_date=date(2021, 11, 19),
            mfr_warranty_end_km=100000,
            registration_type="m10pgtvp000f001",
        )
        cls.order = cls._create_confirmed_order(cls.vehicle)

    def _open_from_order(self, order, user=None):
        action = order.with_user(user or self.user_salesperson).action_spoticar_warranty()
        self.assertEqual(action["res_model"], "spoticar.warranty")
        return self.env["spoticar.warranty"].browse(action["res_id"])

    def test_prefill_from_order(self):
        warranty = self._open_from_order(self.order)
        self.assertEqual(warranty.state, "draft")
        self.assertTrue(warranty.name.startswith("GAR/"))
        self.assertEqual(warranty.company_id, self.company)
        self.assertEqual(warranty.sale_order_id, self.order)
        self.assertEqual(warranty.partner_id, self.customer)
        self.assertEqual(warranty.vehicle_id, self.vehicle)
        # sale
        self.assertEqual(warranty.seller_id, self.user_salesperson)
        self.assertEqual(warranty.sale_origin, "no_trade_in")
        if "delivery_date" in self.order._fields:
            self.assertEqual(warranty.delivery_date, date(2025, 11, 30))
            self.assertEqual(warranty.sale_date, date(2025, 11, 20))
        # customer
        self.assertEqual(warranty.customer_street, "Rue Spoticar")
        self.assertEqual(warranty.customer_zip, "75010")
        self.assertEqual(warranty.customer_city, "Paris")
        self.assertEqual(warranty.customer_country_id, self.fr)
        self.assertEqual(warranty.customer_email, "jean.dupond@example.com")
        # the customer's phone, as formatted on the partner (phone_validation)
        self.assertEqual(warranty.customer_phone, "+33 1 02 03 04 05")
        self.assertFalse(warranty.customer_is_company)
        Partner = self.env["res.partner"]
        if "lastname" in Partner._fields:
            # as the partner writes it (last name in capitals, spoticar_sale)
            self.assertEqual(warranty.customer_lastname, "DUPOND")
            self.assertEqual(warranty.customer_firstname, "Jean")
        if "civility" in Partner._fields or "gender" in Partner._fields:
            self.assertEqual(warranty.customer_title, "mr")
        if "birthdate_date" in Partner._fields:
            self.assertEqual(warranty.customer_birthdate, date(1960, 5, 17))
            self.assertEqual(warranty.customer_birth_city, "Tours")
            self.assertEqual(warranty.customer_birth_country_id, self.fr)
        if "nationality_id" in Partner._fields:
            self.assertEqual(warranty.customer_nationality_id, self.fr)
        if "consent_email" in Partner._fields:
            self.assertTrue(warranty.consent_email)
            self.assertTrue(warranty.consent_sms)
            self.assertFalse(warranty.consent_phone)
            self.assertFalse(warranty.consent_post)
        # vehicle
        self.assertEqual(warranty.license_plate, self.vehicle.license_plate)
        self.assertEqual(warranty.vin, self.vehicle.vin)
        self.assertEqual(warranty.vehicle_make, "Peugeot")
        self.assertEqual(warranty.vehicle_model, "308 (2)")
        self.assertEqual(warranty.vehicle_version, "BlueHDi 130 EAT6 S&S Allure")
        self.assertEqual(warranty.registration_doc_type, "M10PGTVP000F001")
        self.assertEqual(warranty.vehicle_category, "VP")
        self.assertEqual(warranty.vehicle_label, "spoticar")
        self.assertEqual(warranty.energy, "diesel")
        self.assertEqual(warranty.fiscal_power, 7)
        self.assertEqual(warranty.din_power, 130)
        self.assertEqual(warranty.power_kw, 96)
        self.assertEqual(warranty.displacement, 1499)
        self.assertEqual(warranty.mileage, 25000)
        self.assertEqual(warranty.first_registration_date, date(2019, 11, 19))
        self.assertEqual(warranty.mfr_warranty_end_date, date(2021, 11, 19))
        self.assertEqual(warranty.mfr_warranty_end_km, 100000)
        self.assertEqual(warranty.sale_price, self.order.order_line[:1].price_total)
        # warranty: the first product of the vehicle's label it is eligible for: 72 months old
        # at the delivery, over Premium's 60, within Advanced's 96.
        self.assertEqual(warranty.product_id, self.product_advanced)
        self.assertFalse(warranty.eligibility_warning)
        self.assertEqual(warranty.duration_months, 12)
        self.assertEqual(warranty.loyalty_product, "none")
        if warranty.delivery_date:
            self.assertEqual(warranty.start_date, warranty.delivery_date)
            self.assertEqual(warranty.end_date, date(2026, 11, 30))
        self.assertEqual(self.order.spoticar_warranty_count, 1)

    def test_prefilled_product_is_the_first_eligible(self):
        # Young and low mileage: the first product the brand sells (Premium).
        young = self._create_vehicle(first_registration_date=date(2023, 5, 11), mileage=12000)
        warranty = self._open_from_order(self._create_confirmed_order(young))
        self.assertEqual(warranty.product_id, self.product_premium)
        # A diesel over Advanced's 150,000 km: Essential, the first without a limit.
        worn = self._create_vehicle(mileage=160000)
        warranty = self._open_from_order(self._create_confirmed_order(worn))
        self.assertEqual(warranty.product_id, self.product_essential)
        self.assertFalse(warranty.eligibility_warning)

    def test_no_eligible_product_said_at_once(self):
        self.product_essential.max_km_diesel = 150000
        worn = self._create_vehicle(mileage=160000)
        warranty = self._open_from_order(self._create_confirmed_order(worn))
        self.assertFalse(warranty.product_id)
        # Read as the salesperson's form does, before any "Valider".
        values = warranty.with_user(self.user_salesperson).read(["eligibility_warning"])[0]
        self.assertIn(
            "eligible for no warranty product of the Spoticar label", values["eligibility_warning"]
        )
        self.assertIn("160000 km", values["eligibility_warning"])

    def test_unlimited_manufacturer_km_prefilled(self):
        vehicle = self._create_vehicle(mfr_warranty_end_km=999999)
        warranty = self._open_from_order(self._create_confirmed_order(vehicle))
        self.assertTrue(warranty.mfr_warranty_unlimited_km)
        self.assertNotIn("mfr_warranty_end_km", warranty._get_missing_fields())

    def test_button_opens_the_same_warranty(self):
        first = self._open_from_order(self.order)
        second = self._open_from_order(self.order)
        self.assertEqual(first, second)
        # From the vehicle sheet too.
        action = self.vehicle.with_user(self.user_salesperson).action_spoticar_warranty()
        self.assertEqual(action["res_id"], first.id)
        self.assertEqual(self.vehicle.spoticar_warranty_count, 1)

    def test_vehicle_button_creates_from_confirmed_order(self):
        action = self.vehicle.with_user(self.user_salesperson).action_spoticar_warranty()
        warranty = self.env["spoticar.warranty"].browse(action["res_id"])
        self.assertEqual(warranty.sale_order_id, self.order)
        self.assertEqual(warranty.vehicle_id, self.vehicle)

    def test_unconfirmed_order_refused(self):
        vehicle = self._create_vehicle()
        order = self._create_confirmed_order(vehicle, confirm=False)
        with self.assertRaisesRegex(UserError, "confirmed order"):
            order.with_user(self.user_salesperson).action_spoticar_warranty()
        with self.assertRaisesRegex(UserError, "no confirmed order"):
            vehicle.with_user(self.user_salesperson).action_spoticar_warranty()

    def test_professional_customer(self):
        company_customer = self._create_customer(
            name="Transports Martin",
            firstname=False,
            lastname="Transports Martin",
            is_company=True,
            l10n_fr_customer_type="professional",
            company_registry="73282932000074",
        )
        vehicle = self._create_vehicle()
        order = self._create_confirmed_order(vehicle, partner=company_customer)
        warranty = self._open_from_order(order)
        self.assertTrue(warranty.customer_is_company)
        self.assertEqual(warranty.customer_company_name, "Transports Martin")
        self.assertIn("customer_siret", warranty._fields)


@tagged("post_install", "-at_install")
class TestWarrantyPhones(SpoticarWarrantyCommon):
    """Phones typed on the warranty are stored as the partner's are: the international format
    of Odoo's phone_validation, read in the customer's country of residence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.be = cls.env.ref("base.be")

    def test_typed_on_create(self):
        warranty = (
            self.env["spoticar.warranty"]
            .with_user(self.user_salesperson)
            .create(
                self._warranty_vals(customer_phone="02 99 91 95 94", customer_mobile="0612345678")
            )
        )
        self.assertEqual(warranty.customer_phone, "+33 2 99 91 95 94")
        self.assertEqual(warranty.customer_mobile, "+33 6 12 34 56 78")

    def test_typed_on_write_in_the_country_of_residence(self):
        warranty = self._create_warranty().with_user(self.user_salesperson)
        warranty.write({"customer_mobile": "0470123456"})
        self.assertEqual(warranty.customer_mobile, "+33 4 70 12 34 56")
        # A Belgian resident: the same digits are a Belgian mobile.
        warranty.write({"customer_country_id": self.be.id, "customer_mobile": "0470123456"})
        self.assertEqual(warranty.customer_mobile, "+32 470 12 34 56")
        # Without a country of residence, the dealer's (France).
        warranty.write({"customer_country_id": False, "customer_phone": "0299919594"})
        self.assertEqual(warranty.customer_phone, "+33 2 99 91 95 94")

    def test_one_write_on_customers_of_two_countries(self):
        french = self._create_warranty()
        belgian = self._create_warranty(customer_country_id=self.be.id)
        (french | belgian).with_user(self.user_salesperson).write({"customer_mobile": "0470123456"})
        self.assertEqual(french.customer_mobile, "+33 4 70 12 34 56")
        self.assertEqual(belgian.customer_mobile, "+32 470 12 34 56")

    def test_unreadable_number_kept_as_typed(self):
        warranty = self._create_warranty(customer_phone=" 12 ")
        self.assertEqual(warranty.customer_phone, "12")
        warranty.write({"customer_phone": False})
        self.assertFalse(warranty.customer_phone)

    def test_typed_on_the_form(self):
        warranty = self._create_warranty()
        with Form(warranty.with_user(self.user_salesperson)) as form:
            form.customer_mobile = "0612345678"
            self.assertEqual(form.customer_mobile, "+33 6 12 34 56 78")
            form.customer_country_id = self.be
            form.customer_phone = "02 511 29 06"
            self.assertEqual(form.customer_phone, "+32 2 511 29 06")
        self.assertEqual(warranty.customer_mobile, "+33 6 12 34 56 78")
        self.assertEqual(warranty.customer_phone, "+32 2 511 29 06")
