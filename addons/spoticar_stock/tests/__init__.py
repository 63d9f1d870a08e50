from . import test_vehicle
from . import test_version_search
from . import test_reference_import
from . import test_access
from . import test_report
from . import test_tour
