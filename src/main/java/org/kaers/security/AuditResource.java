package org.kaers.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.PageParams;
import org.kaers.common.PageResponse;

/** The audit log, for administrators: read-only. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read which case and who changed what; append-only.")
public class AuditResource {

    private final AuditLog log;

    private final org.kaers.common.SnapshotExports exports;

    AuditResource(AuditLog log, org.kaers.common.SnapshotExports exports) {
        this.exports = exports;
        this.log = log;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, org.kaers.common.Csv.MEDIA_TYPE, org.kaers.common.Exports.NDJSON})
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "auditLog",
            summary = "Page through the audit log",
            description = "Every write through the API and every read of a full case or version, newest first, "
                    + "refusals included. Nothing in the API changes it."
                    + org.kaers.common.Exports.WHOLE_LIST)
    @APIResponse(
            responseCode = "200",
            description = "A page of events (JSON), or every item (CSV, NDJSON).",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageResponse.class)),
                @Content(mediaType = org.kaers.common.Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = org.kaers.common.Exports.NDJSON, schema = @Schema(type = SchemaType.STRING))
            },
            headers =
                    @org.eclipse.microprofile.openapi.annotations.headers.Header(
                            name = "KAERS-Data-Version",
                            description = "CSV and NDJSON: the data version of the rows."))
    public Response events(
            @Valid @BeanParam AuditSearch search,
            @Valid @BeanParam PageParams paging,
            @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        String actor = search.actor();
        String action = search.action();
        var from = search.from();
        var to = search.to();
        var page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            return exports.pages(
                    format,
                    "audit",
                    AuditLog.Event.class,
                    p -> log.page(actor, action, from, to, p).items());
        }
        return Response.ok(log.page(actor, action, from, to, page), MediaType.APPLICATION_JSON)
                .build();
    }
}
