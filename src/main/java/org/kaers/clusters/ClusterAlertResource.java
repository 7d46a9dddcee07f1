package org.kaers.clusters;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageParams;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.Problem;
import org.kaers.common.Violation;
import org.kaers.security.Roles;

/** Stored cluster alerts: the reviewers' queue, their decisions, and a scan on demand. */
@Path("/api/v1/clusters/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
public class ClusterAlertResource {

    private static final String EXAMPLE = """
            {"id": 101, "kind": "LOT", "key": "7L0925", "from": "2026-10-06", "to": "2026-11-05", "cases": 4,
             "baselineMean": null, "limit": null,
             "caseNumbers": ["KAE-2026-000311", "KAE-2026-000318", "KAE-2026-000322", "KAE-2026-000340"],
             "status": "ACKNOWLEDGED", "raisedAt": "2026-11-04T06:00:00Z", "updatedAt": "2026-11-05T06:00:00Z",
             "acknowledged": {"by": "reviewer@centre.example", "at": "2026-11-05T09:12:00Z",
                              "reason": "Lot recalled; FDA notified."},
             "dismissed": null, "previousId": null}""";

    private final ClusterAlerts alerts;

    private final org.kaers.common.SnapshotExports exports;

    ClusterAlertResource(ClusterAlerts alerts, org.kaers.common.SnapshotExports exports) {
        this.exports = exports;
        this.alerts = alerts;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, org.kaers.common.Csv.MEDIA_TYPE, org.kaers.common.Exports.NDJSON})
    @Operation(
            operationId = "listClusterAlerts",
            summary = "Stored cluster alerts",
            description =
                    "Alerts stored when a cluster rule fired (hourly over today's window, or a scan on demand), newest "
                            + "first (ties by id), with the cases behind them and the decisions taken. An open alert grows while its "
                            + "rule keeps firing in overlapping windows; after a decision, new cases raise a new alert naming the "
                            + "decided one (previousId)."
                            + org.kaers.common.Exports.WHOLE_LIST)
    @APIResponse(
            responseCode = "200",
            description = "A page of alerts (JSON), or every item (CSV, NDJSON).",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageResponse.class)),
                @Content(mediaType = org.kaers.common.Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = org.kaers.common.Exports.NDJSON, schema = @Schema(type = SchemaType.STRING))
            },
            headers =
                    @org.eclipse.microprofile.openapi.annotations.headers.Header(
                            name = "KAERS-Data-Version",
                            description = "CSV and NDJSON: the data version of the rows."))
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or invalid value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Valid @BeanParam AlertSearch search,
            @Valid @BeanParam PageParams paging,
            @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        AlertSearch filters = search.checked();
        AlertStatus status = filters.status();
        String kind = filters.kind();
        String key = filters.key();
        String caseNumber = filters.caseNumber();
        LocalDate from = filters.from();
        LocalDate to = filters.to();
        PageRequest page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            return exports.pages(
                    format,
                    "cluster-alerts",
                    AlertViews.Alert.class,
                    p -> alerts.list(status, kind, key, caseNumber, from, to, p).items());
        }
        return Response.ok(alerts.list(status, kind, key, caseNumber, from, to, page), MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "readClusterAlert", summary = "One stored cluster alert")
    @APIResponse(
            responseCode = "200",
            description = "The alert.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.Alert.class),
                            examples = @ExampleObject(name = "acknowledged", value = EXAMPLE)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertViews.Alert read(@Parameter(description = "Alert id.", example = "101") @PathParam("id") String id) {
        return alerts.read(parse(id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "acknowledgeClusterAlert",
            summary = "Acknowledge a cluster alert",
            description =
                    "The alert is real and being followed; the reason, reviewer and time are kept with it. Only an OPEN "
                            + "alert can be acknowledged. Audited.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.DecisionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "recall",
                                            value = "{\"reason\": \"Lot recalled; FDA notified.\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Acknowledged.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.Alert.class),
                            examples = @ExampleObject(name = "acknowledged", value = EXAMPLE)))
    @APIResponse(
            responseCode = "400",
            description = "No reason, or one longer than 2,000 characters.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The alert is not OPEN.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertViews.Alert acknowledge(
            @Parameter(description = "Alert id.", example = "101") @PathParam("id") String id,
            @Valid AlertViews.DecisionRequest decision) {
        return alerts.acknowledge(parse(id), reason(decision));
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "dismissClusterAlert",
            summary = "Dismiss a cluster alert",
            description =
                    "Not a real cluster (or followed to its end); the reason, reviewer and time are kept with it. An OPEN "
                            + "or ACKNOWLEDGED alert can be dismissed. Audited.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.DecisionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "coincidence",
                                            value = "{\"reason\": \"Different products from one distributor.\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Dismissed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.Alert.class)))
    @APIResponse(
            responseCode = "400",
            description = "No reason, or one longer than 2,000 characters.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already dismissed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertViews.Alert dismiss(
            @Parameter(description = "Alert id.", example = "101") @PathParam("id") String id,
            @Valid AlertViews.DecisionRequest decision) {
        return alerts.dismiss(parse(id), reason(decision));
    }

    @POST
    @Path("/scan")
    @Operation(
            operationId = "scanClusters",
            summary = "Run the cluster rules now and store what fires",
            description =
                    "What the hourly scan does, for any day (a past asOf fills in alerts for that window). The same "
                            + "rules and parameters as GET /api/v1/clusters.")
    @APIResponse(
            responseCode = "200",
            description = "What was stored.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertViews.Scan.class),
                            examples =
                                    @ExampleObject(
                                            name = "one new lot alert",
                                            value =
                                                    "{\"asOf\": \"2026-11-04\", \"fired\": 2, \"raised\": 1, \"updated\": 0, \"unchanged\": 1, \"alertIds\": [101]}")))
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or invalid value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertViews.Scan scan(@Valid @BeanParam ClusterRules rules) {
        return alerts.scan(rules.day(), rules.window(), rules.threshold());
    }

    private static String reason(AlertViews.DecisionRequest decision) {
        if (decision == null) {
            throw ApiProblem.invalid(Violation.body("reason", "must not be blank"));
        }
        return decision.reason().strip();
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("no cluster alert has the id " + id);
        }
    }
}
