import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Data from the Python test (tests/test_tour.py): a vehicle DL-342-MP in stock and the reference.
registry.category("web_tour.tours").add("spoticar_stock_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "After login, the salesperson lands in the Stock VO (not Discuss)",
            trigger: ".o_control_panel .o_breadcrumb:contains(Stock VO)",
        },
        {
            content: "The Stock VO list is shown",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "Type part of the plate as it comes",
            trigger: ".o_searchview_input",
            run: "edit 342-MP",
        },
        {
            content: "Enter searches the plate, reference or vehicle",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains(Plate, reference or vehicle)",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the vehicle DL-342-MP is left",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(2))) .o_data_row .o_data_cell:contains(DL-342-MP)",
            run: "click",
        },
        {
            content: "Its sheet opens",
            trigger: ".o_form_view div[name=license_plate] input:value(DL-342-MP)",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .o_back_button, .o_breadcrumb a:contains(Stock VO)",
            run: "click",
        },
        {
            content: "Create a vehicle",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=vehicle_make_id] input",
            run: "edit Peug",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Peugeot)",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name=vehicle_make_id] input:value(Peugeot)",
        },
        {
            trigger: ".o_form_view div[name=energy] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_menu .o_select_menu_item:contains(Diesel)",
            run: "click",
        },
        {
            // Leaving the select menu before it shows the choice would clear it (its blur handler).
            content: "The energy is set",
            trigger: ".o_form_view div[name=energy] .o_select_menu_toggler:value(Diesel)",
        },
        {
            trigger: ".o_form_view div[name=first_registration_date] input",
            run: "edit 10/10/2018",
        },
        {
            trigger: ".o_form_view div[name=model_year] input",
            run: "edit 2018",
        },
        {
            trigger: ".o_form_view div[name=vehicle_model_id] input",
            run: "edit 308",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(308 (2)):not(:contains(SW))",
            run: "click",
        },
        {
            content: "Narrow the versions with what is known",
            trigger: ".o_form_view div[name=vehicle_version_id] input",
            run: "edit 130 allure",
        },
        {
            content: "Only the 130 Allure of the 308 (2) on sale in 2018 is offered",
            trigger:
                ".o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:contains(Active))) .o-autocomplete--dropdown-item:contains(BlueHDi 130 EAT6 S&S Allure)",
            run: "click",
        },
        {
            content: "Recognised in the reference: the equivalence code is filled",
            trigger: ".o_form_view .text-success:contains(Recognised in the vehicle reference)",
        },
        {
            trigger: ".o_form_view div[name=manufacturer_equivalence] input:value(T1PEU308BH130A)",
        },
        {
            trigger: ".o_form_view div[name=license_plate] input",
            run: "edit fe 261 rz",
        },
        {
            trigger: ".o_form_view div[name=mileage] input",
            run: "edit 25000",
        },
        ...stepUtils.saveForm(),
        {
            content: "The plate is stored normalised",
            trigger: ".o_form_view div[name=license_plate] input:value(FE-261-RZ)",
        },
        {
            content: "The model year shows without thousands separator",
            trigger: ".o_form_view div[name=model_year] input:value(2018)",
        },
        {
            content: "A technical value the version does not give shows empty, not 0",
            trigger: ".o_form_view div[name=electric_range] input:not(:value(0))",
        },
        {
            content: "A known one shows",
            trigger: ".o_form_view div[name=din_power] input:value(130)",
        },
    ],
});
