from . import (
    product_template,
    res_company,
    res_config_settings,
    sale_order,
    spoticar_warranty,
    spoticar_warranty_contract,
    spoticar_warranty_guarantor,
    spoticar_warranty_product,
    spoticar_warranty_report,
)
