# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Achats VO et livre de police",
    "summary": "Vehicle purchases, trade-in appraisals and the electronic livre de police",
    "version": "19.0.1.1.0",
    "category": "Sales/Vehicles",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spoticar_sale", "purchase_stock"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/ir.model.access.csv",
        "security/spoticar_purchase_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizards/spoticar_register_export_views.xml",
        "wizards/spoticar_register_correct_views.xml",
        "views/spoticar_register_entry_views.xml",
        "views/spoticar_appraisal_views.xml",
        "views/purchase_order_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "report/spoticar_register_reports.xml",
        "report/purchase_declaration_reports.xml",
    ],
    "demo": ["demo/spoticar_purchase_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "spoticar_purchase/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
