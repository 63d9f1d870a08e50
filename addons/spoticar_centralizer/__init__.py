from . import models


def post_init_hook(env):
    """Warranties created before the installation get their idempotency key, one each."""
    warranties = (
        env["spoticar.warranty"]
        .with_context(active_test=False)
        .search([("centralizer_idempotency_key", "=", False)])
    )
    warranties._centralizer_ensure_idempotency_key()
