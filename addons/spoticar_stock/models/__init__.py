from . import spoticar_vehicle_equipment
from . import spoticar_vehicle_make
from . import spoticar_vehicle_model
from . import spoticar_vehicle_version
from . import spoticar_vehicle_image
from . import product_template
from . import product_product
from . import stock_move
