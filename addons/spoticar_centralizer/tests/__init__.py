from . import test_access, test_declare, test_queue, test_settings, test_tour
