package org.kaers.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kaers.common.Csv;

/**
 * The researcher's dashboard, one view per question, each over one API operation and showing its numbers exactly as
 * the API released them (protected for researchers), with the caution, the data version or release and a CSV of
 * the same table: counts by a dimension (bars; {@code GET /api/v1/stats/counts}), cases over time (lines;
 * {@code /stats/trends}), a cross of two dimensions as a heat map ({@code /stats/counts?by=a,b}), a signal table
 * with a forest plot ({@code /api/v1/signals}) and, for reviewers, the eDISH plot of liver cases
 * ({@code /stats/liver-peaks}).
 */
@Path("/dashboard")
@PermitAll
@Blocking
// a page: the dashboard passes its filter parameters on to the statistics API as given; browsers add others
@org.kaers.common.StrictQueryParameters.Lenient
public class DashboardPages {

    /** Single dimensions offered (the API takes one or two of these and more). */
    static final List<String> DIMENSIONS = List.of(
            "symptom",
            "organClass",
            "product",
            "substance",
            "productForm",
            "criterion",
            "outcome",
            "serious",
            "ageGroup",
            "sex",
            "reporterQualification",
            "country",
            "source");
    /** The heat map's rows (product level) and columns (reaction level). */
    static final List<String> HEAT_ROWS = List.of("product", "substance", "productForm");

    static final List<String> HEAT_COLUMNS = List.of("symptom", "organClass", "outcome");
    /** What a signal table compares (the API's subjects) and against what. */
    static final List<String> SUBJECTS = List.of("substance", "product", "symptom", "organClass");

    static final List<String> AGAINST = List.of("symptom", "organClass", "product", "substance");
    static final List<String> SORTS = List.of("ic025", "a", "prrLower", "rorLower", "eb05", "prr", "ror", "ic", "ebgm");
    private static final int HEAT_LIMIT = 15;

    /** A view's parameters: those with a default, then the optional ones (nothing else is passed on). */
    private record Spec(Map<String, String> defaults, String... optional) {}

    private static final Spec COUNTS = new Spec(Map.of("by", "symptom"), "serious", "receivedFrom", "receivedTo");
    private static final Spec TRENDS = new Spec(
            Map.of("interval", "MONTH", "date", "received"), "substance", "serious", "receivedFrom", "receivedTo");
    private static final Spec HEATMAP =
            new Spec(Map.of("rows", "product", "columns", "symptom"), "serious", "receivedFrom", "receivedTo");
    private static final Spec SIGNALS = new Spec(
            Map.of("subject", "substance", "value", "KRATOM", "against", "symptom", "sort", "ic025"),
            "serious",
            "minCases");

    private final Api api;
    private final Template dashboard;
    private final Template trends;
    private final Template heatmap;
    private final Template signals;
    private final Template liver;
    private final Template refused;

