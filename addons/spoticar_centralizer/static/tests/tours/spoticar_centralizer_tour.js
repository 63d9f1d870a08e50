import { registry } from "@web/core/registry";

/**
 * The whole flow of a used-car sale, as a salesperson: find the vehicle by its plate, sell it to a
 * customer created from the order, see the carte grise lines, confirm and print the order form,
 * create the warranty, fix the missing fields, declare it to the (sandbox) Centralisateur, see
 * both numbers, print the information statement and the subscription certificate.
 *
 * Steps named "Screenshot: ..." ask the Python test for a screenshot (docs/screenshots).
 */
function screenshot(name, trigger) {
    return {
        content: `Screenshot: ${name}`,
        trigger: trigger || "body",
        async run() {
            console.log(`spoticar-screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 600));
        },
    };
}

registry.category("web_tour.tours").add("spoticar_centralizer_full_flow_tour", {
    url: "/odoo/action-spoticar_stock.product_template_vehicle_action",
    steps: () => [
        {
            content: "The used-vehicle stock is open",
            trigger: ".o_list_view, .o_kanban_view",
        },
        {
            content: "Type the plate in the search",
            trigger: "input.o_searchview_input",
            run: "edit GT-512-RZ",
        },
        {
            content: "Search by plate",
            trigger: "input.o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the vehicle with this plate is listed",
            trigger: ".o_searchview_facet:contains('GT-512-RZ')",
        },
        screenshot("01-stock-search-by-plate", ".o_data_row:contains('GT-512-RZ')"),
        {
            content: "Open the vehicle sheet",
            trigger: ".o_data_row:contains('GT-512-RZ') td.o_data_cell:first",
            run: "click",
        },
        {
            content: "The vehicle sheet is open",
            trigger: ".o_form_view .o_field_widget[name=license_plate]",
        },
        screenshot("02-vehicle-sheet"),
        {
            content: "Go to the sales",
            trigger: "a[data-menu-xmlid='spoticar_sale.menu_spoticar_sales']",
            run: "click",
        },
        {
            content: "New proposition",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type a new customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit LEBLANC Flow",
        },
        {
            content: "Create the customer from the order",
            trigger: ".dropdown-item:contains('Create and edit')",
            run: "click",
        },
        {
            content: "Usage name",
            trigger: ".modal .o_field_widget[name=lastname] input",
            run: "edit LEBLANC",
        },
        {
            content: "First names",
            trigger: ".modal .o_field_widget[name=firstname] input",
            run: "edit Flow",
        },
        {
            content: "Street",
            trigger: ".modal .o_field_widget[name=street] input",
            run: "edit 3 allée Edmé Lheureux",
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
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=partner_id] input:value(Flow LEBLANC)",
        },
        {
            content: "Add the vehicle",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Search the vehicle",
            trigger:
                "div[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input",
            run: "edit Flow 308",
        },
        {
            content: "Pick the vehicle",
            trigger: ".dropdown-item:contains('Peugeot Flow 308')",
            run: "click",
        },
        {
            content: "The vehicle line is priced",
            trigger: "div[name=order_line] .o_data_row:contains('TVA sur marge')",
        },
        {
            content: "Leave the line",
            trigger: ".o_form_view .oe_title, .o_form_view .o_form_sheet",
            run: "click",
        },
        {
            content: "Save the proposition",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The proposition is saved",
            trigger: ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "The carte grise lines are computed",
            trigger: "div[name=order_line] td:contains('Taxe régionale (Y1)')",
        },
        screenshot("03-order-carte-grise-lines"),
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
            content: "Open the print menu",
            trigger:
                ".o_cp_action_menus button:has(.fa-print), .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Open the Print submenu",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Print')",
            run: "click",
        },
        {
            content: "Print the order form",
            trigger: ".o-dropdown-item:contains('Proposition / Order Form')",
            run: "click",
        },
        {
            content: "Create the warranty from the order",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_spoticar_warranty]",
            run: "click",
        },
        {
            content: "The warranty is pre-filled from the order",
            trigger: ".o_form_view .o_field_widget[name=license_plate] input:value(GT-512-RZ)",
        },
        {
            content: "Validate the warranty",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            content: "Every missing field is listed at once",
            trigger: ".modal:contains('is required')",
        },
        screenshot("04-warranty-missing-fields"),
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Civility",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=customer_title] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Mr",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Mr'):not(:contains('Mrs'))",
            run: "click",
        },
        {
            // Leaving the select menu before it shows the choice would clear it (its blur handler).
            content: "The civility is set",
            trigger: ".o_field_widget[name=customer_title] .o_select_menu_toggler:value(/^Mr$/)",
        },
        {
            content: "Country of residence",
            trigger: ".o_field_widget[name=customer_country_id] input",
            run: "edit France",
        },
        {
            content: "Pick France",
            trigger: ".o_field_widget[name=customer_country_id] .dropdown-item:contains('France')",
            run: "click",
        },
        {
            content: "France is set",
            trigger: ".o_field_widget[name=customer_country_id] input:value(France)",
        },
        {
            content: "Birth date",
            trigger: ".o_field_widget[name=customer_birthdate] input",
            run: "edit 05/17/1960 && click body",
        },
        {
            content: "Birth place",
            trigger: ".o_field_widget[name=customer_birth_city] input",
            run: "edit Tours",
        },
        {
            content: "Birth country",
            trigger: ".o_field_widget[name=customer_birth_country_id] input",
            run: "edit France",
        },
        {
            content: "Pick France",
            trigger: ".o_field_widget[name=customer_birth_country_id] .dropdown-item:contains('France')",
            run: "click",
        },
        {
            content: "France is set",
            trigger: ".o_field_widget[name=customer_birth_country_id] input:value(France)",
        },
        {
            content: "Nationality",
            trigger: ".o_field_widget[name=customer_nationality_id] input",
            run: "edit France",
        },
        {
            content: "Pick France",
            trigger: ".o_field_widget[name=customer_nationality_id] .dropdown-item:contains('France')",
            run: "click",
        },
        {
            content: "France is set",
            trigger: ".o_field_widget[name=customer_nationality_id] input:value(France)",
        },
        {
            content: "Delivery date",
            trigger: ".o_field_widget[name=delivery_date] input",
            run: "edit 12/05/2026 && click body",
        },
        {
            content: "Manufacturer warranty end date",
            trigger: ".o_field_widget[name=mfr_warranty_end_date] input",
            run: "edit 06/15/2024 && click body",
        },
        {
            content: "Manufacturer warranty km",
            trigger: ".o_field_widget[name=mfr_warranty_end_km] input",
            run: "edit 100000",
        },
        {
            content: "Validate again",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            content: "The warranty is ready to declare",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Ready to declare')",
        },
        {
            content: "Déclarer et garantir",
            trigger: "button[name=action_centralizer_declare]",
            run: "click",
        },
        {
            content: "The Centralisateur confirms the declaration",
            trigger: ".o_notification:contains('Your request was successful')",
        },
        {
            content: "The warranty is declared",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Declared')",
        },
        {
            content: "The declaration number is shown",
            trigger: ".o_field_widget[name=declaration_number]:contains('SP')",
        },
        {
            content: "The contract number is shown",
            trigger: "div[name=contract_ids] td:contains('Garantie SPOTICAR Stellantis')",
        },
        {
            content: "Both confirmations are in the chatter",
            trigger: ".o-mail-Message:contains('contract number')",
        },
        screenshot("05-warranty-declared"),
        {
            content: "Print the information statement",
            trigger: "button[name=action_print_information_statement]",
            run: "click",
        },
        {
            content: "Print the subscription certificate",
            trigger: "button[name=action_print_subscription_certificate]",
            run: "click",
        },
        {
            content: "Still on the declared warranty",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Declared')",
        },
    ],
});
