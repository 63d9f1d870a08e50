import { registry } from "@web/core/registry";
import { PRINT_TIMEOUT, clickAndWaitForPrint } from "@spoticar_sale/../tests/tours/print_utils";

/**
 * A vehicle order on a phone (390 x 844): the header shows only its first visible button, the
 * others go to the overflow menu. The step the salesperson needs next must be that button.
 */
registry.category("web_tour.tours").add("spoticar_sale_phone_tour", {
    steps: () => [
        {
            content: "Each carte grise card shows its own label: Y1",
            trigger: "div[name=order_line] .o_kanban_record:contains('Taxe régionale (Y1)')",
        },
        {
            content: "Y4",
            trigger: "div[name=order_line] .o_kanban_record:contains('Taxe fixe (Y4)')",
        },
        {
            content: "Y5",
            trigger: "div[name=order_line] .o_kanban_record:contains(\"Redevance d'acheminement (Y5)\")",
        },
        {
            content: "On a proposition the visible button is Confirm, the primary one",
            trigger: ".o_statusbar_buttons > button:first-child.btn-primary[name=action_confirm]:visible",
            run: "click",
        },
        {
            content:
                "Once confirmed the visible button is a primary one: printing the order form, " +
                "or the step an addon puts before it (spoticar_warranty: the warranty)",
            trigger:
                ".o_statusbar_buttons:not(:has(button[name=action_confirm])) > " +
                "button:first-child.btn-primary:visible",
        },
        {
            content:
                "Print the order form, from the visible button or from the overflow menu, and " +
                "wait for its download",
            trigger: ".o_statusbar_buttons > button:first-child:visible",
            timeout: PRINT_TIMEOUT + 5000,
            async run({ click, waitFor }) {
                const print = "button[name='spoticar_sale.action_report_vehicle_order']";
                const visible = document.querySelector(`.o_statusbar_buttons > ${print}`);
                if (visible) {
                    await clickAndWaitForPrint(click, visible);
                    return;
                }
                await click(".o_statusbar_buttons .dropdown-toggle");
                await clickAndWaitForPrint(click, await waitFor(`.o-dropdown--menu ${print}`));
            },
        },
    ],
});