    DashboardPages(
            Api api,
            @Location("dashboard.html") Template dashboard,
            @Location("dashboard-trends.html") Template trends,
            @Location("dashboard-heatmap.html") Template heatmap,
            @Location("dashboard-signals.html") Template signals,
            @Location("dashboard-liver.html") Template liver,
            @Location("refused.html") Template refused) {
        this.api = api;
        this.dashboard = dashboard;
        this.trends = trends;
        this.heatmap = heatmap;
        this.signals = signals;
        this.liver = liver;
        this.refused = refused;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response view(@Context UriInfo uri) {
        Map<String, String> params = params(uri, COUNTS);
        return render(
                dashboard,
                "counts",
                "/api/v1/stats/counts",
                params,
                Map.of("size", "100"),
                uri,
                (t, body) -> t.data("dimensions", DIMENSIONS)
                        .data("rows", rows(body.get("results")))
                        .data("missing", DashboardViews.list(body.get("missing"))));
    }

    @GET
    @Path("counts.csv")
    @Produces(Csv.MEDIA_TYPE)
    public Response csv(@Context UriInfo uri) {
        return csv("/api/v1/stats/counts", params(uri, COUNTS), Map.of("size", "1000"), "kaers-counts.csv");
    }

    @GET
    @Path("trends")
    @Produces(MediaType.TEXT_HTML)
    public Response trends(@Context UriInfo uri) {
        Map<String, String> params = params(uri, TRENDS);
        return render(
                trends,
                "trends",
                "/api/v1/stats/trends",
                params,
                Map.of(),
                uri,
                (t, body) -> t.data("series", DashboardViews.list(body.get("series")))
                        .data("missing", body.get("missing")));
    }

    @GET
    @Path("trends.csv")
    @Produces(Csv.MEDIA_TYPE)
    public Response trendsCsv(@Context UriInfo uri) {
        return csv("/api/v1/stats/trends", params(uri, TRENDS), Map.of(), "kaers-trends.csv");
    }

    @GET
    @Path("heatmap")
    @Produces(MediaType.TEXT_HTML)
    public Response heatmap(@Context UriInfo uri) {
        Map<String, String> params = params(uri, HEATMAP);
        return render(
                heatmap,
                "heatmap",
                "/api/v1/stats/counts",
                params,
                crossOf(params),
                uri,
                (t, body) -> t.data("rowChoices", HEAT_ROWS)
                        .data("columnChoices", HEAT_COLUMNS)
                        .data("limit", HEAT_LIMIT)
                        .data("heat", DashboardViews.heatMap(body.get("results"), HEAT_LIMIT)));
    }

    @GET
    @Path("heatmap.csv")
    @Produces(Csv.MEDIA_TYPE)
    public Response heatmapCsv(@Context UriInfo uri) {
        Map<String, String> params = params(uri, HEATMAP);
        return csv("/api/v1/stats/counts", params, crossOf(params), "kaers-cross.csv");
    }

    @GET
    @Path("signals")
    @Produces(MediaType.TEXT_HTML)
    public Response signals(@Context UriInfo uri) {
        Map<String, String> params = params(uri, SIGNALS);
        return render(
                signals,
                "signals",
                "/api/v1/signals",
                params,
                subjectOf(params),
                uri,
                (t, body) -> t.data("subjects", SUBJECTS)
                        .data("againsts", AGAINST)
                        .data("sorts", SORTS)
                        .data("signalRows", DashboardViews.signalRows(body.get("results"))));
    }

    @GET
    @Path("signals.csv")
    @Produces(Csv.MEDIA_TYPE)
    public Response signalsCsv(@Context UriInfo uri) {
        Map<String, String> params = params(uri, SIGNALS);
        return csv("/api/v1/signals", params, subjectOf(params), "kaers-signals.csv");
    }

    @GET
    @Path("liver")
    @Produces(MediaType.TEXT_HTML)
    public Response liver(@Context UriInfo uri) {
        return render(
                liver,
                "liver",
                "/api/v1/stats/liver-peaks",
                new LinkedHashMap<>(),
                Map.of("size", "1000"),
                uri,
                (t, body) -> t.data("cases", DashboardViews.liverCases(body.get("items")))
                        .data("totalItems", body.get("totalItems")));
    }

    /** The eDISH table as CSV (the endpoint answers JSON only), from the same answer. */
    @GET
    @Path("liver.csv")
    @Produces(Csv.MEDIA_TYPE)
    public Response liverCsv() {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Api.Answer answer = api.get("/api/v1/stats/liver-peaks?size=1000", Map.of());
        if (!answer.ok()) {
            return Response.status(answer.status())
                    .type("application/problem+json")
                    .entity(answer.text())
                    .build();
        }
        List<List<?>> rows = DashboardViews.liverCases(answer.body().get("items")).stream()
                .<List<?>>map(c -> java.util.Arrays.asList(
                        c.caseNumber(),
                        c.alt(),
                        c.bilirubin(),
                        c.ast(),
                        c.alp(),
                        c.hysLaw(),
                        c.pattern(),
                        c.quadrant()))
                .toList();
        return Response.ok(
                        Csv.write(
                                List.of(
                                        "caseNumber",
                                        "altXUln",
                                        "bilirubinXUln",
                                        "astXUln",
                                        "alpXUln",
                                        "hysLaw",
                                        "pattern",
                                        "quadrant"),
                                rows),
                        Csv.MEDIA_TYPE + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"kaers-liver-peaks.csv\"")
                .build();
    }

    /** What a view adds to its template from the API's answer body. */
    private interface Fill {
        TemplateInstance fill(TemplateInstance template, Map<String, Object> body);
    }

    /**
     * A view: the API's answer to {@code path} with the page's parameters (and {@code extra}, the API's spelling of
     * them), rendered with the caution, the problems the API named, and the CSV link of the same parameters.
     */
    private Response render(
            Template template,
            String tab,
            String path,
            Map<String, String> params,
            Map<String, String> extra,
            UriInfo uri,
            Fill fill) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Api.Answer answer = api.get(path + Api.query(apiParams(params, extra)), Map.of());
        if (!answer.ok() && answer.violations().isEmpty()) {
            return CasePages.refusal(refused, api, answer);
        }
        Map<String, Object> meta = DashboardViews.map(answer.body().get("meta"));
        TemplateInstance page = template.data("nav", Nav.of(api))
                .data("tab", tab)
                .data("params", params)
                .data("result", answer.ok() ? answer.body() : null)
                .data("caution", DashboardViews.Caution.of(meta))
                .data("problems", answer.violations())
                .data("csv", "/dashboard/" + tab + ".csv" + Api.query(params));
        if (answer.ok()) {
            page = fill.fill(page, answer.body());
        }
        return Response.status(answer.status())
                .type(MediaType.TEXT_HTML)
                .entity(page.render())
                .build();
    }

