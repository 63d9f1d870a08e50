from . import res_company, res_config_settings, spoticar_centralizer_exchange, spoticar_warranty
