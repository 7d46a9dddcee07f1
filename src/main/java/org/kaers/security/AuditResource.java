package org.kaers.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.PageResponse;
import org.kaers.common.QueryParams;

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
    @Parameters({
        @Parameter(
                name = "actor",
                in = ParameterIn.QUERY,
                description = "Token subject.",
                schema = @Schema(type = SchemaType.STRING)),
        @Parameter(
                name = "action",
                in = ParameterIn.QUERY,
                schema = @Schema(enumeration = {"GET", "POST", "PUT", "DELETE", "PATCH"})),
        @Parameter(name = "from", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date")),
        @Parameter(name = "to", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date")),
        @Parameter(
                name = "page",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")),
        @Parameter(
                name = "size",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    })
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
    @org.kaers.common.StrictQueryParameters.Lenient // still parsed by QueryParams
    public Response events(@Context UriInfo uri, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        QueryParams q =
                QueryParams.of(uri.getQueryParameters(), Set.of("actor", "action", "from", "to", "page", "size"));
        String actor = q.string("actor", 200);
        String action = q.string("action", 10);
        if (action != null && !Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(action)) {
            q.reject("action", "not one of the allowed values: GET, POST, PUT, DELETE, PATCH");
        }
        var from = q.date("from");
        var to = q.date("to");
        var page = q.page(format);
        q.throwIfInvalid();
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
