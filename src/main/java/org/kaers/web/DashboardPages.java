package org.kaers.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/**
 * The researcher's dashboard over {@code GET /api/v1/stats/counts}: a dimension and filters, a table and a bar chart
 * of the same released numbers, how they were protected, the caution and the data version; the same table as CSV.
 */
@Path("/dashboard")
@PermitAll
@Blocking
public class DashboardPages {

    /** Single dimensions offered (the API takes one or two of these and more). */
    static final List<String> DIMENSIONS = List.of("symptom", "organClass", "product", "substance", "productForm",
            "criterion", "outcome", "serious", "ageGroup", "sex", "reporterQualification", "country", "source");

    private final Api api;
    private final Template dashboard;
    private final Template refused;

    DashboardPages(Api api, @Location("dashboard.html") Template dashboard,
            @Location("refused.html") Template refused) {
        this.api = api;
        this.dashboard = dashboard;
        this.refused = refused;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response view(@QueryParam("by") String by, @QueryParam("serious") String serious,
            @QueryParam("receivedFrom") String from, @QueryParam("receivedTo") String to) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Map<String, String> params = params(by, serious, from, to);
        Api.Answer answer = api.get("/api/v1/stats/counts" + Api.query(params), Map.of());
        if (!answer.ok() && answer.violations().isEmpty()) {
            return CasePages.refusal(refused, api, answer);
        }
        params.remove("size");
        return Response.status(answer.status()).type(MediaType.TEXT_HTML).entity(dashboard.data("nav", Nav.of(api))
                .data("dimensions", DIMENSIONS).data("params", params).data("result", answer.ok() ? answer.body() : null)
                .data("rows", rows(answer.body().get("results"))).data("missing", list(answer.body().get("missing")))
                .data("problems", answer.violations()).data("csv", "/dashboard/counts.csv" + Api.query(params))
                .render()).build();
    }

    /** The same counts as CSV, from the API's own CSV. */
    @GET
    @Path("counts.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("by") String by, @QueryParam("serious") String serious,
            @QueryParam("receivedFrom") String from, @QueryParam("receivedTo") String to) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Api.Answer answer = api.get("/api/v1/stats/counts" + Api.query(params(by, serious, from, to)),
                Map.of("Accept", "text/csv"));
        return Response.status(answer.status()).type(answer.ok() ? "text/csv" : "application/problem+json")
                .header("Content-Disposition", answer.ok() ? "attachment; filename=\"kaers-counts.csv\"" : null)
                .entity(answer.text()).build();
    }

    /** One group of a one-dimension count: its label (its key when the dimension has no labels), key and count. */
    @io.quarkus.qute.TemplateData
    record CountRow(String label, String key, Object count) {
    }

    private static List<CountRow> rows(Object results) {
        List<CountRow> rows = new java.util.ArrayList<>();
        for (Object group : list(results)) {
            if (group instanceof Map<?, ?> g) {
                String key = first(g.get("keys"));
                String label = first(g.get("labels"));
                rows.add(new CountRow(label == null ? key : label, key, g.get("count")));
            }
        }
        return rows;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String first(Object value) {
        List<?> list = list(value);
        return list.isEmpty() || list.get(0) == null ? null : String.valueOf(list.get(0));
    }

    private static Map<String, String> params(String by, String serious, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("by", by == null || by.isBlank() ? "symptom" : by);
        params.put("serious", serious);
        params.put("receivedFrom", from);
        params.put("receivedTo", to);
        params.put("size", "100");
        return params;
    }
}
