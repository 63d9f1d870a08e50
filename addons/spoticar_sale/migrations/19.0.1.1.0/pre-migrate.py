# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.1.0: the identity documents rule of the Spoticar groups becomes multi-company.

The rule lives in a ``noupdate`` file, which an update does not reload: the old record (with its
XML id) is removed here so that the update creates it again from the file.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'spoticar_sale' AND model = 'ir.rule'
                         AND name = 'res_partner_id_number_rule_spoticar')
        """
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'spoticar_sale' AND model = 'ir.rule'
           AND name = 'res_partner_id_number_rule_spoticar'
        """
    )
