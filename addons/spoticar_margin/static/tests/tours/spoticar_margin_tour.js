import { registry } from "@web/core/registry";

// The manager opens the dashboard from the Spoticar app: sales pivot, then its graph, then stock.
registry.category("web_tour.tours").add("spoticar_margin_dashboard_tour", {
    steps: () => [
        {
            content: "Open the Dashboard menu of the Spoticar app",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Dashboard)",
            run: "click",
        },
        {
            content: "Sales",
            trigger: ".dropdown-menu .dropdown-item:contains(Sales)",
            run: "click",
        },
        {
            content: "The sales pivot shows the net margin of the vehicle sold",
            trigger: ".o_pivot .o_pivot_measure_row:contains(Net margin)",
        },
        {
            content: "The pivot has the month's row with the figures",
            trigger: ".o_pivot td.o_pivot_cell_value:contains(1,641.67)",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Open the Dashboard menu again",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Dashboard)",
            run: "click",
        },
        {
            content: "Stock and ageing",
            trigger: ".dropdown-menu .dropdown-item:contains(Stock and ageing)",
            run: "click",
        },
        {
            content: "The stock pivot by site and ageing",
            trigger: ".o_pivot .o_pivot_header_cell_closed, .o_pivot th:contains(0-30 days)",
        },
    ],
});
