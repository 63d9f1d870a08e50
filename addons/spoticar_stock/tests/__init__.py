from . import test_vehicle
