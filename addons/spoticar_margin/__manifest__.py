# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Frais, marges et tableaux de bord",
    "summary": "Costs per vehicle, real margins, stock rotation and the manager's dashboards",
    "version": "19.0.1.0.0",
    "category": "Sales/Vehicles",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spoticar_purchase", "spoticar_warranty", "account"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/ir.model.access.csv",
        "security/spoticar_margin_rules.xml",
        "data/ir_cron_data.xml",
        "views/spoticar_vehicle_cost_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/spoticar_sale_report_views.xml",
        "views/spoticar_stock_report_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/spoticar_margin_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "spoticar_margin/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
