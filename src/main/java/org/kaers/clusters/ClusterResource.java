package org.kaers.clusters;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.Problem;
import org.kaers.security.Roles;

/** Cluster alerts for reviewers, computed when asked. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Clusters",
        description =
                "Serious cases sharing a lot or vendor in a window; products above their weekly historical limits.")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
public class ClusterResource {

    private static final String EXAMPLE = """
            [{"kind": "LOT", "key": "7L0925", "from": "2026-10-06", "to": "2026-11-04", "cases": 3,
              "caseNumbers": ["KAE-2026-000311", "KAE-2026-000318", "KAE-2026-000322"]},
             {"kind": "PRODUCT_WEEK", "key": "7-OH tablets (unspecified)", "from": "2026-10-29", "to": "2026-11-04",
              "cases": 5, "baselineMean": 0.375, "limit": 2.35,
              "caseNumbers": ["KAE-2026-000311", "KAE-2026-000318", "KAE-2026-000322", "KAE-2026-000325", "KAE-2026-000330"]}]""";

    private final ClusterDetector detector;

    ClusterResource(ClusterDetector detector) {
        this.detector = detector;
    }

    @GET
    @Operation(
            operationId = "listClusters",
            summary = "Cluster alerts",
            description =
                    "LOT and VENDOR: at least minCases serious cases with the same normalised lot or vendor dated in the "
                            + "windowDays ending on asOf (a case's date: its earliest onset, else its day of receipt). PRODUCT_WEEK: "
                            + "the week ending on asOf has at least 3 cases of a product and more than the mean + 3 sd of the 8 weeks "
                            + "before a 1-week guard (historical limits, after EARS C2).")
    @APIResponse(
            responseCode = "200",
            description = "The alerts: lots, then vendors, then product weeks.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ClusterAlert.class),
                            examples = @ExampleObject(name = "a lot and a product week", value = EXAMPLE)))
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or invalid value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ClusterAlert> list(@Valid @BeanParam ClusterRules rules) {
        return detector.detect(rules.day(), rules.window(), rules.threshold());
    }
}
