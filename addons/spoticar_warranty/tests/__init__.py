from . import test_warranty_prefill
from . import test_warranty_validation
from . import test_warranty_setup_access
from . import test_warranty_reports
from . import test_warranty_cron
