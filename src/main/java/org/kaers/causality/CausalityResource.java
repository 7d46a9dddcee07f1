package org.kaers.causality;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.causality.model.CausalityRequest;
import org.kaers.causality.model.CausalityView;
import org.kaers.causality.model.RucamResult;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.security.Roles;

/** The reviewer's causality workbench for one case: assess a product x reaction, list the history, read one. */
@Path("/api/v1/reports/{caseNumber}/causality")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Causality",
        description =
                "Reviewers' causality assessments (WHO-UMC, Naranjo, RUCAM 2016), append-only per product x reaction.")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
public class CausalityResource {

    private static final String CASE_NUMBER_DOC = "Case number returned at submission.";
    private static final String PRODUCT_RANGE = "must be between 0 and 49";
    private static final String REACTION_RANGE = "must be between 0 and 99";

    private final CausalityService service;

    CausalityResource(CausalityService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "assessCausality",
            summary = "Assess causality of a product x reaction",
            description = "Assesses one SUSPECT or INTERACTING product x one reaction of the case's latest version. "
                    + "RUCAM items the case answers are computed (time to onset, course after stop from dated labs, "
                    + "age, pregnancy, concomitant products, rechallenge, kratom's published hepatotoxicity); every item "
                    + "left must be answered, or the 400 names each. A second assessment of the same pair is its next "
                    + "version; nothing is overwritten.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CausalityRequest.class),
                            examples = @ExampleObject(name = "liver injury", value = CausalityExamples.REQUEST)))
    @APIResponse(
            responseCode = "201",
            description = "Stored.",
            headers = @Header(name = "Location", description = "URL of the assessment."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CausalityView.class),
                            examples = @ExampleObject(name = "stored", value = CausalityExamples.VIEW)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid; nothing was stored. Names each RUCAM item still to answer.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "items to answer",
                                            value = CausalityExamples.MISSING_ITEMS_PROBLEM)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The case is nullified.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Valid @NotNull CausalityRequest request,
            @Context UriInfo uri) {
        CausalityView view = service.create(caseNumber, request);
        URI location = uri.getBaseUriBuilder()
                .path("api/v1/reports/{caseNumber}/causality/{id}")
                .build(caseNumber, view.id());
        return Response.created(location).entity(view).build();
    }

    @GET
    @Operation(
            operationId = "listCausality",
            summary = "List a case's causality assessments",
            description =
                    "Every version of every assessment of the case, by product, reaction and version; "
                            + "'current' marks each pair's latest. When the case changed since, RUCAM is recomputed on its latest version.")
    @APIResponse(
            responseCode = "200",
            description = "The history, possibly empty.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = CausalityView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CausalityView> list(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber) {
        return service.list(caseNumber);
    }

    @GET
    @Path("/rucam")
    @Operation(
            operationId = "previewRucam",
            summary = "What RUCAM the case gives for a product x reaction",
            description =
                    "The RUCAM items computed from the case's latest version and the items the reviewer must answer; stores nothing.")
    @APIResponse(
            responseCode = "200",
            description = "The items.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RucamResult.class),
                            examples = @ExampleObject(name = "hepatocellular", value = CausalityExamples.RUCAM)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is missing or out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RucamResult preview(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Parameter(
                            description = "Position in report.products.",
                            required = true,
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "49"),
                            example = "0")
                    @QueryParam("productIndex")
                    @NotNull(message = "is required")
                    @Min(value = 0, message = PRODUCT_RANGE)
                    @Max(value = 49, message = PRODUCT_RANGE)
                    Integer product,
            @Parameter(
                            description = "Position in report.reactions.",
                            required = true,
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "99"),
                            example = "0")
                    @QueryParam("reactionIndex")
                    @NotNull(message = "is required")
                    @Min(value = 0, message = REACTION_RANGE)
                    @Max(value = 99, message = REACTION_RANGE)
                    Integer reaction) {
        return service.preview(caseNumber, product, reaction);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "readCausality",
            summary = "Read one causality assessment",
            description =
                    "One version of an assessment; says whether the case has changed since and gives RUCAM recomputed on the latest version.")
    @APIResponse(
            responseCode = "200",
            description = "The assessment.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CausalityView.class),
                            examples = @ExampleObject(name = "assessment", value = CausalityExamples.VIEW)))
    @APIResponse(
            responseCode = "404",
            description = "No such case, or no such assessment of it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CausalityView read(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Parameter(description = "Assessment id.", example = "101") @PathParam("id") String id) {
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("case " + caseNumber + " has no causality assessment " + id);
        }
        return service.read(caseNumber, parsed);
    }
}
