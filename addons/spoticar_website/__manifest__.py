# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Site web et annonces VO",
    "summary": "Public stock page, showroom label and marketplace feeds, with the legal "
    "mentions of advertisements (CO2 class, mobility message, Crit'Air)",
    "version": "19.0.1.0.0",
    "category": "Website",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spoticar_warranty", "spoticar_purchase", "spoticar_sale", "website", "crm"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/ir.model.access.csv",
        "security/spoticar_website_rules.xml",
        "report/ir_actions_report.xml",
        "report/showroom_label_templates.xml",
        "views/product_template_views.xml",
        "views/spoticar_publication_channel_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/website_templates.xml",
        "data/website_menu_data.xml",
    ],
    "demo": ["demo/spoticar_website_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "spoticar_website/static/src/scss/spoticar_website.scss",
        ],
        "web.assets_tests": [
            "spoticar_website/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
