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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewer's duplicate-suspect queue: pairs the screening weighed at or above the threshold, highest first, each
 * with its field weights; confirm (the case not kept is nullified as a duplicate of the other) or dismiss.
 */
@Path("/duplicates")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class DuplicatePages {

    private final Api api;
    private final Template duplicates;
    private final Template refused;

    DuplicatePages(
            Api api, @Location("duplicates.html") Template duplicates, @Location("refused.html") Template refused) {
        this.api = api;
        this.duplicates = duplicates;
        this.refused = refused;
    }

    @GET
    public Response queue(
            @QueryParam("status") String status,
            @QueryParam("caseNumber") String caseNumber,
            @QueryParam("page") String page,
            @QueryParam("decided") String decided) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return render(200, status, caseNumber, page, decided, null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("decision") String decision,
            @FormParam("keep") String keep,
            @FormParam("comment") String comment) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return Pages.forbidden(refused, api);
        }
        String pair = id.replaceAll("[^0-9]", "");
        boolean confirm = "confirm".equals(decision);
        Map<String, Object> body = new LinkedHashMap<>();
        if (confirm && keep != null && !keep.isBlank()) {
            body.put("keep", keep);
        }
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment.strip());
        }
        Api.Answer answer =
                api.post("/api/v1/duplicates/" + pair + (confirm ? "/confirm" : "/dismiss"), Map.of(), body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/duplicates?decided=" + pair)).build();
        }
        return render(
                answer.status(), null, null, null, null, "Pair " + pair + " not decided: " + Pages.problems(answer));
    }

    private Response render(int status, String filter, String caseNumber, String page, String decided, String error) {
        String shown = filter == null || filter.isBlank() ? "OPEN" : filter;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("status", shown);
        params.put("caseNumber", caseNumber);
        params.put("page", page);
        params.put("size", "20");
        Api.Answer queue = api.get("/api/v1/duplicates" + Api.query(params), Map.of());
        if (!queue.ok()) {
            return CasePages.refusal(refused, api, queue);
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(duplicates
                        .data("nav", Nav.of(api))
                        .data("queue", queue.body())
                        .data("status", shown)
                        .data("statuses", java.util.List.of("OPEN", "CONFIRMED", "DISMISSED"))
                        .data("decided", decided)
                        .data("error", error)
                        .data("caseNumber", caseNumber == null ? "" : caseNumber)
                        .render())
                .build();
    }
}
