package org.kaers.statistics;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.Problem;
import org.kaers.common.QueryParams;
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
// until their parameters are bound (h15stats)
@org.kaers.common.StrictQueryParameters.Lenient
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
    @Parameter(
            name = "by",
            in = ParameterIn.QUERY,
            required = true,
            description = "One of substance, organClass, " + "criterion, serious, ageGroup, sex.",
            example = "organClass",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"substance", "organClass", "criterion", "serious", "ageGroup", "sex"}))
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
    public PublicCountResponse counts(@Context UriInfo uri) {
        QueryParams q = QueryParams.of(uri.getQueryParameters(), Set.of("by"));
        String code = q.requiredString("by", 40);
        Dimension by = code == null ? null : Dimension.byCode(code);
        if (code != null && (by == null || !Disclosure.PUBLIC_DIMENSIONS.contains(by))) {
            q.reject("by", "must be one of " + OFFERED);
        }
        q.throwIfInvalid();
        return stats.counts(by);
    }
}
