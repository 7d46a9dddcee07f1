package org.kaers.web;

import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The packaged service (no local sign-in there): {@code /sign-in} goes to the identity provider's flow. */
@Path("/sign-in")
@PermitAll
@IfBuildProfile("prod")
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class IdpSignInStart {

    @GET
    public Response signIn() {
        return Response.seeOther(URI.create("/sign-in/idp")).build();
    }
}
