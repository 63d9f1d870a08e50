from . import (
    account_move,
    account_move_line,
    product_template,
    res_company,
    res_config_settings,
    sale_order,
    spoticar_sale_report,
    spoticar_stock_report,
    spoticar_vehicle_cost,
)
