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
      content: "Manufacturer warranty km",
      trigger: ".o_field_widget[name=mfr_warranty_end_km] input",
      run: "edit 999999",
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
