import { registry } from "@web/core/registry";
import { PRINT_TIMEOUT, clickAndWaitForPrint } from "@spoticar_sale/../tests/tours/print_utils";

registry.category("web_tour.tours").add("spoticar_sale_tour", {
    url: "/odoo/action-spoticar_sale.sale_order_action_spoticar",
    steps: () => [
        {
            content: "New proposition",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type a new customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit MARTIN Tour",
        },
        {
            content: "Create the customer from the order",
            trigger: ".dropdown-item:contains('Create and edit')",
            run: "click",
        },
        {
            content: "Usage name",
            trigger: ".modal .o_field_widget[name=lastname] input",
            run: "edit MARTIN",
        },
        {
            content: "First names",
            trigger: ".modal .o_field_widget[name=firstname] input",
            run: "edit Tour",
        },
        {
            content: "Postcode",
            trigger: ".modal .o_field_widget[name=zip] input",
            run: "edit 35000",
        },
        {
            content: "Town",
            trigger: ".modal .o_field_widget[name=city] input",
            run: "edit Rennes",
        },
        {
            content: "Save the customer",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The customer is on the order",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=partner_id] input:value(Tour MARTIN)",
        },
        {
            content: "Add the vehicle",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Search the vehicle",
            trigger: "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour 308",
        },
        {
            content: "Pick the vehicle",
            trigger: ".dropdown-item:contains('Peugeot Tour 308 SW')",
            run: "click",
        },
        {
            content: "The vehicle line takes the vehicle's price",
            trigger:
                "div[name=order_line] .o_data_row [name=price_unit] input:value(10,000.00), " +
                "div[name=order_line] .o_data_row td[name=price_unit]:contains('10,000.00')",
        },
        {
            content: "Save the proposition",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "The carte grise lines are computed",
            trigger: "div[name=order_line] td:contains('Taxe régionale (Y1)')",
        },
        {
            content: "Y5 line",
            trigger: "div[name=order_line] td:contains('Redevance d'acheminement (Y5)')",
        },
        {
            content: "The notice is shown",
            trigger: "div[name=registration_fee_notice]:visible",
        },
        {
            content: "Before confirmation the order form can be printed from a visible button",
            trigger:
                ".o_statusbar_buttons button[name='spoticar_sale.action_report_vehicle_order']:visible",
        },
        {
            content: "Core's generic quotation is not offered on a vehicle order",
            trigger:
                ".o_statusbar_buttons:not(:has(button[name='sale.action_report_saleorder']))",
        },
        {
            content: "Confirm the order",
            trigger: "button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Sales Order')",
        },
        {
            content: "Print the order form from the visible button, wait for its download",
            trigger:
                ".o_statusbar_buttons button[name='spoticar_sale.action_report_vehicle_order']:visible",
            timeout: PRINT_TIMEOUT + 5000,
            async run({ click, anchor }) {
                await clickAndWaitForPrint(click, anchor);
            },
        },
    ],
});
