# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Stock VO",
    "summary": "Used-vehicle stock as products, JATO-style vehicle reference, vehicle sheets, "
    "stock lists",
    "version": "19.0.1.2.0",
    "category": "Sales/Vehicles",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["stock", "mail"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/spoticar_security.xml",
        "security/ir.model.access.csv",
        "security/spoticar_rules.xml",
        "data/ir_sequence_data.xml",
        "views/spoticar_vehicle_reference_views.xml",
        "views/product_template_views.xml",
        "views/product_template_recon_views.xml",
        "views/menus.xml",
        "wizards/spoticar_vehicle_reference_import_views.xml",
        "report/spoticar_vehicle_reports.xml",
    ],
    "demo": [
        "demo/spoticar.vehicle.equipment.csv",
        "demo/spoticar.vehicle.make.csv",
        "demo/spoticar.vehicle.model.csv",
        "demo/spoticar.vehicle.version.csv",
        "demo/spoticar_stock_demo.xml",
        "demo/spoticar_recon_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "spoticar_stock/static/src/fields/*.js",
        ],
        "web.assets_tests": [
            "spoticar_stock/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
