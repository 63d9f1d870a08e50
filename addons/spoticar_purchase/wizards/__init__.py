from . import spoticar_register_correct, spoticar_register_export
