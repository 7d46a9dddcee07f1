package org.kaers.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kaers.report.model.NullificationReason;

/**
 * The case list with its filters; the case view with every version (reporters see their own cases), what changed
 * between two versions, a printable summary of each version, and nullification with a reason.
 */
@Path("/cases")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class CasePages {

    private final Api api;
    private final Template cases;
    private final Template caseView;
    private final Template refused;
    private final Template diff;
    private final Template summary;
    private final Template causality;

    CasePages(
            Api api,
            @Location("cases.html") Template cases,
            @Location("case.html") Template caseView,
            @Location("refused.html") Template refused,
            @Location("case-diff.html") Template diff,
            @Location("case-summary.html") Template summary,
            @Location("causality.html") Template causality) {
        this.causality = causality;
        this.api = api;
        this.cases = cases;
        this.caseView = caseView;
        this.refused = refused;
        this.diff = diff;
        this.summary = summary;
    }

    @GET
    public Response list(
            @QueryParam("serious") String serious,
            @QueryParam("product") String product,
            @QueryParam("reaction") String reaction,
            @QueryParam("status") String status,
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
        return Response.status(answer.ok() ? 200 : answer.status())
                .entity(cases.data("nav", Nav.of(api))
                        .data("filters", filters)
                        .data("result", answer.ok() ? answer.body() : null)
                        .data("problems", answer.violations())
                        .data("message", answer.ok() ? null : answer.detail())
                        .render())
                .build();
    }

    @GET
    @Path("{caseNumber}")
    @SuppressWarnings("unchecked")
    public Response view(
            @PathParam("caseNumber") String caseNumber,
            @QueryParam("version") String version,
            @QueryParam("stored") String stored,
            @QueryParam("nullified") String nullified) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return render(200, caseNumber, version, stored, nullified != null, null, Map.of(), Map.of());
    }

    private Response render(
            int status,
            String caseNumber,
            String version,
            String stored,
            boolean nullified,
            String nullifyError,
            Map<String, String> nullifyProblems,
            Map<String, String> typed) {
        String base = "/api/v1/reports/" + safe(caseNumber);
        Api.Answer latest = api.get(
                version == null || version.isBlank() ? base : base + "/versions/" + version.replaceAll("[^0-9]", ""),
                Map.of());
        if (!latest.ok()) {
            return refusal(refused, api, latest);
        }
        Api.Answer history = api.get(base + "/versions", Map.of());
        Map<String, Object> report = (Map<String, Object>) latest.body().get("report");
        List<ReportForm.SectionView> sections = ReportForm.view(ReportForm.fromJson(report), Map.of());
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(caseView.data("nav", Nav.of(api))
                        .data("view", latest.body())
                        .data("sections", sections)
                        .data("derived", latest.body().get("derived"))
                        .data("versions", history.ok() ? parse(history.text()) : List.of())
                        .data("stored", stored)
                        .data("nullified", nullified)
                        .data("diffFrom", ((Number) latest.body().get("latestVersion")).intValue() - 1)
                        .data(
                                "reasons",
                                java.util.Arrays.stream(NullificationReason.values())
                                        .map(Enum::name)
                                        .toList())
                        .data("nullifyError", nullifyError)
                        .data("nullifyProblems", nullifyProblems)
                        .data("typed", typed)
                        .render())
                .build();
    }

    /** What changed between two versions the user picks (default: the one before the latest, and the latest). */
    @GET
    @Path("{caseNumber}/diff")
    @SuppressWarnings("unchecked")
    public Response diff(
            @PathParam("caseNumber") String caseNumber, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        String base = "/api/v1/reports/" + safe(caseNumber);
        Api.Answer latest = api.get(base, Map.of());
        if (!latest.ok()) {
            return refusal(refused, api, latest);
        }
        int newest = ((Number) latest.body().get("latestVersion")).intValue();
        int after = version(to, newest, newest);
        int before = version(from, Math.max(1, after - 1), newest);
        Api.Answer a = api.get(base + "/versions/" + before, Map.of());
        Api.Answer b = api.get(base + "/versions/" + after, Map.of());
        if (!a.ok() || !b.ok()) {
            return refusal(refused, api, a.ok() ? b : a);
        }
        Map<String, Object> left = (Map<String, Object>) a.body().get("report");
        Map<String, Object> right = (Map<String, Object>) b.body().get("report");
        List<VersionDiff.Change> changes = VersionDiff.between(left, right);
        List<VersionDiff.Change> derived =
                VersionDiff.between((Map<String, Object>) a.body().get("derived"), (Map<String, Object>)
                        b.body().get("derived"));
        Api.Answer history = api.get(base + "/versions", Map.of());
        return Response.ok(diff.data("nav", Nav.of(api))
                        .data("caseNumber", safe(caseNumber))
                        .data("from", before)
                        .data("to", after)
                        .data("older", a.body())
                        .data("newer", b.body())
                        .data("changes", changes)
                        .data("derivedChanges", derived)
                        .data("versions", history.ok() ? parse(history.text()) : List.of())
                        .render())
                .build();
    }

    /** A version number from a query parameter: 1 to the latest, else the default. */
    private static int version(String text, int fallback, int latest) {
        if (text == null || !text.matches("\\d{1,6}")) {
            return fallback;
        }
        int n = Integer.parseInt(text);
        return n >= 1 && n <= latest ? n : fallback;
    }

    /** A printable summary of one version of the case (the print style sheet leaves out the page's chrome). */
    @GET
    @Path("{caseNumber}/summary")
    @SuppressWarnings("unchecked")
    public Response summary(@PathParam("caseNumber") String caseNumber, @QueryParam("version") String version) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        String base = "/api/v1/reports/" + safe(caseNumber);
        String digits = version == null ? "" : version.replaceAll("[^0-9]", "");
        Api.Answer answer = api.get(digits.isEmpty() ? base : base + "/versions/" + digits, Map.of());
        if (!answer.ok()) {
            return refusal(refused, api, answer);
        }
        Map<String, Object> report = (Map<String, Object>) answer.body().get("report");
        List<ReportForm.SectionView> sections = ReportForm.view(ReportForm.fromJson(report), Map.of());
        return Response.ok(summary.data("nav", Nav.of(api))
                        .data("view", answer.body())
                        .data("sections", sections)
                        .data("derived", answer.body().get("derived"))
                        .data("printedBy", api.user())
                        .render())
                .build();
    }

    /** The causality form of one product x reaction, with the assessments made so far. */
    @GET
    @Path("{caseNumber}/causality")
    public Response causality(
            @PathParam("caseNumber") String caseNumber,
            @QueryParam("product") String product,
            @QueryParam("reaction") String reaction,
            @QueryParam("stored") String stored) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return causalityPage(
                200, caseNumber, index(product), index(reaction), stored, new MultivaluedHashMap<>(), Map.of(), null);
    }

    @POST
    @Path("{caseNumber}/causality")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assess(@PathParam("caseNumber") String caseNumber, MultivaluedMap<String, String> form) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), form.getFirst("csrf"))) {
            return Pages.forbidden(refused, api);
        }
        int product = index(form.getFirst("productIndex"));
        int reaction = index(form.getFirst("reactionIndex"));
        Api.Answer answer = api.post(
                "/api/v1/reports/" + safe(caseNumber) + "/causality",
                Map.of(),
                CausalityForm.request(product, reaction, form));
        if (answer.ok()) {
            return Response.seeOther(
                            URI.create("/cases/" + safe(caseNumber) + "/causality?product=" + product + "&reaction="
                                    + reaction + "&stored=" + answer.body().get("id")))
                    .build();
        }
        return causalityPage(
                answer.status(), caseNumber, product, reaction, null, form, answer.violations(), answer.detail());
    }

    @SuppressWarnings("unchecked")
    private Response causalityPage(
            int status,
            String caseNumber,
            int product,
            int reaction,
            String stored,
            MultivaluedMap<String, String> typed,
            Map<String, String> violations,
            String message) {
        String base = "/api/v1/reports/" + safe(caseNumber);
        Api.Answer latest = api.get(base, Map.of());
        if (!latest.ok()) {
            return refusal(refused, api, latest);
        }
        Map<String, Object> report = (Map<String, Object>) latest.body().get("report");
        List<Map<String, Object>> products = new java.util.ArrayList<>();
        List<?> all = (List<?>) report.getOrDefault("products", List.of());
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> p = (Map<String, Object>) all.get(i);
            if ("SUSPECT".equals(p.get("role")) || "INTERACTING".equals(p.get("role"))) {
                products.add(Map.of("index", i, "name", String.valueOf(p.get("name")), "role", p.get("role")));
            }
        }
        List<Map<String, Object>> reactions = new java.util.ArrayList<>();
        List<?> reported = (List<?>) report.getOrDefault("reactions", List.of());
        for (int i = 0; i < reported.size(); i++) {
            reactions.add(Map.of(
                    "index", i, "verbatim", String.valueOf(((Map<String, Object>) reported.get(i)).get("verbatim"))));
        }
        int asked = product;
        if (products.stream().noneMatch(p -> p.get("index").equals(asked)) && !products.isEmpty()) {
            product = (int) products.get(0).get("index");
        }
        int chosenReaction = reaction < reactions.size() ? reaction : 0;
        Api.Answer rucam = api.get(
                base + "/causality/rucam?productIndex=" + product + "&reactionIndex=" + chosenReaction, Map.of());
        Api.Answer history = api.get(base + "/causality", Map.of());
        Map<String, Object> preview = rucam.ok() ? rucam.body() : null;
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(causality
                        .data("nav", Nav.of(api))
                        .data("view", latest.body())
                        .data("products", products)
                        .data("reactions", reactions)
                        .data("product", product)
                        .data("reaction", chosenReaction)
                        .data("rucam", preview)
                        .data("whoUmc", CausalityForm.whoUmc(typed, violations))
                        .data("naranjo", CausalityForm.naranjo(typed, violations))
                        .data("rucamItems", CausalityForm.rucam(preview, typed, violations))
                        .data("comment", typed.getFirst("comment") == null ? "" : typed.getFirst("comment"))
                        .data("assessments", history.ok() ? parse(history.text()) : List.of())
                        .data("stored", stored)
                        .data("message", message)
                        .data("problems", violations)
                        .render())
                .build();
    }

    /** A 0-based index from a query or form parameter (0 when absent or not a small number). */
    private static int index(String text) {
        return text != null && text.matches("\\d{1,2}") ? Integer.parseInt(text) : 0;
    }

    /** Nullification with a reason, sent with If-Match on the version the reviewer saw. */
    @POST
    @Path("{caseNumber}/nullification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response nullify(
            @PathParam("caseNumber") String caseNumber,
            @FormParam("csrf") String csrf,
            @FormParam("version") String version,
            @FormParam("reason") String reason,
            @FormParam("comment") String comment,
            @FormParam("duplicateOf") String duplicateOf) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return Pages.forbidden(refused, api);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason == null || reason.isBlank() ? null : reason);
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment.strip());
        }
        if (duplicateOf != null && !duplicateOf.isBlank()) {
            body.put("duplicateOf", duplicateOf.strip());
        }
        String seen = version == null ? "" : version.replaceAll("[^0-9]", "");
        Api.Answer answer = api.post(
                "/api/v1/reports/" + safe(caseNumber) + "/nullification",
                seen.isEmpty() ? Map.of() : Map.of("If-Match", "\"" + seen + "\""),
                body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/cases/" + safe(caseNumber) + "?nullified=1"))
                    .build();
        }
        String message = answer.violations().isEmpty() ? answer.detail() : "Not nullified: please correct the form.";
        if (answer.status() == 412) {
            message = "Not nullified: the case changed after you opened it (you saw version " + seen
                    + ", the latest is "
                    + answer.header("ETag").map(t -> t.replace("\"", "")).orElse("newer")
                    + "). Check the latest version below and nullify again if it still applies.";
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("reason", reason == null ? "" : reason);
        typed.put("comment", comment == null ? "" : comment);
        typed.put("duplicateOf", duplicateOf == null ? "" : duplicateOf);
        return render(answer.status(), caseNumber, null, null, false, message, answer.violations(), typed);
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
        return Response.status(answer.status())
                .type(MediaType.TEXT_HTML)
                .entity(refused.data("nav", Nav.of(api))
                        .data("title", title)
                        .data("message", answer.detail())
                        .render())
                .build();
    }
}
