from . import spoticar_trade_in_wizard
