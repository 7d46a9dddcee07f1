package org.kaers.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The home page (what each role can do) and signing out. */
@Path("/")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class Pages {

    private final Api api;
    private final Template home;
    private final Template refused;

    Pages(Api api, @Location("home.html") Template home, @Location("refused.html") Template refused) {
        this.api = api;
        this.home = home;
        this.refused = refused;
    }

    @GET
    public TemplateInstance home() {
        return home.data("nav", Nav.of(api));
    }

    @POST
    @Path("sign-out")
    public Response signOut(@FormParam("csrf") String csrf) {
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return forbidden(refused, api);
        }
        return Response.seeOther(URI.create("/"))
                .header("Set-Cookie", Session.cleared().encode())
                .build();
    }

    /** 403 page: a form posted without this session's form token. */
    static Response forbidden(Template refused, Api api) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML)
                .entity(refused.data("nav", Nav.of(api))
                        .data("title", "Form expired")
                        .data(
                                "message",
                                "This form does not belong to your current session (it may be older than your "
                                        + "last sign-in). Open the page again and resubmit.")
                        .render())
                .build();
    }

    /** A refusal of the API in one line: its violations by field, else its detail. */
    static String problems(Api.Answer answer) {
        return answer.violations().isEmpty()
                ? answer.detail()
                : String.join(
                        "; ",
                        answer.violations().entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .toList());
    }

    /** Redirect to sign-in for a page that needs a signed-in user. */
    static Response signIn() {
        return Response.seeOther(URI.create("/sign-in")).build();
    }
}
