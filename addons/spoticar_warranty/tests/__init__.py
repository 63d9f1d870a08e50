from . import (
    test_warranty_cron,
    test_warranty_prefill,
    test_warranty_protection,
    test_warranty_reports,
    test_warranty_setup_access,
    test_warranty_tour,
    test_warranty_validation,
    test_warranty_vocabulary,
)
