from . import spoticar_register_export
