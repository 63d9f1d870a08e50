import {registry} from "@web/core/registry";

// From a confirmed order to a warranty ready to declare, through the missing-fields message.
registry.category("web_tour.tours").add("spoticar_warranty_tour", {
  steps: () => [
    {
      content: "Create the warranty from the confirmed order",
      trigger:
        ".o_form_view .o_statusbar_buttons button[name=action_spoticar_warranty]",
      run: "click",
    },
    {
      content: "The warranty is pre-filled from the order",
      trigger: ".o_form_view .o_field_widget[name=vehicle_make] input:value(Peugeot)",
    },
    {
      content: "Empty mandatory fields are highlighted",
      trigger: ".o_field_widget.text-danger[name=customer_birth_city]",
    },
    {
      content: "Validate",
      trigger: ".o_form_view button[name=action_validate]",
      run: "click",
    },
    {
      content: "Every missing field is listed in one message",
      trigger:
        ".modal:contains('Le champ date de naissance est obligatoire'):contains('Le champ lieu de naissance est obligatoire'):contains('Le champ date fin gtie constructeur est obligatoire')",
    },
    {
      content: "Close the message",
      trigger: ".modal .modal-footer .btn-primary",
      run: "click",
    },
    {
      content: "Birth date",
      trigger: "body:not(:has(.modal)) .o_field_widget[name=customer_birthdate] input",
      run: "edit 17/05/1960",
    },
    {
      content: "Birth place",
      trigger: ".o_field_widget[name=customer_birth_city] input",
      run: "edit Tours",
    },
    {
      content: "Manufacturer warranty end date",
      trigger: ".o_field_widget[name=mfr_warranty_end_date] input",
      run: "edit 10/01/2024",
    },
    {
      content: "Manufacturer warranty km: empty, highlighted",
      trigger: ".o_field_widget.text-danger[name=mfr_warranty_end_km]",
    },
    {
      content: "No km limit: tick \"Kilométrage illimité\" next to it",
      trigger: ".o_field_widget[name=mfr_warranty_unlimited_km] input",
      run: "click",
    },
    {
      content: "The km field gives way to the unlimited mileage",
      trigger:
        ".o_form_view:not(:has(.o_field_widget[name=mfr_warranty_end_km])) .o_field_widget[name=mfr_warranty_unlimited_km] input:checked",
    },
    {
      content: "A completed field is no longer highlighted",
      trigger: ".o_field_widget[name=customer_birth_city]:not(.text-danger)",
    },
    {
      content: "Validate again",
      trigger: ".o_form_view button[name=action_validate]",
      run: "click",
    },
    {
      content: "The warranty is ready to declare",
      trigger:
        ".o_statusbar_status .o_arrow_button_current:contains('Prêt à déclarer')",
    },
  ],
});

// At a phone's width: the groups stack, the warranty and the sale (what a salesperson fills
// first) above the customer and the vehicle; the highlighting still works.
function assertAbove(upper, lower) {
  const a = document.querySelector(upper);
  const b = document.querySelector(lower);
  if (!a || !b) {
    throw new Error(`missing ${a ? lower : upper}`);
  }
  const ra = a.getBoundingClientRect();
  const rb = b.getBoundingClientRect();
  if (!(ra.bottom <= rb.top)) {
    throw new Error(`${upper} is not above ${lower}`);
  }
  if (Math.abs(ra.left - rb.left) > 2) {
    throw new Error(`${upper} and ${lower} are not stacked in one column`);
  }
}

