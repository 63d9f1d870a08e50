from . import (
    crm_lead,
    product_template,
    res_company,
    res_config_settings,
    spoticar_publication_channel,
)
