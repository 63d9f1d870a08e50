from . import (
    test_access,
    test_finding,
    test_greycard_tariffs,
    test_identity_dealer,
    test_invoice,
    test_partner,
    test_performance,
    test_registration_fee,
    test_report,
    test_reservation,
    test_ui,
    test_vat_trade_in,
)
