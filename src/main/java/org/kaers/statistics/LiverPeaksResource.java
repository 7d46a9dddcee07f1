package org.kaers.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.Problem;
import org.kaers.security.Roles;
import org.kaers.statistics.model.StatsPage;

/** Per-case peak liver tests for the eDISH plot (reviewers and administrators). */
@Path("/api/v1/stats/liver-peaks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class LiverPeaksResource {

    private final LiverPeaks peaks;

    LiverPeaksResource(LiverPeaks peaks) {
        this.peaks = peaks;
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(
            operationId = "liverPeaks",
            summary = "Peak ALT and bilirubin per case, for an eDISH plot (reviewers)",
            description =
                    "Every active case whose latest version has an ALT and a total bilirubin with an upper limit of "
                            + "normal: the peak of each (value / ULN, the highest over the case's labs; AST and ALP too when "
                            + "measured), the derived Hy's law flag and injury pattern, and the eDISH quadrant against the lines "
                            + "ALT = 3 x ULN and bilirubin = 2 x ULN (POTENTIAL_HYS_LAW: ALT >= 3 and bilirubin > 2; "
                            + "TEMPLE_CORNER: ALT >= 3 only; HYPERBILIRUBINAEMIA: bilirubin > 2 only; NORMAL_RANGE). Sorted by "
                            + "case number. Not served to researchers: a row per case with its case number.")
    @APIResponse(
            responseCode = "200",
            description = "A page of cases.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LiverPeaks.Table.class),
                            examples =
                                    @ExampleObject(
                                            name = "one case",
                                            value = "{\"meta\": {\"caution\": \"Spontaneous reports "
                                                    + "cannot establish that a product caused a reaction.\", \"altLine\": 3, \"bilirubinLine\": 2, "
                                                    + "\"lastUpdated\": \"2026-03-02T10:15:00Z\"}, \"items\": [{\"caseNumber\": \"KAE-2026-000123\", "
                                                    + "\"altXUln\": 11.5, \"astXUln\": 8.2, \"alpXUln\": 1.1, \"bilirubinXUln\": 3.4, \"hysLaw\": true, "
                                                    + "\"pattern\": \"HEPATOCELLULAR\", \"quadrant\": \"POTENTIAL_HYS_LAW\"}], \"page\": 0, "
                                                    + "\"size\": 100, \"totalItems\": 1, \"totalPages\": 1}")))
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter, or page or size out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Researchers and reporters: the table shows cases one by one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LiverPeaks.Table list(@Valid @BeanParam StatsPage paging) {
        return peaks.page(paging.request());
    }
}
