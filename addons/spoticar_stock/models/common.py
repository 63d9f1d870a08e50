# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Selections shared by the vehicle reference and the vehicles."""

ENERGY_SELECTION = [
    ("petrol", "Petrol"),
    ("diesel", "Diesel"),
    ("hybrid", "Hybrid"),
    ("plugin_hybrid", "Plug-in hybrid"),
    ("electric", "Electric"),
    ("hydrogen", "Hydrogen"),
    ("e85", "Flex fuel E85"),
    ("lpg", "LPG"),
    ("cng", "CNG"),
]
GEARBOX_SELECTION = [("manual", "Manual"), ("automatic", "Automatic")]
VEHICLE_CATEGORY_SELECTION = [("VP", "Passenger car (VP)"), ("VU", "Light utility vehicle (VU)")]
BODY_TYPE_SELECTION = [
    ("hatchback", "Hatchback"),
    ("sedan", "Sedan"),
    ("estate", "Estate"),
    ("suv", "SUV"),
    ("mpv", "MPV"),
    ("coupe", "Coupe"),
    ("convertible", "Convertible"),
    ("van", "Van"),
    ("pickup", "Pick-up"),
]
EURO_NORM_SELECTION = [
    ("euro1", "Euro 1"),
    ("euro2", "Euro 2"),
    ("euro3", "Euro 3"),
    ("euro4", "Euro 4"),
    ("euro5", "Euro 5"),
    ("euro6", "Euro 6"),
]
CONSUMPTION_NORM_SELECTION = [("nedc", "NEDC"), ("wltp", "WLTP")]
