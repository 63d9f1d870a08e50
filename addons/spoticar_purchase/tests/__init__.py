from . import test_appraisal, test_formalities, test_purchase, test_register, test_report, test_ui
