package org.kaers.statistics;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.common.Violation;
import org.kaers.security.PublicApi;
import org.kaers.statistics.disclosure.Disclosure;

/** The public tier: coarse, rounded statistics of the latest release for anyone, without a token. */
@Path(PublicApi.PREFIX + "stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Public statistics",
        description = "For anyone, without a token (as VigiAccess and openFDA serve the "
                + "public): one coarse dimension at a time, no filters, counts of the latest release rounded to 10.")
@PermitAll
public class PublicStatsResource {

    private static final String OFFERED =
            Disclosure.PUBLIC_DIMENSIONS.stream().map(Dimension::code).collect(Collectors.joining(", "));

    private final PublicStats stats;

    PublicStatsResource(PublicStats stats) {
        this.stats = stats;
    }

    @GET
    @Path("/counts")
    @Operation(
            operationId = "publicCounts",
            summary = "Public case counts by one coarse dimension",
            description = "Cases of the latest statistics release by one of substance, organClass, criterion, serious, "
                    + "ageGroup, sex; no token, no filters, no paging. Each count is the value a researcher gets for "
                    + "the same cell of the same release (GET /api/v1/stats/counts?by=...), rounded to the nearest "
                    + "multiple of 10 (halves up); values a researcher gets below 10 are not listed. Rate-limited per "
                    + "client address.")
    @APIResponse(
            responseCode = "200",
            description = "The public table.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PublicCountResponse.class),
                            examples = @ExampleObject(name = "organClass", value = """
                    {"by": "organClass", "results": [
                      {"key": "GASTROINTESTINAL", "label": "Gastrointestinal disorders", "count": 1230},
                      {"key": "NERVOUS_SYSTEM", "label": "Nervous system disorders", "count": 870},
                      {"key": "HEPATOBILIARY", "label": "Hepatobiliary disorders", "count": 40}],
                     "totalCases": 2410,
                     "meta": {"release": {"id": 42, "cutAt": "2026-12-01T03:00:00Z", "dataVersion": 1873},
                              "roundingBase": 10, "minimum": 10,
                              "protection": "Each count is the value researchers get for the same cases of the same release (cell key method), rounded to the nearest multiple of 10; ...",
                              "caution": "Spontaneous reports cannot establish that a product caused a reaction, ..."}}""")))
    @APIResponse(
            responseCode = "400",
            description = "by missing or not one of the public dimensions, or another " + "parameter.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "not public", value = """
                            {"type": "https://kaers.org/problems/validation", "title": "Invalid request", "status": 400,
                             "detail": "the request has invalid values", "instance": "/api/v1/public/stats/counts",
                             "violations": [{"field": "by", "in": "query", "message": "must be one of substance, organClass, criterion, serious, ageGroup, sex"}]}""")))
    @APIResponse(
            responseCode = "404",
            description = "No release has been cut yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "Too many requests from this address (Retry-After).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PublicCountResponse counts(
            @Parameter(
                            required = true,
                            description = "One of substance, organClass, " + "criterion, serious, ageGroup, sex.",
                            example = "organClass",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {
                                                "substance",
                                                "organClass",
                                                "criterion",
                                                "serious",
                                                "ageGroup",
                                                "sex"
                                            }))
                    @QueryParam("by")
                    String by) {
        return stats.counts(publicDimension(by));
    }

    /** The public dimension {@code by} names, or a 400 naming {@code by}. */
    private static Dimension publicDimension(String code) {
        String message;
        if (code == null) {
            message = "is required";
        } else if (code.isBlank()) {
            message = "must not be blank";
        } else if (code.strip().length() > 40) {
            message = "must be at most 40 characters";
        } else {
            Dimension by = Dimension.byCode(code.strip());
            if (by != null && Disclosure.PUBLIC_DIMENSIONS.contains(by)) {
                return by;
            }
            message = "must be one of " + OFFERED;
        }
        throw ApiProblem.invalid(Violation.query("by", message));
    }
}
