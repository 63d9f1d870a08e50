from . import models, wizards


def post_init_hook(env):
    """Create the vehicle sale taxes of the existing companies."""
    for company in env["res.company"].search([]):
        company._spoticar_get_vehicle_tax("margin")
        company._spoticar_get_vehicle_tax("normal")
