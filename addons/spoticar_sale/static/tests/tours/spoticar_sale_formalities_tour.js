import { registry } from "@web/core/registry";
import { PRINT_TIMEOUT, clickAndWaitForPrint } from "@spoticar_sale/../tests/tours/print_utils";

/** Today as the French date field expects it (dd/mm/yyyy). */
function frenchToday() {
    const today = new Date();
    const day = String(today.getDate()).padStart(2, "0");
    const month = String(today.getMonth() + 1).padStart(2, "0");
    return `${day}/${month}/${today.getFullYear()}`;
}

/**
 * The formalities of a sale, as a French salesperson goes through them: confirm the order,
 * print the certificat de cession, deliver (refused: the vehicle has no recent contrôle
 * technique), enter the contrôle technique, deliver.
 */
registry.category("web_tour.tours").add("spoticar_sale_formalities_tour", {
    steps: () => [
        {
            content: "Confirm the order",
            trigger: ".o_statusbar_buttons button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "Print the sale certificate from its button, wait for its download",
            trigger: ".o_statusbar_buttons button[name=action_spoticar_print_certificate]:visible",
            timeout: PRINT_TIMEOUT + 5000,
            async run({ click, anchor }) {
                await clickAndWaitForPrint(click, anchor);
            },
        },
        {
            content: "Open the delivery",
            trigger: "button[name=action_view_delivery]:visible",
            run: "click",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_statusbar_buttons button[name=button_validate]:visible",
            run: "click",
        },
        {
            content: "Refused in French, with the dates",
            trigger:
                ".modal:contains('refusée'):contains('contrôle technique'):contains('10/11/2014')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Back to the order",
            trigger: "body:not(:has(.modal)) .o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "The vehicle sale tab",
            trigger: ".o_notebook a[name=spoticar]",
            run: "click",
        },
        {
            content: "Open the vehicle sheet",
            trigger: "button[name=action_spoticar_open_vehicle]",
            run: "click",
        },
        {
            content: "The date of the contrôle technique",
            trigger: ".o_field_widget[name=inspection_date] input",
            run: `edit ${frenchToday()} && press Enter`,
        },
        {
            // The date reached the record (its result becomes required): the result's menu no
            // longer races the date's onchange.
            content: "Its result",
            trigger:
                ".o_field_widget[name=inspection_result].o_required_modifier .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Favourable",
            trigger: ".o_select_menu_menu .o_select_menu_item:contains('Favorable')",
            run: "click",
        },
        {
            content: "The result is taken",
            trigger: ".o_field_widget[name=inspection_result] .o_select_menu_toggler",
            async run({ anchor }) {
                const deadline = Date.now() + 9000;
                while (!anchor.value?.includes("Favorable") && !anchor.textContent.includes("Favorable")) {
                    if (Date.now() > deadline) {
                        throw new Error("The result of the contrôle technique was not taken");
                    }
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
            },
        },
        {
            content: "Save the vehicle",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .o_back_button a",
            run: "click",
        },
        {
            content: "Open the delivery again",
            trigger: "button[name=action_view_delivery]:visible",
            run: "click",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_statusbar_buttons button[name=button_validate]:visible",
            run: "click",
        },
        {
            content: "The vehicle is delivered",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
