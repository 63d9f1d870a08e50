from . import test_advertising, test_feed, test_public_page, test_showroom_label, test_tour
