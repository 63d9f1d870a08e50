# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Base class of the connector tests: a real sandbox Centralisateur on a free loopback port.

    from odoo.addons.spoticar_centralizer.tests.common import SpoticarCentralizerCommon

``cls.sandbox`` is a ``spoticar_core.sandbox.SandboxServer`` started in-process on 127.0.0.1 (port
0: a free one) with its own SQLite file; ``cls.company`` points at it. Every test starts with an
empty sandbox (no declaration, no fault). ``self._create_ready_warranty(**vals)`` gives a
validated warranty ("Ready to declare").

Odoo's BaseCase patches ``requests.Session.send`` and raises timeouts under 10 s to 10 s; the
``spoticar_core`` client applies its (connect, read) timeout in its transport adapter and passes
no timeout to ``send``, so the company timeout (1 s here) holds and the timeout tests stay fast.
"""

import os
import shutil
import socket
import tempfile
from contextlib import contextmanager

from odoo.addons.spoticar_warranty.tests.common import SpoticarWarrantyCommon

from spoticar_core.sandbox import SandboxServer

API_KEY = "spoticar-test-key"


class SpoticarCentralizerCommon(SpoticarWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox_dir = tempfile.mkdtemp(prefix="spoticar-centralizer-test-")
        cls.addClassCleanup(shutil.rmtree, cls.sandbox_dir, True)
        cls.sandbox_db = os.path.join(cls.sandbox_dir, "sandbox.sqlite3")
        cls.sandbox = SandboxServer(cls.sandbox_db, port=0, api_key=API_KEY).start()
        cls.addClassCleanup(lambda: cls.sandbox.stop())
        cls.company.write(
            {
                "spoticar_centralizer_url": cls.sandbox.url,
                "spoticar_centralizer_api_key": API_KEY,
                "spoticar_centralizer_environment": "test",
                "spoticar_centralizer_timeout": 1.0,
            }
        )
        cls.Warranty = cls.env["spoticar.warranty"].with_company(cls.company)

    def setUp(self):
        super().setUp()
        self.sandbox.reset()

    @classmethod
    def _create_ready_warranty(cls, **vals):
        warranty = cls._create_warranty(**vals)
        warranty.action_validate()
        return warranty

    @staticmethod
    def _free_port():
        """A loopback port nobody listens on (connection refused)."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    @contextmanager
    def _client_warnings(self):
        """The core client logs each failed attempt at WARNING: expect them, keep the log clean."""
        with self.assertLogs("spoticar_core.client", level="WARNING") as logs:
            yield logs

    def _messages(self, warranty):
        return warranty.message_ids.mapped("body")

    def _exchanges(self, warranty):
        return self.env["spoticar.centralizer.exchange"].search(
            [("warranty_id", "=", warranty.id)], order="id"
        )