registry.category("web_tour.tours").add("spoticar_warranty_phone_tour", {
  steps: () => [
    {
      content: "The warranty form is open",
      trigger: ".o_form_view .o_field_widget[name=product_id]",
    },
    {
      content: "The warranty, then the sale, then the customer, then the vehicle, in one column",
      trigger: ".o_form_view .o_field_widget[name=customer_lastname]",
      run() {
        assertAbove(
          ".o_form_view .o_field_widget[name=product_id]",
          ".o_form_view .o_field_widget[name=sale_date]"
        );
        assertAbove(
          ".o_form_view .o_field_widget[name=sale_date]",
          ".o_form_view .o_field_widget[name=customer_lastname]"
        );
        assertAbove(
          ".o_form_view .o_field_widget[name=customer_nationality_id]",
          ".o_form_view .o_field_widget[name=license_plate]"
        );
      },
    },
    {
      content: "The empty birth place is highlighted",
      trigger: ".o_field_widget.text-danger[name=customer_birth_city]",
    },
    {
      content: "Unlimited mileage sits next to the manufacturer warranty km",
      trigger:
        "div[name=mfr_warranty_km] .o_field_widget[name=mfr_warranty_unlimited_km]",
    },
  ],
});

// The "Vente VO" tab of the order at a phone's width: payment first, then the sale.
registry.category("web_tour.tours").add("spoticar_sale_vo_phone_tour", {
  steps: () => [
    {
      content: "Open the Vente VO tab",
      trigger: ".o_form_view .o_notebook a.nav-link[name=spoticar]",
      run: "click",
    },
    {
      content: "Payment, then the sale, in one column",
      trigger: ".o_form_view .o_notebook .o_field_widget[name=deliverer_id]",
      run() {
        assertAbove(
          ".o_form_view .o_notebook .o_field_widget[name=payment_mode]",
          ".o_form_view .o_notebook .o_field_widget[name=deposit_amount]"
        );
        assertAbove(
          ".o_form_view .o_notebook .o_field_widget[name=deposit_amount]",
          ".o_form_view .o_notebook .o_field_widget[name=sale_channel]"
        );
        assertAbove(
          ".o_form_view .o_notebook .o_field_widget[name=sale_channel]",
          ".o_form_view .o_notebook .o_field_widget[name=offer_date]"
        );
      },
    },
  ],
});

// The header of a confirmed vehicle order at a phone's width, where only the first visible
// button shows and the others go to the overflow menu ("⋮"): without a declared warranty the
// next step is the warranty, then printing the order form.
const PRINT = "button[name='spoticar_sale.action_report_vehicle_order']";

registry.category("web_tour.tours").add("spoticar_warranty_order_phone_tour", {
  steps: () => [
    {
      content: "The visible button is Warranty, the primary one",
      trigger:
        ".o_statusbar_buttons > button:first-child.btn-primary[name=action_spoticar_warranty]:visible",
    },
    {
      content: "Printing the order form is not the visible button",
      trigger: `.o_statusbar_buttons:not(:has(> ${PRINT}))`,
    },
    {
      content: "Open the overflow menu",
      trigger: ".o_statusbar_buttons .dropdown-toggle",
      run: "click",
    },
    {
      content: "Printing the order form comes next, in the overflow menu",
      trigger: `.o-dropdown--menu .o-dropdown-item:first-child ${PRINT}:not(.btn-primary)`,
    },
    {
      content: "Close the overflow menu",
      trigger: ".o_statusbar_buttons .dropdown-toggle",
      run: "click",
    },
    {
      content: "Open the warranty from the visible button",
      trigger:
        "body:not(:has(.o-dropdown--menu)) .o_statusbar_buttons > button[name=action_spoticar_warranty]:visible",
      run: "click",
    },
    {
      content: "The warranty form, pre-filled from the order",
      trigger: ".o_form_view .o_field_widget[name=vehicle_make] input:value(Peugeot)",
    },
  ],
});

// Once the warranty is declared, printing the order form is the visible, primary button and
// the warranty goes to the overflow menu.
registry.category("web_tour.tours").add("spoticar_warranty_declared_order_phone_tour", {
  steps: () => [
    {
      content: "The visible button prints the order form, the primary one",
      trigger: `.o_statusbar_buttons > ${PRINT}:first-child.btn-primary:visible`,
    },
    {
      content: "Open the overflow menu",
      trigger: ".o_statusbar_buttons .dropdown-toggle",
      run: "click",
    },
    {
      content: "The declared warranty is still at hand, in the overflow menu",
      trigger: ".o-dropdown--menu button[name=action_spoticar_warranty]:not(.btn-primary)",
    },
  ],
});
