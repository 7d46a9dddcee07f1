package org.kaers.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/** The case list with its filters, and the case view with every version (reporters see their own cases). */
@Path("/cases")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
public class CasePages {

    private final Api api;
    private final Template cases;
    private final Template caseView;
    private final Template refused;

    CasePages(Api api, @Location("cases.html") Template cases, @Location("case.html") Template caseView,
            @Location("refused.html") Template refused) {
        this.api = api;
        this.cases = cases;
        this.caseView = caseView;
        this.refused = refused;
    }

    @GET
    public Response list(@QueryParam("serious") String serious, @QueryParam("product") String product,
            @QueryParam("reaction") String reaction, @QueryParam("status") String status,
            @QueryParam("page") String page) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("serious", serious);
        filters.put("product", product);
        filters.put("reaction", reaction);
        filters.put("status", status);
        filters.put("page", page);
        filters.put("size", "20");
        Api.Answer answer = api.get("/api/v1/reports" + Api.query(filters), Map.of());
        filters.remove("size");
        return Response.status(answer.ok() ? 200 : answer.status()).entity(cases.data("nav", Nav.of(api))
                .data("filters", filters).data("result", answer.ok() ? answer.body() : null)
                .data("problems", answer.violations()).data("message", answer.ok() ? null : answer.detail())
                .render()).build();
    }

    @GET
    @Path("{caseNumber}")
    @SuppressWarnings("unchecked")
    public Response view(@PathParam("caseNumber") String caseNumber, @QueryParam("version") String version,
            @QueryParam("stored") String stored) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        String base = "/api/v1/reports/" + safe(caseNumber);
        Api.Answer latest = api.get(version == null || version.isBlank() ? base
                : base + "/versions/" + version.replaceAll("[^0-9]", ""), Map.of());
        if (!latest.ok()) {
            return refusal(refused, api, latest);
        }
        Api.Answer history = api.get(base + "/versions", Map.of());
        Map<String, Object> report = (Map<String, Object>) latest.body().get("report");
        List<ReportForm.SectionView> sections = ReportForm.view(ReportForm.fromJson(report), Map.of());
        return Response.ok(caseView.data("nav", Nav.of(api)).data("view", latest.body())
                .data("sections", sections).data("derived", latest.body().get("derived"))
                .data("versions", history.ok() ? parse(history.text()) : List.of()).data("stored", stored)
                .render()).build();
    }

    private static List<?> parse(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text, List.class);
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A case number as it may appear in a path (the API answers 404 to anything else). */
    static String safe(String caseNumber) {
        return caseNumber == null ? "" : caseNumber.replaceAll("[^A-Za-z0-9-]", "");
    }

    /** The API's refusal as a page (404 for a case that does not exist or is not the user's). */
    static Response refusal(Template refused, Api api, Api.Answer answer) {
        String title = switch (answer.status()) {
            case 401 -> "Please sign in again";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            default -> "Refused";
        };
        return Response.status(answer.status()).type(MediaType.TEXT_HTML)
                .entity(refused.data("nav", Nav.of(api)).data("title", title).data("message", answer.detail())
                        .render())
                .build();
    }
}
