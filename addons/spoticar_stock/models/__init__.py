from . import (
    product_product,
    product_template,
    product_template_recon,
    res_company,
    spoticar_vehicle_equipment,
    spoticar_vehicle_image,
    spoticar_vehicle_make,
    spoticar_vehicle_model,
    spoticar_vehicle_reference_mixin,
    spoticar_vehicle_version,
    stock_move,
)
