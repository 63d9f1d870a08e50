from . import spoticar_vehicle_reference_import
