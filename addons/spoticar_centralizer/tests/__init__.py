from . import test_access, test_declare, test_queue, test_recovery, test_settings, test_tour
