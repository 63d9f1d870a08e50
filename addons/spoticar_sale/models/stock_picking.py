# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.spoticar_stock.models.common import MANAGER_GROUP

from spoticar_core import formalities, vocabulary

# Context value of the manager's override (the wizard): a Python object, which a JSON-RPC client
# cannot send, so a salesperson cannot set the reason or pass the check through a request.
_INSPECTION_OVERRIDE = object()
_OVERRIDE_KEY = "spoticar_inspection_override"


def _day(value):
    return value.strftime("%d/%m/%Y") if value else "-"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    inspection_override_reason = fields.Text(
        string="Delivered Without Valid Technical Inspection",
        readonly=True,
        copy=False,
        tracking=True,
        help="Reason given by the Spoticar manager who delivered this vehicle without a valid "
        "contrôle technique.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("inspection_override_reason"):
                self._spoticar_check_override_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._spoticar_check_override_write(vals)
        return super().write(vals)

    @api.model
    def _spoticar_check_override_write(self, vals):
        """The reason is set by the manager's wizard only (never by a request's values)."""
        if "inspection_override_reason" in vals and (
            self.env.context.get(_OVERRIDE_KEY) is not _INSPECTION_OVERRIDE
        ):
            raise AccessError(
                self.env._(
                    "Delivered Without Valid Technical Inspection: only a Spoticar manager "
                    "sets it, with the wizard of the delivery."
                )
            )

    def button_validate(self):
        self._spoticar_check_inspection()
        return super().button_validate()

    def _action_done(self):
        self._spoticar_check_inspection()
        return super()._action_done()

    # === Business: contrôle technique at delivery (Code de la route R323-22) === #
    def _spoticar_inspection_problems(self):
        """[(picking, vehicle template, problem key, delivery day)] of the vehicles that these
        pickings hand over to a customer without the contrôle technique the rule requires: the
        delivery of a sale order or one made by hand, which must not be a way around it."""
        problems = []
        for picking in self.filtered(lambda p: not p.inspection_override_reason):
            day = fields.Date.context_today(picking, picking.date_done or fields.Datetime.now())
            for move in picking.move_ids.filtered(
                lambda m: (
                    m.product_id.is_vehicle
                    and m.location_dest_id.usage == "customer"
                    and m.state != "cancel"
                )
            ):
                vehicle = move.product_id.product_tmpl_id.sudo()
                problem = formalities.inspection_problem(
                    first_registration=vehicle.first_registration_date,
                    delivery=day,
                    inspection_date=vehicle.inspection_date,
                    result=vehicle.inspection_result,
                    counter_visit_date=vehicle.inspection_counter_visit_date,
                    passenger_car=vocabulary.is_passenger_car(vehicle.vehicle_category),
                )
                if problem:
                    problems.append((picking, vehicle, problem, day))
        return problems

    def _spoticar_check_inspection(self):
        problems = self._spoticar_inspection_problems()
        if not problems:
            return
        picking, vehicle, problem, day = problems[0]
        raise UserError(picking._spoticar_inspection_message(vehicle, problem, day))

    def _spoticar_inspection_message(self, vehicle, problem, day):
        """The French refusal, with the dates the salesperson needs to see."""
        reasons = {
            "missing": self.env._("no valid contrôle technique report is entered"),
            "future": self.env._("the report is dated after the delivery"),
            "expired": self.env._("the report is too old at the delivery date"),
        }
        valid_until = formalities.inspection_valid_until(
            vehicle.inspection_date,
            vehicle.inspection_result,
            vehicle.inspection_counter_visit_date,
        )
        return self.env._(
            "Delivery of %(vehicle)s on %(day)s refused: a passenger car more than "
            "%(years)s years old (first registration %(first)s) is handed over with a contrôle "
            "technique report less than %(months)s months old (a counter-visit less than "
            "%(cv_months)s months old), and %(reason)s. Last contrôle technique: %(inspection)s; "
            "counter-visit: %(counter)s; valid until: %(until)s. Enter the contrôle technique on "
            "the vehicle sheet, or a Spoticar manager delivers without it, giving the reason.",
            vehicle=vehicle.display_name,
            day=_day(day),
            years=formalities.INSPECTION_REQUIRED_AFTER_YEARS,
            first=_day(vehicle.first_registration_date),
            months=formalities.INSPECTION_VALIDITY_MONTHS,
            cv_months=formalities.COUNTER_VISIT_VALIDITY_MONTHS,
            reason=reasons[problem],
            inspection=_day(vehicle.inspection_date),
            counter=_day(vehicle.inspection_counter_visit_date),
            until=_day(valid_until),
        )

    def action_spoticar_inspection_override(self):
        """Open the manager's wizard "Deliver without valid technical inspection"."""
        self.ensure_one()
        self._spoticar_check_override_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Deliver Without Valid Technical Inspection"),
            "res_model": "spoticar.inspection.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    def _spoticar_check_override_access(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a Spoticar manager can deliver a vehicle without a valid contrôle "
                    "technique."
                )
            )

    def _spoticar_override_inspection(self, reason):
        """Record the manager's reason (picking and order chatter), then validate."""
        self.ensure_one()
        self._spoticar_check_override_access()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Reason: say why the vehicle is delivered without it."))
        self.with_context(**{_OVERRIDE_KEY: _INSPECTION_OVERRIDE}).write(
            {"inspection_override_reason": reason}
        )
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._(
                "Delivered without valid technical inspection by %(user)s.",
                user=self.env.user.name,
            ),
            reason,
        )
        self.message_post(body=body)
        if self.sale_id:
            self.sale_id.message_post(body=body)
        return self.button_validate()