    /** The API's CSV of the same question. */
    private Response csv(String path, Map<String, String> params, Map<String, String> extra, String filename) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Api.Answer answer = api.get(path + Api.query(apiParams(params, extra)), Map.of("Accept", Csv.MEDIA_TYPE));
        return Response.status(answer.status())
                .type(answer.ok() ? Csv.MEDIA_TYPE : "application/problem+json")
                .header("Content-Disposition", answer.ok() ? "attachment; filename=\"" + filename + "\"" : null)
                .entity(answer.text())
                .build();
    }

    /** The page's parameters with their defaults, in a stable order; only the named ones (others are not passed on). */
    private static Map<String, String> params(UriInfo uri, Spec spec) {
        Map<String, String> params = new LinkedHashMap<>();
        new java.util.TreeMap<>(spec.defaults()).forEach((name, value) -> {
            String given = uri.getQueryParameters().getFirst(name);
            params.put(name, given == null || given.isBlank() ? value : given.strip());
        });
        for (String name : spec.optional()) {
            String given = uri.getQueryParameters().getFirst(name);
            params.put(name, given == null || given.isBlank() ? null : given.strip());
        }
        return params;
    }

    /** The page's parameters in the API's spelling: the page's own names replaced by {@code extra}. */
    private static Map<String, String> apiParams(Map<String, String> params, Map<String, String> extra) {
        Map<String, String> out = new LinkedHashMap<>(params);
        for (String own : List.of("rows", "columns", "subject", "value")) {
            out.remove(own);
        }
        out.putAll(extra);
        return out;
    }

    private static Map<String, String> crossOf(Map<String, String> params) {
        return Map.of("by", params.get("rows") + "," + params.get("columns"), "size", "1000");
    }

    private static Map<String, String> subjectOf(Map<String, String> params) {
        String subject = SUBJECTS.contains(params.get("subject")) ? params.get("subject") : "substance";
        return Map.of(subject, params.get("value"), "size", "100");
    }

    /** One group of a one-dimension count: its label (its key when the dimension has no labels), key and count. */
    @io.quarkus.qute.TemplateData
    record CountRow(String label, String key, Object count) {}

    private static List<CountRow> rows(Object results) {
        List<CountRow> rows = new java.util.ArrayList<>();
        for (Object group : DashboardViews.list(results)) {
            if (group instanceof Map<?, ?> g) {
                String key = first(g.get("keys"));
                String label = first(g.get("labels"));
                rows.add(new CountRow(label == null ? key : label, key, g.get("count")));
            }
        }
        return rows;
    }

    private static String first(Object value) {
        List<?> list = DashboardViews.list(value);
        return list.isEmpty() || list.get(0) == null ? null : String.valueOf(list.get(0));
    }
}
