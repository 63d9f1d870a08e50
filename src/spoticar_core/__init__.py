"""Spoticar for Odoo: the pure-Python rules of the suite.

Nothing in this package imports Odoo: the addons call it, and so can any script or service.

- ``identifiers``: plates, VIN, SIREN/SIRET/VAT, postcode to department and region;
- ``greycard``: the carte grise (certificat d'immatriculation) calculator, tariffs as dated data;
- ``critair``: the Crit'Air class;
- ``formalities``: SIV declaration deadline, contrôle technique at delivery, W garage renewal;
- ``catalogue``: vehicle reference matching (word search without accents or case);
- ``declaration``: the Centralisateur declaration schema (protocol v1);
- ``client``: the Centralisateur HTTP client;
- ``sandbox``: the sandbox Centralisateur (a real HTTP server on SQLite) for demos and tests;
- ``cli``: the ``spoticar`` command line.
"""

__version__ = "1.0.0"
