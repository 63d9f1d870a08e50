from . import showroom_label
