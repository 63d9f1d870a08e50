# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The livre de police: the register of used vehicles bought for resale.

Code pénal 321-7 (the duty), R321-3 / R321-5 (what an entry holds), R321-6-1 (an electronic register
guarantees the integrity and intangibility of its entries). Entries are append-only: no field of
a written entry changes and none is deleted, by anyone; a correction is a new entry pointing at
the one it corrects. Each entry carries the SHA-256 of its canonical content and of the previous
entry's hash (spoticar_core.register).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from spoticar_core import register, vocabulary

# The content of an entry, hashed into the chain (R321-3 / R321-5), as stored in its columns.
CHAIN_FIELDS = (
    "number",
    "establishment",
    "entry_date",
    "kind",
    "vehicle_make",
    "vehicle_model",
    "vehicle_version",
    "vehicle_color",
    "mileage",
    "license_plate",
    "registration_type",
    "vin",
    "origin_country",
    "seller_type",
    "seller_name",
    "seller_address",
    "id_document_type",
    "id_document_number",
    "id_document_date",
    "id_document_authority",
    "seller_siret",
    "amount",
    "payment_mode",
    "corrected_number",
    "correction_reason",
)
# The exit of the vehicle, filled once when it is sold (not part of the chain: written later).
EXIT_FIELDS = ("exit_date", "buyer_name", "exit_order_id")
# Fields of a correction that the corrected entry's values fill when not given.
COPIED_FIELDS = tuple(
    f for f in CHAIN_FIELDS if f not in ("number", "establishment", "corrected_number")
) + ("company_id", "warehouse_id", "product_tmpl_id", "partner_id", "currency_id")


