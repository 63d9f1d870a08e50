# Copyright 2026 Spoticar for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class SpoticarCustomerPortal(CustomerPortal):
    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        """Once the customer signed a vehicle order online (or on the salesperson's tablet),
        the signed order form is kept on the order."""
        result = super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )
        if isinstance(result, dict) and not result.get("error"):
            order = request.env["sale.order"].sudo().browse(order_id)
            if order.vehicle_id and order.signature:
                order._spoticar_attach_signed_order_form()
        return result
