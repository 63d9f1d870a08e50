from . import (
    account_tax,
    product_template,
    res_company,
    res_config_settings,
    res_partner,
    res_partner_id_number,
    sale_order,
    sale_order_line,
    spoticar_greycard_national,
    spoticar_greycard_rate,
    spoticar_greycard_shipped_mixin,
)
