from . import test_purchase, test_register
