from . import test_access, test_ageing, test_bill, test_margin, test_tour
