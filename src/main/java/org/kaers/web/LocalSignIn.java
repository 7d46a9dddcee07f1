package org.kaers.web;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kaers.security.Roles;

/**
 * Dev mode and tests only (absent from the packaged service): sign in as anyone with any roles; the token is signed
 * with the dev key, like {@code GET /dev/token}, and kept in the session cookie. Production signs in through the
 * identity provider (README, "Pages").
 */
@Path("/sign-in")
@PermitAll
@Blocking
@UnlessBuildProfile("prod")
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class LocalSignIn {

    private static final List<String> ROLES = List.of(Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN);

    private final Api api;
    private final Template signin;
    private final String issuer;
    private final String audience;

    LocalSignIn(
            Api api,
            @Location("signin.html") Template signin,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "kaers.token.audience") String audience) {
        this.api = api;
        this.signin = signin;
        this.issuer = issuer;
        this.audience = audience;
    }

    @GET
    public TemplateInstance form() {
        return signin.data("nav", Nav.of(api))
                .data("roles", ROLES)
                .data("error", null)
                .data("name", "");
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(
            @FormParam("name") String name,
            @FormParam("role") List<String> roles,
            @HeaderParam("Origin") String origin,
            @HeaderParam("Host") String host) {
        if (origin != null
                && !origin.equals("null")
                && !URI.create(origin).getAuthority().equals(host)) {
            return Response.status(Response.Status.FORBIDDEN).build(); // a sign-in posted from another site
        }
        Set<String> chosen = new LinkedHashSet<>(roles == null ? List.of() : roles);
        String subject = name == null ? "" : name.strip();
        if (subject.isEmpty() || subject.length() > 100 || chosen.isEmpty() || !ROLES.containsAll(chosen)) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(signin.data("nav", Nav.of(api))
                            .data("roles", ROLES)
                            .data("name", subject)
                            .data("error", "Give a name (at most 100 characters) and at least one role.")
                            .render())
                    .type(MediaType.TEXT_HTML)
                    .build();
        }
        String token = Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(chosen)
                .expiresIn(Duration.ofHours(8))
                .sign();
        return Response.seeOther(URI.create("/"))
                .header("Set-Cookie", Session.of(token).encode())
                .build();
    }
}
