import { registry } from "@web/core/registry";

// The salesperson appraises the customer's car from the proposal; the offer is above his limit.
registry.category("web_tour.tours").add("spoticar_purchase_appraisal_tour", {
    steps: () => [
        {
            content: "Appraise the customer's car from the proposal",
            trigger: "button[name=action_spoticar_appraisal]",
            run: "click",
        },
        {
            content: "The seller is the customer of the proposal",
            trigger: ".o_field_widget[name=partner_id] input:value(Paul MARTIN)",
        },
        {
            content: "Plate, typed loosely",
            trigger: ".o_field_widget[name=license_plate] input",
            run: "edit fb321kc",
        },
        {
            content: "Vehicle",
            trigger: ".o_field_widget[name=vehicle_description] input",
            run: "edit Renault Clio IV",
        },
        {
            content: "Mileage",
            trigger: ".o_field_widget[name=mileage] input",
            run: "edit 64000",
        },
        {
            content: "Valuation page",
            trigger: "a.nav-link:contains('Valuation')",
            run: "click",
        },
        {
            content: "Market value",
            trigger: ".o_field_widget[name=market_value] input",
            run: "edit 12000",
        },
        {
            content: "Leave the market value",
            trigger: ".o_field_widget[name=offer] input",
            run: "click",
        },
        {
            content: "The offer is computed: 12,000 - 15 % target margin",
            trigger: ".o_field_widget[name=offer] input:value(10,200.00)",
        },
        {
            content: "Submit",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "Above the limit: to approve by a manager",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('To approve')",
        },
    ],
});

// The manager approves; the offer becomes the trade-in of the proposal.
registry.category("web_tour.tours").add("spoticar_purchase_approval_tour", {
    steps: () => [
        {
            content: "Approve the offer",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "Accept as trade-in",
            trigger: "button[name=action_accept_trade_in]",
            run: "click",
        },
        {
            content: "The proposal has the trade-in line",
            trigger: "div[name=order_line] .o_data_row:contains('Trade-in')",
        },
    ],
});

// The vehicle received is in the livre de police: seen, checked and printed.
registry.category("web_tour.tours").add("spoticar_purchase_register_tour", {
    steps: () => [
        {
            content: "The trade-in is in the register",
            trigger: ".o_data_row td:contains('FB-321-KC')",
        },
        {
            content: "Verify the integrity",
            trigger: "button[name=action_verify_integrity]",
            run: "click",
        },
        {
            content: "The chain is intact",
            trigger: ".o_notification:contains('chain intact')",
        },
        {
            content: "Print the register",
            trigger: ".o_control_panel button:contains('Print or export')",
            run: "click",
        },
        {
            content: "Print the PDF of the period",
            trigger: ".modal button[name=action_print_pdf]",
            run: "click",
        },
        {
            content: "Printed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
