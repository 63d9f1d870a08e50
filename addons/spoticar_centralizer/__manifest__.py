# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Spoticar - Centralisateur",
    "summary": "Connector to the Centralisateur: declarations, contract numbers, reliable "
    "transmission",
    "version": "19.0.1.0.0",
    "category": "Sales/Vehicles",
    "website": "https://github.com/spoticar-odoo/spoticar-odoo",
    "author": "Spoticar for Odoo contributors",
    "maintainers": ["spoticar-odoo"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spoticar_warranty", "queue_job"],
    "external_dependencies": {"python": ["spoticar_core"]},
    "data": [
        "security/spoticar_centralizer_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron.xml",
        "views/res_config_settings_views.xml",
        "views/spoticar_centralizer_exchange_views.xml",
        "views/spoticar_warranty_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "spoticar_centralizer/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
