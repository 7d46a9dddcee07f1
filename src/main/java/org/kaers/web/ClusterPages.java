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
import java.util.Map;

/**
 * The reviewer's cluster alerts (stored by the hourly scan): serious cases sharing a lot or vendor, product weeks
 * above their limits, each with its cases; acknowledge (open alerts) or dismiss, always with a reason.
 */
@Path("/cluster-alerts")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class ClusterPages {

    private final Api api;
    private final Template alerts;
    private final Template refused;

    ClusterPages(
            Api api, @Location("cluster-alerts.html") Template alerts, @Location("refused.html") Template refused) {
        this.api = api;
        this.alerts = alerts;
        this.refused = refused;
    }

    @GET
    public Response list(
            @QueryParam("status") String status,
            @QueryParam("key") String key,
            @QueryParam("page") String page,
            @QueryParam("decided") String decided) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return render(200, status, key, page, decided, null, null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("decision") String decision,
            @FormParam("reason") String reason) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return Pages.forbidden(refused, api);
        }
        String alert = id.replaceAll("[^0-9]", "");
        String action = "acknowledge".equals(decision) ? "acknowledge" : "dismiss";
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("reason", reason);
        Api.Answer answer = api.post("/api/v1/clusters/alerts/" + alert + "/" + action, Map.of(), body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/cluster-alerts?decided=" + alert))
                    .build();
        }
        return render(
                answer.status(),
                null,
                null,
                null,
                null,
                alert,
                "Alert " + alert + " not " + (action.equals("dismiss") ? "dismissed" : "acknowledged") + ": "
                        + Pages.problems(answer));
    }

    private Response render(
            int status, String filter, String key, String page, String decided, String failed, String error) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("status", filter);
        params.put("key", key);
        params.put("page", page);
        params.put("size", "20");
        Api.Answer list = api.get("/api/v1/clusters/alerts" + Api.query(params), Map.of());
        if (!list.ok()) {
            return CasePages.refusal(refused, api, list);
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(alerts.data("nav", Nav.of(api))
                        .data("alerts", list.body())
                        .data("status", filter == null ? "" : filter)
                        .data("statuses", java.util.List.of("OPEN", "ACKNOWLEDGED", "DISMISSED"))
                        .data("decided", decided)
                        .data("failed", failed)
                        .data("key", key == null ? "" : key)
                        .data("error", error)
                        .render())
                .build();
    }
}
