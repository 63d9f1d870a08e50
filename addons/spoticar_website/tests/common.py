# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class of the spoticar_website tests (no demo data needed).

    from odoo.addons.spoticar_website.tests.common import SpoticarWebsiteCommon

On top of SpoticarPurchaseCommon: the dealer's guarantors (Stellantis), ``cls.website`` of
``cls.company`` on the host ``rennes.example.com`` and ``cls.website_2`` of ``cls.company_2`` on
``nantes.example.com``, ``cls.vehicle_308`` published (the tutorial's 308 SW, 190 000 km not
guaranteed, 10 000 euros, CO2 100 g/km: class A), and ``cls._create_published(**vals)``.
"""

from odoo.addons.spoticar_purchase.tests.common import SpoticarPurchaseCommon

RENNES = "rennes.example.com"
NANTES = "nantes.example.com"


class SpoticarWebsiteCommon(SpoticarPurchaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "spoticar_dealer_code": "953617Z",
                "spoticar_icare_identifier": "ICARE-TEST",
                "spoticar_guarantor_stellantis": True,
                "email": "contact@garage-rennes.example.com",
            }
        )
        Website = cls.env["website"]
        cls.website = Website.create(
            {"name": "Garage Test Rennes", "company_id": cls.company.id, "domain": RENNES}
        )
        cls.website_2 = Website.create(
            {"name": "Garage Test Nantes", "company_id": cls.company_2.id, "domain": NANTES}
        )
        cls.vehicle_308.write(
            {"spoticar_published": True, "description_sale": "Très bel état, carnet suivi."}
        )

    @classmethod
    def _create_published(cls, **vals):
        vals.setdefault("spoticar_published", True)
        return cls._create_vehicle(**vals)
