package org.kaers.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kaers.common.ApiProblem;
import org.kaers.common.Violation;

/**
 * Dev mode only (absent from the packaged service): mints a token signed with the dev key, for trying the API
 * locally: {@code curl 'http://localhost:8080/dev/token?sub=alice&role=REPORTER'}.
 */
@Path("/dev/token")
@IfBuildProfile("dev")
public class DevTokenResource {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kaers.token.audience")
    String audience;

    private static final Set<String> ROLES = Set.of(Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN);

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String token(@QueryParam("sub") String subject, @QueryParam("role") List<String> roles) {
        if (subject == null || subject.isBlank() || roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw ApiProblem.invalid(Violation.query("role", "give sub and one or more role of " + ROLES));
        }
        return Jwt.issuer("kaers-dev")
                .audience(audience)
                .subject(subject)
                .upn(subject)
                .groups(new HashSet<>(roles))
                .expiresIn(Duration.ofHours(8))
                .sign();
    }
}
