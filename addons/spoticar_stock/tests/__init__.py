from . import (
    test_access,
    test_entry_limits,
    test_field_types,
    test_finding,
    test_i18n,
    test_inspection,
    test_recon,
    test_reference_import,
    test_report,
    test_tour,
    test_vehicle,
    test_version_search,
)
