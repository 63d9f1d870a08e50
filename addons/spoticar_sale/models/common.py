# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Access to the pure-Python spoticar_core package."""


def spoticar_identifiers():
    from spoticar_core import identifiers

    return identifiers


def spoticar_greycard():
    from spoticar_core import greycard

    return greycard


def spoticar_exceptions():
    from spoticar_core import exceptions

    return exceptions
