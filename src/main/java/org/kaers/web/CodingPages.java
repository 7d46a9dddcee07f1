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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reviewer's coding queue: verbatims no term matched, each coded to a term with one form. */
@Path("/coding")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class CodingPages {

    private final Api api;
    private final Template coding;
    private final Template refused;

    CodingPages(Api api, @Location("coding.html") Template coding, @Location("refused.html") Template refused) {
        this.api = api;
        this.coding = coding;
        this.refused = refused;
    }

    @GET
    public Response queue(@QueryParam("page") String page, @QueryParam("coded") String coded) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return render(200, page, coded, null, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response code(
            @FormParam("csrf") String csrf,
            @FormParam("verbatim") String verbatim,
            @FormParam("termCode") String termCode,
            @FormParam("comment") String comment) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return Pages.forbidden(refused, api);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verbatim", verbatim);
        body.put("termCode", termCode == null ? null : termCode.strip());
        body.put("codedBy", api.user());
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment);
        }
        Api.Answer answer = api.post("/api/v1/vocabulary/codings", Map.of(), body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/coding?coded="
                            + java.net.URLEncoder.encode(
                                    String.valueOf(answer.body().get("normalized")),
                                    java.nio.charset.StandardCharsets.UTF_8)))
                    .build();
        }
        return render(answer.status(), null, null, verbatim, termCode, Pages.problems(answer));
    }

    private Response render(int status, String page, String coded, String verbatim, String termCode, String error) {
        Api.Answer queue = api.get(
                "/api/v1/vocabulary/coding-queue" + Api.query(Map.of("page", page == null ? "" : page, "size", "50")),
                Map.of());
        if (!queue.ok()) {
            return CasePages.refusal(refused, api, queue);
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(coding.data("nav", Nav.of(api))
                        .data("queue", queue.body())
                        .data("pager", Pager.of("/coding", queue.body()))
                        .data("terms", terms())
                        .data("coded", coded)
                        .data("failedVerbatim", verbatim)
                        .data("failedTerm", termCode)
                        .data("error", error)
                        .render())
                .build();
    }

    /** Every term, for the term picker (a few hundred). */
    private java.util.List<Object> terms() {
        java.util.List<Object> terms = new java.util.ArrayList<>();
        for (int page = 0; page < 20; page++) {
            Api.Answer answer = api.get("/api/v1/vocabulary/terms?size=100&page=" + page, Map.of());
            if (!answer.ok() || !(answer.body().get("items") instanceof java.util.List<?> items) || items.isEmpty()) {
                break;
            }
            terms.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        return terms;
    }
}
