import { registry } from "@web/core/registry";

// An anonymous visitor looks for a petrol car, opens it and asks for a test drive.
registry.category("web_tour.tours").add("spoticar_website_visitor_tour", {
    url: "/vehicules-occasion",
    steps: () => [
        {
            content: "Only petrol cars",
            trigger: ".spoticar_vehicle_filters select[name=energy]",
            run: "select petrol",
        },
        {
            content: "Search",
            trigger: ".spoticar_vehicle_filters button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the Citroën",
            trigger: ".spoticar_vehicle_results .spoticar_vehicle_card:contains(C3 (3))",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The legal mentions are on the page",
            trigger: ".spoticar_vehicle_page:contains(#SeDéplacerMoinsPolluer)",
        },
        {
            content: "Ask for a test drive",
            trigger: ".spoticar_vehicle_request select[name=request_type]",
            run: "select test_drive",
        },
        {
            content: "Name",
            trigger: ".spoticar_vehicle_request input[name=name]",
            run: "edit Camille Durand",
        },
        {
            content: "E-mail",
            trigger: ".spoticar_vehicle_request input[name=email]",
            run: "edit camille.durand@example.com",
        },
        {
            content: "Send",
            trigger: ".spoticar_vehicle_request button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thanked",
            trigger: ".spoticar_vehicle_page .alert-success",
        },
    ],
});