class SpoticarRegisterEntry(models.Model):
    _name = "spoticar.register.entry"
    _description = "Livre de police entry"
    _order = "establishment, number desc"
    _check_company_auto = True
    _rec_name = "name"

    # === FIELDS === #
    name = fields.Char("Register number", readonly=True, index=True)
    number = fields.Integer("Number", readonly=True, aggregator=False)
    establishment = fields.Char(
        readonly=True,
        index=True,
        help="The establishment whose register holds the entry: the company or one warehouse "
        "(setting of the company).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="restrict"
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Warehouse",
        readonly=True,
        ondelete="restrict",
        check_company=True,
    )
    currency_id = fields.Many2one("res.currency", readonly=True, required=True)
    entry_date = fields.Date("Date of entry", readonly=True, required=True)
    kind = fields.Selection(
        vocabulary.selection(register.ENTRY_KINDS), string="Nature", readonly=True, required=True
    )
    # The vehicle, as it was when it came in
    product_tmpl_id = fields.Many2one(
        "product.template", string="Vehicle", readonly=True, index=True, ondelete="restrict"
    )
    vehicle_make = fields.Char("Make", readonly=True)
    vehicle_model = fields.Char("Model", readonly=True)
    vehicle_version = fields.Char("Version", readonly=True)
    vehicle_color = fields.Char("Colour", readonly=True)
    mileage = fields.Integer("Mileage (km)", readonly=True)
    license_plate = fields.Char("License plate", readonly=True)
    registration_type = fields.Char("Type CG (D.2)", readonly=True)
    vin = fields.Char("VIN", readonly=True)
    origin_country = fields.Char("Country of origin", readonly=True)
    # The seller
    partner_id = fields.Many2one("res.partner", string="Seller", readonly=True, ondelete="restrict")
    seller_type = fields.Selection(
        vocabulary.selection(register.SELLER_TYPES), string="Seller type", readonly=True
    )
    seller_name = fields.Char("Seller name", readonly=True)
    seller_address = fields.Char("Seller address", readonly=True)
    id_document_type = fields.Char("Identity document", readonly=True)
    id_document_number = fields.Char("Identity document number", readonly=True)
    id_document_date = fields.Date("Identity document issued on", readonly=True)
    id_document_authority = fields.Char("Identity document issued by", readonly=True)
    seller_siret = fields.Char("Seller SIRET", readonly=True)
    # The money
    amount = fields.Monetary(
        "Price or estimated value",
        readonly=True,
        help="The purchase price, or for an exchange (trade-in) or a deposit the estimated "
        "market value.",
    )
    amount_is_estimate = fields.Boolean("Estimated value", compute="_compute_amount_is_estimate")
    payment_mode = fields.Selection(
        vocabulary.selection(register.PAYMENT_MODES), string="Payment mode", readonly=True
    )
    # Origin documents
    purchase_order_id = fields.Many2one("purchase.order", readonly=True, ondelete="restrict")
    sale_order_id = fields.Many2one(
        "sale.order", string="Trade-in order", readonly=True, ondelete="restrict"
    )
    # Corrections
    corrects_id = fields.Many2one(
        "spoticar.register.entry",
        string="Corrects entry",
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    corrected_number = fields.Integer("Corrected entry number", readonly=True)
    correction_reason = fields.Char(readonly=True)
    corrected_by_ids = fields.One2many(
        "spoticar.register.entry", "corrects_id", string="Corrected by", readonly=True
    )
    is_corrected = fields.Boolean("Corrected", compute="_compute_is_corrected")
    # Exit
    exit_date = fields.Date("Exit date", readonly=True)
    buyer_name = fields.Char("Buyer", readonly=True)
    exit_order_id = fields.Many2one("sale.order", string="Sale order", readonly=True)
    # Integrity
    previous_hash = fields.Char("Previous entry's hash", readonly=True)
    content_hash = fields.Char("Entry hash (SHA-256)", readonly=True)

    _establishment_number_unique = models.Constraint(
        "UNIQUE(establishment, number)",
        "A number is given once in the livre de police of an establishment.",
    )

    # === COMPUTES === #
    @api.depends("kind")
    def _compute_amount_is_estimate(self):
        for entry in self:
            entry.amount_is_estimate = entry.kind in register.ESTIMATED_KINDS

    @api.depends("corrected_by_ids")
    def _compute_is_corrected(self):
        for entry in self:
            entry.is_corrected = bool(entry.corrected_by_ids)

    # === CRUD (append-only) === #
    @api.model_create_multi
    def create(self, vals_list):
        """Number, chain and write each entry in turn, its establishment's counter locked."""
        self.check_access("create")
        entries = self.browse()
        for vals in vals_list:
            vals = {k: v for k, v in vals.items() if k not in ("number", "content_hash")}
            company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
            warehouse = self.env["stock.warehouse"].browse(vals.get("warehouse_id") or [])
            establishment, prefix = company._spoticar_register_establishment(warehouse)
            number, previous_hash = self._register_allocate(establishment)
            vals.update(
                company_id=company.id,
                establishment=establishment,
                number=number,
                name=f"{prefix}{number:06d}",
                previous_hash=previous_hash,
                currency_id=vals.get("currency_id") or company.currency_id.id,
            )
            entry = super().create([vals])
            entry._register_seal(establishment, number)
            entries |= entry
        return entries

    def write(self, vals):
        """Only the exit of the vehicle, once, and by the business method; nothing else, ever."""
        changed = set(vals) - set(EXIT_FIELDS)
        if changed or not (self.env.su and self.env.context.get("spoticar_register_exit")):
            raise UserError(
                self.env._(
                    "The livre de police entry %(entry)s cannot be changed (Code pénal R321-6-1: "
                    "entries are intangible). Record a correction instead.",
                    entry=", ".join(self.mapped("name")),
                )
            )
        filled = self.filtered(lambda e: e.exit_date or e.buyer_name)
        if filled:
            raise UserError(
                self.env._(
                    "The exit of the vehicle is already written in the livre de police entry "
                    "%(entry)s.",
                    entry=filled[:1].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if self:
            raise UserError(
                self.env._(
                    "The livre de police entry %(entry)s cannot be deleted (Code pénal R321-6-1): "
                    "the register keeps every entry for 10 years.",
                    entry=self[:1].name,
                )
            )

    def copy(self, default=None):
        if self:
            raise UserError(
                self.env._(
                    "A livre de police entry cannot be duplicated: record a correction instead."
                )
            )
        return super().copy(default)

    # === NUMBERING AND CHAIN === #
    @api.model
    def _register_allocate(self, establishment):
        """Next number and previous hash of ``establishment``, its counter row locked.

        The row lock (SELECT ... FOR UPDATE) holds until the transaction ends: a concurrent
        reception waits, then fails to serialise and is retried by Odoo with the next number.
        """
        cr = self.env.cr
        cr.execute(
            """
            INSERT INTO spoticar_register_counter
                (establishment, last_number, last_hash, create_uid, write_uid,
                 create_date, write_date)
            VALUES (%s, 0, '', %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
            ON CONFLICT (establishment) DO NOTHING
            """,
            (establishment, self.env.uid, self.env.uid),
        )
        cr.execute(
            "SELECT last_number, last_hash FROM spoticar_register_counter"
            " WHERE establishment = %s FOR UPDATE",
            (establishment,),
        )
        last_number, last_hash = cr.fetchone()
        return last_number + 1, last_hash or ""

    def _register_seal(self, establishment, number):
        """Hash the entry as stored and move its establishment's counter on."""
        self.ensure_one()
        self.flush_recordset()
        content, previous_hash, _stored = self._register_chain_rows([self.id])[0]
        digest = register.entry_hash(content, previous_hash)
        self.env.cr.execute(
            "UPDATE spoticar_register_entry SET content_hash = %s WHERE id = %s",
            (digest, self.id),
        )
        self._register_counter_move(establishment, number, digest)
        self.invalidate_recordset(["content_hash"])

    @api.model
    def _register_counter_move(self, establishment, number, digest):
        """The counter of ``establishment`` (locked by _register_allocate) ends at ``number``."""
        self.env.cr.execute(
            "UPDATE spoticar_register_counter SET last_number = %s, last_hash = %s,"
            " write_date = now() at time zone 'UTC' WHERE establishment = %s",
            (number, digest, establishment),
        )

    @api.model
    def _register_chain_rows(self, ids=None, establishment=None):
        """``(content, previous_hash, content_hash)`` of entries read in SQL, in number order."""
        columns = ", ".join(CHAIN_FIELDS)
        if ids is not None:
            where, params = "id IN %s", (tuple(ids),)
        else:
            where, params = "establishment = %s", (establishment,)
        self.env.cr.execute(
            f"SELECT {columns}, previous_hash, content_hash FROM spoticar_register_entry"  # noqa: S608
            f" WHERE {where} ORDER BY number",
            params,
        )
        size = len(CHAIN_FIELDS)
        return [
            (dict(zip(CHAIN_FIELDS, row[:size], strict=True)), row[size], row[size + 1])
            for row in self.env.cr.fetchall()
        ]

    @api.model
    def _register_verify(self, establishment):
        """(entries checked, first broken entry's register number or a French reason, or None)."""
        rows = self._register_chain_rows(establishment=establishment)
        broken = register.verify_chain(rows)
        if broken is not None:
            number = rows[broken][0]["number"]
            entry = self.sudo().search(
                [("establishment", "=", establishment), ("number", "=", number)], limit=1
            )
            return len(rows), entry.name or str(number)
        self.env.cr.execute(
            "SELECT last_number, last_hash FROM spoticar_register_counter WHERE establishment = %s",
            (establishment,),
        )
        counter = self.env.cr.fetchone() or (0, "")
        last_hash = rows[-1][2] if rows else ""
        if counter[0] != len(rows) or (counter[1] or "") != last_hash:
            return len(rows), self.env._(
                "entries after number %(number)s are missing", number=len(rows)
            )
        return len(rows), None

    def action_verify_integrity(self):
        """Check the chain of each establishment the user sees; name the first broken entry.

        A list button shown without selection: called on any recordset, checks every entry.
        """
        self.env["spoticar.register.entry"].check_access("read")
        companies = self.env.companies
        self.env.cr.execute(
            "SELECT DISTINCT establishment FROM spoticar_register_entry WHERE company_id IN %s"
            " ORDER BY establishment",
            (tuple(companies.ids),),
        )
        establishments = [row[0] for row in self.env.cr.fetchall()]
        total, problems = 0, []
        for establishment in establishments:
            count, broken = self._register_verify(establishment)
            total += count
            if broken:
                problems.append(broken)
        if problems:
            message = self.env._(
                "Integrity check FAILED: the livre de police was altered from entry %(entry)s on.",
                entry=", ".join(problems),
            )
            kind = "danger"
        else:
            message = self.env._(
                "Integrity check passed: %(count)s entries, chain intact.", count=total
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Livre de police"),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
            },
        }

    # === BUSINESS === #
    def _register_correct(self, vals, reason):
        """Write a new entry correcting this one: its values, changed by ``vals``."""
        self.ensure_one()
        if not reason:
            raise UserError(self.env._("Give the reason of the correction."))
        new_vals = {}
        for fname in COPIED_FIELDS:
            value = self[fname]
            new_vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        new_vals.update(vals)
        new_vals.update(
            corrects_id=self.id,
            corrected_number=self.number,
            correction_reason=reason,
            purchase_order_id=self.purchase_order_id.id,
            sale_order_id=self.sale_order_id.id,
            entry_date=fields.Date.context_today(self),
        )
        return self.sudo().create(new_vals)

    def _register_exit(self, date, buyer, order=None):
        """Write the exit of the vehicle (sale date and buyer) on its entry, once."""
        self.sudo().with_context(spoticar_register_exit=True).write(
            {"exit_date": date, "buyer_name": buyer, "exit_order_id": order.id if order else False}
        )
