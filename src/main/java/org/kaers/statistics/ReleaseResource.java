package org.kaers.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.security.Roles;
import org.kaers.statistics.disclosure.Disclosure;

/** Frozen statistics releases: which one researchers read, and cutting one now. */
@Path("/api/v1/stats/releases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Statistics releases",
        description = "Researchers read the latest frozen release, cut on a schedule; "
                + "reviewers and administrators read live.")
public class ReleaseResource {

    private final ReleaseStore releases;
    private final ReleaseSchedule schedule;
    private final Disclosure disclosure;

    ReleaseResource(ReleaseStore releases, ReleaseSchedule schedule, Disclosure disclosure) {
        this.releases = releases;
        this.schedule = schedule;
        this.disclosure = disclosure;
    }

    @GET
    @Path("/latest")
    @Operation(
            operationId = "latestRelease",
            summary = "The latest statistics release",
            description = "The release researchers' numbers come from (`meta.release` of every statistics response).")
    @APIResponse(
            responseCode = "200",
            description = "The latest release.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReleaseView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No release has been cut yet (the first is cut within a minute " + "of the first start).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public ReleaseView latest() {
        return releases.find(null)
                .map(r -> ReleaseView.of(r, disclosure))
                .orElseThrow(() -> ApiProblem.notFound("no statistics release has been cut yet"));
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getRelease",
            summary = "One statistics release",
            description =
                    "When a release was cut and from which data version (its cells are kept for the latest only).")
    @APIResponse(
            responseCode = "200",
            description = "The release.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReleaseView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such release.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public ReleaseView get(@Parameter(description = "Release id.", example = "42") @PathParam("id") long id) {
        return releases.find(id)
                .filter(r -> r.id() == id)
                .map(r -> ReleaseView.of(r, disclosure))
                .orElseThrow(() -> ApiProblem.notFound("no statistics release " + id));
    }

    @POST
    @Operation(
            operationId = "cutRelease",
            summary = "Cut a statistics release now",
            description = "Folds every pending change in, then copies the aggregates as the new release researchers "
                    + "read (case submissions wait, and do not fail, while the copy is made). Also done on "
                    + "`kaers.stats.release.cron`.")
    @APIResponse(
            responseCode = "201",
            description = "The new release.",
            headers = @Header(name = "Location", description = "URL of the release."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReleaseView.class)))
    @RolesAllowed({Roles.ADMIN})
    public Response cut(@Context UriInfo uri) {
        ReleaseStore.Info info = schedule.publish();
        URI location =
                uri.getBaseUriBuilder().path("api/v1/stats/releases/{id}").build(info.id());
        return Response.created(location)
                .entity(ReleaseView.of(info, disclosure))
                .build();
    }
}
