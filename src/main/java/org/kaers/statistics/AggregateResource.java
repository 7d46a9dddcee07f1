package org.kaers.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.security.Roles;
import org.kaers.statistics.aggregates.AggregateStore;

/** Operating the statistics aggregates: their state, catching up now, rebuilding from the raw rows. */
@Path("/api/v1/stats/aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics aggregates", description = "The counts maintained as cases arrive, and their upkeep.")
public class AggregateResource {

    private final AggregateStore store;
    private final org.kaers.statistics.disclosure.Disclosure disclosure;

    AggregateResource(AggregateStore store, org.kaers.statistics.disclosure.Disclosure disclosure) {
        this.store = store;
        this.disclosure = disclosure;
    }

    @GET
    @Operation(
            operationId = "aggregateStatus",
            summary = "State of the statistics aggregates",
            description = "How many changed cases wait to be folded in, and since when.")
    @APIResponse(
            responseCode = "200",
            description = "The state.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AggregateStatus.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public AggregateStatus status() {
        return AggregateStatus.of(store.status(), null, disclosure);
    }

    @POST
    @Path("/catch-up")
    @Operation(
            operationId = "catchUpAggregates",
            summary = "Fold every pending change in now",
            description = "Does at once what the background worker does every second; returns when the queue is empty.")
    @APIResponse(
            responseCode = "200",
            description = "The state afterwards, with how many queue entries were folded in.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AggregateStatus.class)))
    @RolesAllowed({Roles.ADMIN})
    public AggregateStatus catchUp() {
        long folded = store.catchUp();
        return AggregateStatus.of(store.status(), folded, disclosure);
    }

    @POST
    @Path("/rebuild")
    @Operation(
            operationId = "rebuildAggregates",
            summary = "Rebuild every aggregate from the raw rows",
            description = "Recomputes all facts and cells in one transaction (statistics keep answering from the old "
                    + "aggregates until it commits). Minutes at a million cases.")
    @APIResponse(
            responseCode = "200",
            description = "The state afterwards.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AggregateStatus.class)))
    @RolesAllowed({Roles.ADMIN})
    public AggregateStatus rebuild() {
        return AggregateStatus.of(store.rebuild(), null, disclosure);
    }
}
