# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
import time
import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import plaintext2html

from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError
from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP

from spoticar_core import client as centralizer_client
from spoticar_core import declaration as centralizer_declaration

from .res_company import INTERACTIVE_RETRIES

_logger = logging.getLogger(__name__)

# States from which a warranty may be (re)sent: ready to declare, queued ("sent") or waiting after a
# temporary failure ("to_retry").
SENDABLE_STATES = ("ready", "sent", "to_retry")
WAITING_STATES = ("sent", "to_retry")
JOB_MAX_RETRIES = 12


class SpoticarWarranty(models.Model):
    _inherit = "spoticar.warranty"

    # === FIELDS === #
    state = fields.Selection(
        selection_add=[("to_retry", "To Retry"), ("declared",)],
        ondelete={
            "to_retry": lambda records: records._spoticar_write_protected({"state": "ready"})
        },
    )
    centralizer_idempotency_key = fields.Char(
        string="Idempotency Key",
        copy=False,
        readonly=True,
        index=True,
        default=lambda self: self._centralizer_new_idempotency_key(),
        help="Sent with every declaration of this warranty: the Centralisateur answers a "
        "repeated request with its first answer and never creates a second contract.",
    )
    centralizer_last_error = fields.Text(
        string="Centralisateur Message",
        copy=False,
        readonly=True,
        help="What the Centralisateur answered to the last declaration that did not succeed.",
    )
    centralizer_request_body = fields.Text(
        string="Declaration Sent",
        copy=False,
        readonly=True,
        groups="base.group_system",
        help="Technical: the exact JSON body sent with the idempotency key, stored before the "
        "first attempt. Every retry of the key sends it again as is; emptied when the "
        "Centralisateur is known to have registered nothing under the key.",
    )
    centralizer_body_outdated = fields.Boolean(
        string="Changed Since Sent",
        copy=False,
        readonly=True,
        help="Technical: the warranty was changed while the Centralisateur may hold the body "
        "sent: the next try asks it what it registered before sending anything.",
    )
    centralizer_exchange_ids = fields.One2many(
        comodel_name="spoticar.centralizer.exchange",
        inverse_name="warranty_id",
        string="Centralisateur Exchanges",
        groups=MANAGER_GROUP,
    )
    centralizer_exchange_count = fields.Integer(
        compute="_compute_centralizer_exchange_count",
        groups=MANAGER_GROUP,
    )

    _centralizer_idempotency_key_uniq = models.Constraint(
        "UNIQUE(centralizer_idempotency_key)",
        "Two warranties cannot share an idempotency key.",
    )

    # === COMPUTE METHODS === #
    @api.depends("centralizer_exchange_ids")
    def _compute_centralizer_exchange_count(self):
        counts = dict(
            self.env["spoticar.centralizer.exchange"]._read_group(
                [("warranty_id", "in", self.ids)], ["warranty_id"], ["__count"]
            )
        )
        for warranty in self:
            warranty.centralizer_exchange_count = counts.get(warranty, 0)

    # === CRUD METHODS === #
    @api.model
    def _spoticar_protected_fields(self):
        return super()._spoticar_protected_fields() | {
            "centralizer_idempotency_key",
            "centralizer_last_error",
            "centralizer_request_body",
            "centralizer_body_outdated",
        }

    def write(self, vals):
        changed = self.browse()
        if not self._spoticar_is_protected_write() and (
            set(vals) & self._spoticar_declaration_fields()
        ):
            changed = self.filtered(lambda w: w._centralizer_is_pending())
        result = super().write(vals)
        if changed:
            # A deliberate change after a lost answer: the next try asks before it sends.
            changed.sudo()._spoticar_write_protected({"centralizer_body_outdated": True})
        return result

    def _spoticar_outside_declaration_states(self):
        return super()._spoticar_outside_declaration_states() + ("to_retry",)

    def _spoticar_declare_outside(self, number, contracts, declaration_date=None):
        result = super()._spoticar_declare_outside(number, contracts, declaration_date)
        self.sudo()._spoticar_write_protected(
            {
                "centralizer_last_error": False,
                "centralizer_request_body": False,
                "centralizer_body_outdated": False,
            }
        )
        return result

    def _centralizer_is_pending(self):
        """True when a declaration was sent with the key and its answer never came: the
        Centralisateur may have registered it."""
        self.ensure_one()
        return bool(self.state == "to_retry" or self.sudo().centralizer_request_body) and not (
            self.declaration_number
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_centralizer_waiting(self):
        if any(w._centralizer_is_pending() for w in self):
            raise UserError(
                self.env._(
                    "A warranty waiting to be sent again to the Centralisateur cannot be deleted: "
                    "the Centralisateur may already have registered it."
                )
            )

    # === ACTIONS === #
    def action_cancel(self):
        if any(w._centralizer_is_pending() for w in self):
            raise UserError(
                self.env._(
                    "A warranty waiting to be sent again to the Centralisateur cannot be "
                    "cancelled: the Centralisateur may already have registered it."
                )
            )
        return super().action_cancel()

    def action_centralizer_declare(self):
        """ "Déclarer et garantir": send the declaration now and say what happened."""
        self.ensure_one()
        self._centralizer_check_sendable()
        outcome = self._centralizer_send()
        kind = outcome["kind"]
        if kind == "transient":
            self._centralizer_enqueue()
            return self._centralizer_notify(
                "warning",
                self.env._(
                    "The Centralisateur did not answer (%(error)s). The declaration is queued "
                    "and will be sent again automatically.",
                    error=outcome["error"],
                ),
            )
        if kind in ("success", "replayed", "already", "recovered"):
            messages = self._centralizer_confirmations()
            if outcome.get("warning"):
                messages.append(outcome["warning"])
            return self._centralizer_notify(
                "warning" if outcome.get("warning") else "success", "\n".join(messages)
            )
        return self._centralizer_notify("danger", outcome["error"])

    def action_centralizer_declare_batch(self):
        """Queue the declaration of the selected warranties that are ready (list action)."""
        warranties = self.filtered(lambda w: w.state == "ready" and not w.declaration_number)
        if not warranties:
            raise UserError(
                self.env._(
                    "None of the selected warranties is ready to declare (state “Ready to "
                    "declare”)."
                )
            )
        for warranty in warranties:
            warranty._centralizer_check_sendable()
        warranties._centralizer_ensure_idempotency_key()
        warranties._spoticar_write_protected({"state": "sent", "centralizer_last_error": False})
        warranties._centralizer_enqueue()
        skipped = len(self) - len(warranties)
        message = self.env._(
            "%(count)s declaration(s) queued for the Centralisateur.", count=len(warranties)
        )
        if skipped:
            message += " " + self.env._(
                "%(count)s warranty(ies) skipped: not ready to declare.", count=skipped
            )
        return self._centralizer_notify("info", message)

    def action_view_centralizer_exchanges(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "spoticar_centralizer.spoticar_centralizer_exchange_action"
        )
        action["domain"] = [("warranty_id", "=", self.id)]
        action["context"] = {"default_warranty_id": self.id}
        return action

    # === JOB AND CRON === #
    def _centralizer_job_declare(self):
        """Queue job: declare one warranty.

        Temporary failures raise RetryableJobError (retry pattern of the job function); an
        authentication or permanent refusal fails the job so that the managers see it."""
        self.ensure_one()
        if self.declaration_number:
            return self.env._("Already declared: %(number)s", number=self.declaration_number)
        if self.state not in SENDABLE_STATES:
            return self.env._("Not sent: the warranty is in state %(state)s.", state=self.state)
        outcome = self._centralizer_send(independent=True)
        kind = outcome["kind"]
        if kind == "transient":
            raise RetryableJobError(outcome["error"])
        if kind in ("authentication", "permanent", "configuration"):
            raise FailedJobError(outcome["error"])
        if kind == "rejected":
            return self.env._("Rejected by the Centralisateur: %(error)s", error=outcome["error"])
        return self.env._("Declared: %(number)s", number=self.declaration_number)

    def _centralizer_enqueue(self):
        """One job per warranty; the identity key keeps a warranty from being queued twice."""
        for warranty in self:
            # The job belongs to the warranty's company (queue.job multi-company rule).
            warranty.with_company(warranty.company_id).with_delay(
                priority=20,
                max_retries=JOB_MAX_RETRIES,
                identity_key=warranty._centralizer_job_identity_key(),
                description=self.env._(
                    "Declare warranty %(warranty)s to the Centralisateur",
                    warranty=warranty.display_name,
                ),
            )._centralizer_job_declare()

    def _centralizer_job_identity_key(self):
        self.ensure_one()
        return f"spoticar.warranty,{self.id}:_centralizer_job_declare"

    @api.model
    def _cron_centralizer_retry(self):
        """Queue again the warranties still waiting (queued or to retry) without a live job,
        e.g. after the job gave up. A job waiting or running is left alone (the identity key
        only skips the waiting ones)."""
        warranties = self.search(
            [("state", "in", WAITING_STATES), ("declaration_number", "=", False)]
        )
        live_keys = set(
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("identity_key", "in", [w._centralizer_job_identity_key() for w in warranties]),
                    ("state", "in", ("wait_dependencies", "pending", "enqueued", "started")),
                ]
            )
            .mapped("identity_key")
        )
        warranties = warranties.filtered(
            lambda w: w._centralizer_job_identity_key() not in live_keys
        )
        for company, company_warranties in warranties.grouped("company_id").items():
            company_warranties.with_company(company)._centralizer_enqueue()
        return True

    # === BUSINESS METHODS === #
    @api.model
    def _centralizer_new_idempotency_key(self):
        return str(uuid.uuid4())

    def _centralizer_ensure_idempotency_key(self):
        """The key is generated once and stored: every retry of the warranty sends the same one."""
        for warranty in self.filtered(lambda w: not w.centralizer_idempotency_key):
            warranty._spoticar_write_protected(
                {"centralizer_idempotency_key": self._centralizer_new_idempotency_key()}
            )
        return self[:1].centralizer_idempotency_key

    def _centralizer_check_sendable(self):
        self.ensure_one()
        if self.declaration_number:
            raise UserError(
                self.env._(
                    "Warranty %(warranty)s is already declared (declaration number %(number)s): "
                    "it is never sent again.",
                    warranty=self.display_name,
                    number=self.declaration_number,
                )
            )
        if self.state not in SENDABLE_STATES:
            raise UserError(
                self.env._(
                    "Warranty %(warranty)s cannot be declared in its current state: validate it "
                    "first (button “Valider”).",
                    warranty=self.display_name,
                )
            )

    def _centralizer_send(self, independent=False):
        """Send the declaration and apply the answer.

        The body sent with the idempotency key is stored before the first attempt and every retry
        of the key sends exactly that body. When the warranty changed after an answer was lost,
        the connector first asks the Centralisateur what it registered under the key (GET by key):
        registered, its numbers are stored; not registered, the current data are sent with the
        same key.

        Returns a dict with ``kind`` (success, replayed, recovered, already, rejected,
        authentication, permanent, configuration, transient), ``error`` and, for ``recovered``,
        ``warning``. With ``independent`` (queue jobs), the exchanges and the failure are recorded
        on a separate cursor: a job that raises RetryableJobError is rolled back, its log must
        not be."""
        self.ensure_one()
        if self.declaration_number:
            return {"kind": "already", "error": False}
        payload = self._centralizer_prepare_payload()
        key = self._centralizer_ensure_idempotency_key()
        was_pending = self._centralizer_is_pending()
        sent_body = self.sudo().centralizer_request_body or False
        try:
            client = self.company_id._spoticar_centralizer_client(
                retries=0 if independent else INTERACTIVE_RETRIES
            )
        except UserError as error:
            outcome = {"kind": "configuration", "error": str(error)}
            exchange = self._centralizer_exchange_vals(key, "POST", payload)
            exchange.update(result="permanent", error=outcome["error"])
            self._centralizer_record_failure(
                outcome, exchange, independent, sent_body, outdated=self.centralizer_body_outdated
            )
            return outcome
        with client:
            if was_pending and (not sent_body or self.centralizer_body_outdated):
                # Changed since the answer was lost (or sent before bodies were kept).
                outcome = self._centralizer_lookup(client, key, payload, sent_body, independent)
                if outcome:
                    return outcome
                sent_body = False  # nothing registered under the key: send the current data
            if not sent_body:
                sent_body = centralizer_declaration.canonical_json(payload)
                # Stored before the call. A job stores it with the outcome instead, on the cursor
                # that records it: writing the row here would lock it against that cursor.
                if not independent:
                    self.sudo()._spoticar_write_protected(
                        {"centralizer_request_body": sent_body, "centralizer_body_outdated": False}
                    )
            return self._centralizer_post(
                client, key, json.loads(sent_body), sent_body, was_pending, independent
            )

    def _centralizer_exchange_vals(self, key, method, payload, client=None):
        return {
            "warranty_id": self.id,
            "company_id": self.company_id.id,
            "idempotency_key": key,
            "method": method,
            "url": client.base_url + centralizer_client.API_PREFIX + "/declarations"
            if client
            else False,
            "request_body": self._centralizer_dump(
                centralizer_declaration.mask_personal_data(payload)
            )
            if payload is not None
            else False,
        }

    def _centralizer_post(self, client, key, payload, sent_body, was_pending, independent):
        """POST the stored body with its key; apply the answer or record the failure."""
        self.ensure_one()
        exchange = self._centralizer_exchange_vals(key, "POST", payload, client)
        start = time.monotonic()
        try:
            answer = client.declare(payload, idempotency_key=key)
        except centralizer_client.CentralizerConflictError as error:
            # The key was registered with another body: what was registered is the declaration.
            exchange.update(
                duration=error.duration or time.monotonic() - start,
                result="permanent",
                error=str(error),
                http_status=error.status or 409,
            )
            self._centralizer_log_exchange(exchange, independent)
            outcome = self._centralizer_lookup(client, key, payload, sent_body, independent)
            if outcome:
                return outcome
            outcome = {
                "kind": "permanent",
                "result": "permanent",
                "error": self.env._(
                    "The Centralisateur refused the declaration: %(error)s", error=error
                ),
            }
            self._centralizer_record_failure(outcome, None, independent, False)
            return outcome
        except centralizer_client.CentralizerError as error:
            outcome = self._centralizer_classify_error(error)
            exchange.update(
                duration=error.duration or time.monotonic() - start,
                result=outcome["result"],
                error=outcome["error"],
                http_status=error.status or 0,
                response_body=self._centralizer_dump(
                    centralizer_declaration.mask_personal_data(error.response)
                ),
            )
            # Keep the body while the Centralisateur may hold it: after a lost answer, or when
            # an earlier attempt may have reached it. A 422 proves nothing is registered.
            keep = outcome["kind"] == "transient" or (was_pending and outcome["kind"] != "rejected")
            self._centralizer_record_failure(
                outcome, exchange, independent, sent_body if keep else False
            )
            return outcome
        replayed = answer.replayed
        exchange.update(
            duration=answer.duration or time.monotonic() - start,
            result="replayed" if replayed else "success",
            http_status=answer.status,
            declaration_number=answer.declaration_number,
            response_body=self._centralizer_dump(
                centralizer_declaration.mask_personal_data(answer.raw)
            ),
        )
        self._centralizer_apply_declaration(answer, sent_body)
        self.env["spoticar.centralizer.exchange"].sudo().create(exchange)
        return {"kind": "replayed" if replayed else "success", "error": False}

    def _centralizer_lookup(self, client, key, payload, sent_body, independent):
        """Ask the Centralisateur what it registered under the key (GET by key).

        Registered: store its numbers and return the outcome ``recovered``. Not registered:
        forget the old body and return None (the caller sends the current data). Unreachable
        or refused: record the failure, keep the old body, return the outcome."""
        self.ensure_one()
        exchange = self._centralizer_exchange_vals(key, "GET", None, client)
        start = time.monotonic()
        try:
            answer = client.get_declaration_by_key(key)
        except centralizer_client.CentralizerNotFoundError as error:
            exchange.update(
                duration=error.duration or time.monotonic() - start,
                result="not_found",
                http_status=error.status or 404,
            )
            self._centralizer_log_exchange(exchange, independent)
            if not independent:  # a job records the new body with the outcome of its POST
                self.sudo()._spoticar_write_protected(
                    {"centralizer_request_body": False, "centralizer_body_outdated": False}
                )
            return None
        except centralizer_client.CentralizerError as error:
            outcome = self._centralizer_classify_error(error)
            exchange.update(
                duration=error.duration or time.monotonic() - start,
                result=outcome["result"],
                error=outcome["error"],
                http_status=error.status or 0,
            )
            self._centralizer_record_failure(
                outcome, exchange, independent, sent_body, outdated=self.centralizer_body_outdated
            )
            return outcome
        registered = answer.raw.get("declaration")
        registered_body = (
            centralizer_declaration.canonical_json(registered)
            if isinstance(registered, dict)
            else sent_body
        )
        exchange.update(
            duration=answer.duration or time.monotonic() - start,
            result="recovered",
            http_status=answer.status,
            declaration_number=answer.declaration_number,
            response_body=self._centralizer_dump(
                centralizer_declaration.mask_personal_data(answer.raw)
            ),
        )
        self._centralizer_apply_declaration(answer, registered_body)
        self.env["spoticar.centralizer.exchange"].sudo().create(exchange)
        warning = False
        if registered_body != centralizer_declaration.canonical_json(payload):
            warning = self.env._(
                "The Centralisateur had registered this warranty before its last changes: the "
                "numbers are those of the registered declaration, the changes made since were "
                "not declared. Have the guarantor correct them."
            )
            self.message_post(body=warning, subtype_xmlid="mail.mt_note")
        return {"kind": "recovered", "error": False, "warning": warning}

    def _centralizer_log_exchange(self, exchange, independent):
        """Journal an exchange at once (on its own cursor in a job: it survives a retry)."""
        if independent:
            with self.env.registry.cursor() as cr:
                self.env(cr=cr)["spoticar.centralizer.exchange"].sudo().create(exchange)
        else:
            self.env["spoticar.centralizer.exchange"].sudo().create(exchange)

    @api.model
    def _centralizer_classify_error(self, error):
        if isinstance(error, centralizer_client.CentralizerValidationError):
            lines = [
                self.env._(
                    "The Centralisateur refused the declaration, fix the warranty and validate it "
                    "again:"
                )
            ]
            lines += ["- %s" % message for message in self._centralizer_error_messages(error)]
            return {"kind": "rejected", "result": "rejected", "error": "\n".join(lines)}
        if isinstance(error, centralizer_client.CentralizerAuthenticationError):
            return {
                "kind": "authentication",
                "result": "authentication",
                "error": self.env._(
                    "The Centralisateur refused the API key (%(error)s): an administrator must "
                    "check it in the settings.",
                    error=error,
                ),
            }
        if isinstance(error, centralizer_client.CentralizerTransientError):
            return {"kind": "transient", "result": "transient", "error": str(error)}
        return {
            "kind": "permanent",
            "result": "permanent",
            "error": self.env._(
                "The Centralisateur refused the declaration: %(error)s", error=error
            ),
        }

    @api.model
    def _centralizer_error_messages(self, error):
        """French messages of a 422 answer (one per field)."""
        messages = []
        for item in getattr(error, "errors", None) or []:
            if isinstance(item, dict):
                messages.append(item.get("message") or item.get("field") or "")
            else:
                messages.append(str(item))
        return [message for message in messages if message] or [str(error)]

    def _centralizer_record_failure(self, outcome, exchange, independent, body, outdated=False):
        """Log the exchange and leave the warranty where the outcome puts it; ``body`` is the
        declaration body still possibly registered under the key (False when none is),
        ``outdated`` whether the warranty changed since it was sent."""
        self.ensure_one()
        values = {
            "centralizer_last_error": outcome["error"],
            "centralizer_request_body": body,
            "centralizer_body_outdated": bool(body and outdated),
        }
        if outcome["kind"] == "transient":
            values["state"] = "to_retry"
        elif outcome["kind"] == "rejected":
            values.update(state="rejected", rejection_reason=outcome["error"])
        elif self.state in WAITING_STATES:
            values["state"] = "ready"
        if independent:
            with self.env.registry.cursor() as cr:
                env = self.env(cr=cr)
                if exchange:
                    env["spoticar.centralizer.exchange"].sudo().create(exchange)
                self.with_env(env)._centralizer_write_failure(values, outcome)
        else:
            if exchange:
                self.env["spoticar.centralizer.exchange"].sudo().create(exchange)
            self._centralizer_write_failure(values, outcome)

    def _centralizer_write_failure(self, values, outcome):
        self.ensure_one()
        self.sudo()._spoticar_write_protected(values)
        if outcome["kind"] != "transient":
            self.message_post(body=plaintext2html(outcome["error"]), subtype_xmlid="mail.mt_note")

    def _centralizer_apply_declaration(self, answer, body=False):
        """Store the declaration number and the contract numbers, move to declared, confirm in the
        chatter as the Centralisateur does."""
        self.ensure_one()
        Guarantor = self.env["spoticar.warranty.guarantor"].sudo()
        contract_commands = []
        for code, number in answer.contracts.items():
            guarantor = Guarantor.with_context(active_test=False).search(
                [("code", "=", code)], limit=1
            )
            if not guarantor:
                _logger.warning(
                    "Centralisateur returned a contract for an unknown guarantor %s", code
                )
                continue
            existing = self.sudo().contract_ids.filtered(lambda c, g=guarantor: c.guarantor_id == g)
            if existing:
                contract_commands.append(Command.update(existing.id, {"contract_number": number}))
            else:
                contract_commands.append(
                    Command.create({"guarantor_id": guarantor.id, "contract_number": number})
                )
        values = {
            "declaration_number": answer.declaration_number,
            "declaration_date": fields.Date.context_today(self),
            "state": "declared",
            "rejection_reason": False,
            "centralizer_last_error": False,
        }
        if body:
            values.update(centralizer_request_body=body, centralizer_body_outdated=False)
        if contract_commands:
            values["contract_ids"] = contract_commands
        self.sudo()._spoticar_write_protected(values)
        # Notes that notify nobody: logged as such, without message_post's notification work
        # (about a quarter of a queued declaration's CPU).
        for message in self._centralizer_confirmations():
            self._message_log(body=message)

    def _centralizer_confirmations(self):
        """The two confirmations of the tutorial: declaration, then one line per contract."""
        self.ensure_one()
        messages = [
            self.env._(
                "Your request was successful (purchase order number: N° %(number)s)",
                number=self.declaration_number,
            )
        ]
        for contract in self.sudo().contract_ids:
            messages.append(
                self.env._(
                    "[%(guarantor)s] The contract was created (contract number: %(number)s)",
                    guarantor=contract.guarantor_id.name,
                    number=contract.contract_number,
                )
            )
        return messages

    def _centralizer_prepare_payload(self):
        """The body sent to the Centralisateur: the warranty's declaration."""
        self.ensure_one()
        return self._get_declaration_payload()

    @api.model
    def _centralizer_dump(self, data):
        if data is None or data is False:
            return False
        if isinstance(data, (bytes, str)):
            return data if isinstance(data, str) else data.decode("utf-8", "replace")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)

    def _centralizer_notify(self, kind, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Centralisateur"),
                "message": message,
                "type": kind,
                "sticky": kind in ("danger", "warning"),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
