from . import models, wizards


def post_init_hook(env):
    """Create the vehicle sale taxes of the existing companies, tax the dealer services."""
    env["res.company"].search([])._spoticar_setup_taxes()
