from . import (
    product_template,
    purchase_order,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    spoticar_appraisal,
    spoticar_appraisal_demo,
    spoticar_register_counter,
    spoticar_register_entry,
    stock_move,
)
