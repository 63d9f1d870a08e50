# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Garanties",
    "summary": "Guarantor set-up per dealer, warranty records, information statement and "
    "subscription certificate",
    "version": "19.0.1.0.0",
    "category": "Sales/Vehicles",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spoticar_sale"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/ir.model.access.csv",
        "security/spoticar_warranty_security.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/spoticar_warranty_guarantor_data.xml",
        "data/spoticar_warranty_product_data.xml",
        "views/spoticar_warranty_views.xml",
        "wizards/spoticar_warranty_declare_outside_views.xml",
        "views/spoticar_warranty_product_views.xml",
        "views/res_config_settings_views.xml",
        "views/sale_order_views.xml",
        "views/product_template_views.xml",
        "views/spoticar_warranty_menus.xml",
        "report/ir_actions_report.xml",
        "report/report_information_statement.xml",
        "report/report_subscription_certificate.xml",
    ],
    "demo": [
        "demo/spoticar_warranty_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "spoticar_warranty/static/src/scss/spoticar_warranty.scss",
        ],
        "web.assets_tests": [
            "spoticar_warranty/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
