package org.kaers.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The clinician's pages: the report form (submit), the follow-up form (pre-filled from the latest version, sent
 * with If-Match), and the coding preview of a verbatim as it is typed. Everything is sent to the API; its
 * violations are shown on their inputs with what was typed kept.
 */
@Path("/reports")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: the coding preview reads whichever form field is sent (htmx), browsers add others
@org.kaers.common.StrictQueryParameters.Lenient
public class ReportPages {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Api api;
    private final ObjectMapper json;
    private final Template reportForm;
    private final Template refused;
    private final Template preview;
    private final Template derived;

    ReportPages(
            Api api,
            ObjectMapper json,
            @Location("report-form.html") Template reportForm,
            @Location("refused.html") Template refused,
            @Location("preview.html") Template preview,
            @Location("derived.html") Template derived) {
        this.derived = derived;
        this.api = api;
        this.json = json;
        this.reportForm = reportForm;
        this.refused = refused;
        this.preview = preview;
    }

    @GET
    @Path("new")
    public Response newReport() {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return page(200, null, new MultivaluedHashMap<>(), Map.of(), null, Map.of());
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> form) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), form.getFirst("csrf"))) {
            return Pages.forbidden(refused, api);
        }
        Map<String, Object> carried = carried(form);
        if (addRow(form)) {
            return page(200, null, form, Map.of(), null, carried);
        }
        String key = form.getFirst("idempotencyKey");
        Map<String, String> headers = key == null || key.isBlank() ? Map.of() : Map.of("Idempotency-Key", key);
        Api.Answer answer = api.post("/api/v1/reports", headers, ReportForm.toJson(form, carried));
        if (answer.ok()) {
            return Response.seeOther(URI.create("/cases/" + answer.body().get("caseNumber") + "?stored=1"))
                    .build();
        }
        form.putSingle("idempotencyKey", UUID.randomUUID().toString()); // nothing was stored under the old key
        return page(
                answer.status(),
                null,
                form,
                answer.violations(),
                answer.violations().isEmpty() ? answer.detail() : null,
                carried);
    }

    @GET
    @Path("{caseNumber}/follow-up")
    public Response followUpForm(@PathParam("caseNumber") String caseNumber) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        Api.Answer latest = api.get("/api/v1/reports/" + CasePages.safe(caseNumber), Map.of());
        if (!latest.ok()) {
            return CasePages.refusal(refused, api, latest);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) latest.body().get("report");
        MultivaluedMap<String, String> values = ReportForm.fromJson(report);
        values.putSingle("version", String.valueOf(latest.body().get("version")));
        values.putSingle("type", "FOLLOW_UP");
        return page(200, caseNumber, values, Map.of(), null, ReportForm.carried(report));
    }

    @POST
    @Path("{caseNumber}/follow-up")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response followUp(@PathParam("caseNumber") String caseNumber, MultivaluedMap<String, String> form) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), form.getFirst("csrf"))) {
            return Pages.forbidden(refused, api);
        }
        Map<String, Object> carried = carried(form);
        if (addRow(form)) {
            return page(200, caseNumber, form, Map.of(), null, carried);
        }
        String version = form.getFirst("version") == null ? "" : form.getFirst("version");
        String type = "AMENDMENT".equals(form.getFirst("type")) ? "AMENDMENT" : "FOLLOW_UP";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("If-Match", "\"" + version.replaceAll("[^0-9]", "") + "\"");
        String key = form.getFirst("idempotencyKey");
        if (key != null && !key.isBlank()) {
            headers.put("Idempotency-Key", key);
        }
        Api.Answer answer = api.post(
                "/api/v1/reports/" + CasePages.safe(caseNumber) + "/follow-ups?type=" + type,
                headers,
                ReportForm.toJson(form, carried));
        if (answer.ok()) {
            return Response.seeOther(URI.create("/cases/" + CasePages.safe(caseNumber) + "?stored="
                            + answer.body().get("version")))
                    .build();
        }
        form.putSingle("idempotencyKey", UUID.randomUUID().toString());
        String message = answer.violations().isEmpty() ? answer.detail() : null;
        if (answer.status() == 412) {
            String latest = answer.header("ETag").map(t -> t.replace("\"", "")).orElse("a newer one");
            message = "This case was changed by someone else after you opened this form: you started from version "
                    + version + ", the latest is version " + latest + ". Open the latest version, check what changed "
                    + "and enter your follow-up again.";
        }
        return page(answer.status(), caseNumber, form, answer.violations(), message, carried);
    }

    /** How a verbatim would be coded, as it is typed (htmx fragment). */
    @GET
    @Path("coding-preview")
    public Response codingPreview(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        // htmx sends the input under its own name (reactions[0].verbatim)
        String text = uri.getQueryParameters().values().stream()
                .flatMap(List::stream)
                .findFirst()
                .orElse(null);
        if (api.user() == null || text == null || text.isBlank()) {
            return Response.ok(preview.data("coded", null).data("text", "").render())
                    .build();
        }
        Api.Answer answer = api.get("/api/v1/vocabulary/coding-preview" + Api.query(Map.of("text", text)), Map.of());
        return Response.ok(preview.data("coded", answer.ok() ? answer.body() : null)
                        .data("text", text)
                        .render())
                .build();
    }

    /**
     * The derived values of the form as it stands (htmx fragment, on every change): the API's
     * {@code POST /api/v1/reports/derived-preview} over the form's JSON, the same JSON a submission sends.
     */
    @POST
    @Path("derived-preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response derivedPreview(MultivaluedMap<String, String> form) {
        if (api.user() == null || !Session.csrfMatches(api.authorization(), form.getFirst("csrf"))) {
            return Response.ok(derived.data("derived", null)
                            .data("problems", Map.of())
                            .render())
                    .build();
        }
        return Response.ok(derivedFragment(form, carried(form)).render()).build();
    }

    /** The derived-values fragment for these form values. */
    private io.quarkus.qute.TemplateInstance derivedFragment(
            MultivaluedMap<String, String> values, Map<String, Object> carried) {
        Api.Answer answer = api.post("/api/v1/reports/derived-preview", Map.of(), ReportForm.toJson(values, carried));
        return derived.data("derived", answer.ok() ? answer.body() : null)
                .data("problems", answer.ok() ? Map.of() : answer.violations())
                .data("message", answer.ok() || !answer.violations().isEmpty() ? null : answer.detail());
    }

    private Response page(
            int status,
            String caseNumber,
            MultivaluedMap<String, String> values,
            Map<String, String> violations,
            String message,
            Map<String, Object> carried) {
        if (values.getFirst("idempotencyKey") == null) {
            values.putSingle("idempotencyKey", UUID.randomUUID().toString());
        }
        List<ReportForm.SectionView> sections = ReportForm.view(values, violations);
        String carriedJson;
        try {
            carriedJson = json.writeValueAsString(carried);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String body = reportForm
                .data("nav", Nav.of(api))
                .data("caseNumber", caseNumber)
                .data("sections", sections)
                .data("problems", ReportForm.problems(violations, sections))
                .data("message", message)
                .data("idempotencyKey", values.getFirst("idempotencyKey"))
                .data("version", values.getFirst("version"))
                .data("type", values.getFirst("type"))
                .data("carried", carriedJson)
                .data("stale", status == 412)
                .data("action", caseNumber == null ? "/reports/new" : "/reports/" + caseNumber + "/follow-up")
                .data("derived", derivedFragment(values, carried).render())
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML).entity(body).build();
    }

    /** An "add another row" button: one more row in that section, nothing sent. */
    private static boolean addRow(MultivaluedMap<String, String> form) {
        String action = form.getFirst("action");
        if (action == null || !action.startsWith("add:")) {
            return false;
        }
        String section = action.substring(4);
        Map<String, Integer> rows = ReportForm.rows(form);
        if (rows.containsKey(section)) {
            form.putSingle("rows." + section, String.valueOf(rows.get(section) + 1));
        }
        return true;
    }

    private Map<String, Object> carried(MultivaluedMap<String, String> form) {
        String carried = form.getFirst(ReportForm.CARRIED);
        if (carried == null || carried.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = json.readValue(carried, MAP);
            return ReportForm.carried(map);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
