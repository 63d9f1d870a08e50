from . import ir_actions_report, purchase_declaration_report, spoticar_register_report
