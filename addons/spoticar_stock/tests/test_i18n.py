# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every Spoticar addon speaks French: its fr.po translates every term Odoo exports for it."""

import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader

# What Odoo's .po reader requires of every entry (odoo/tools/translate.py, PoFileReader).
MODULE_COMMENT = re.compile(r"(module[s]?): (\w+)")


@tagged("post_install", "-at_install")
class TestFrenchTranslations(TransactionCase):
    def test_every_term_of_every_spoticar_addon_is_translated(self):
        modules = (
            self.env["ir.module.module"]
            .search([("name", "=like", "spoticar\\_%"), ("state", "=", "installed")])
            .mapped("name")
        )
        self.assertIn("spoticar_stock", modules)
        for module in modules:
            with self.subTest(module=module):
                po = polib.pofile(file_path(f"{module}/i18n/fr.po"))
                unreadable = [e.msgid for e in po if not MODULE_COMMENT.match(e.comment or "")]
                self.assertFalse(unreadable, "entries Odoo cannot load (no '#. module:')")
                translated = {e.msgid for e in po if e.msgstr and not e.obsolete}
                exported = {
                    source
                    for term_module, _type, _name, _res_id, source, _value, _comments in (
                        TranslationModuleReader(self.env.cr, modules=[module])
                    )
                    if term_module == module
                }
                self.assertFalse(sorted(exported - translated), "terms without French")
