from . import spoticar_warranty_declare_outside
