from . import controllers, models, wizards


def post_init_hook(env):
    """Create the vehicle sale taxes of the existing companies, tax the dealer services, load
    the carte grise tariffs shipped with spoticar_core (also loaded at each upgrade by
    data/spoticar_greycard_data.xml)."""
    env["res.company"].search([])._spoticar_setup_taxes()
    env["spoticar.greycard.rate"]._spoticar_load_shipped_data()
