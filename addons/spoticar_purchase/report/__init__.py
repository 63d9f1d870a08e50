from . import ir_actions_report, spoticar_register_report
