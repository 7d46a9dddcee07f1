package org.kaers.openfda;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.security.Roles;

/** The same food/event API under the service's versioned root ({@code /api/v1/openfda/food/event.json}). */
@Path("/api/v1/openfda")
@Tag(name = "openFDA")
// openFDA's query contract, not ours: api_key and the like are taken and ignored, FoodEventRequest reads the
// rest and answers openFDA's own errors
@org.kaers.common.StrictQueryParameters.Lenient
public class FoodEventV1Resource {

    private final FoodEventResource openFda;

    FoodEventV1Resource(FoodEventResource openFda) {
        this.openFda = openFda;
    }

    @GET
    @Path("/food/event.json")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(
            operationId = "openFdaFoodEventV1",
            summary = "openFDA food/event (under /api/v1)",
            description =
                    "The same as GET /food/event.json (parameters, answers, errors). " + FoodEventResource.DESCRIPTION)
    @Parameters({
        @Parameter(
                name = "search",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.STRING, maxLength = 2000),
                example = "products.name_brand:kratom AND outcomes.exact:\"DEATH\""),
        @Parameter(
                name = "count",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.STRING),
                example = "reactions.exact"),
        @Parameter(
                name = "limit",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000"),
                example = "0"),
        @Parameter(
                name = "skip",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "25000"),
                example = "0"),
        @Parameter(
                name = "sort",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.STRING),
                example = "date_created:asc"),
        @Parameter(
                name = "search_after",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.STRING),
                example = "0=20180314;1=2018-CFS-004512"),
        @Parameter(
                name = "api_key",
                in = ParameterIn.QUERY,
                description = "Accepted and ignored.",
                schema = @Schema(type = SchemaType.STRING))
    })
    @APIResponse(
            responseCode = "200",
            description = "Records (with meta.results) or counts.",
            headers =
                    @Header(
                            name = "Link",
                            description = "<next page URL>; rel=\"next\"",
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            oneOf = {
                                                FoodEventResponses.SearchResponse.class,
                                                FoodEventResponses.CountResponse.class
                                            }),
                            examples = @ExampleObject(name = "total only", value = """
                            {"meta": {"disclaimer": "...", "terms": "https://open.fda.gov/terms/",
                              "license": "https://open.fda.gov/license/", "last_updated": "2026-03-14",
                              "results": {"skip": 0, "limit": 0, "total": 7}}, "results": []}""")))
    @APIResponse(
            responseCode = "400",
            description = "BAD_REQUEST (as GET /food/event.json).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenFdaError.Body.class),
                            examples =
                                    @ExampleObject(
                                            name = "parameter",
                                            value =
                                                    "{\"error\": {\"code\": \"BAD_REQUEST\", \"message\": \"Invalid parameter: page\"}}")))
    @APIResponse(responseCode = "401", description = "No or an invalid bearer token.")
    @APIResponse(
            responseCode = "403",
            description = "Reporters; and researchers asking for records (limit above 0).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenFdaError.Body.class)))
    @APIResponse(
            responseCode = "404",
            description = "NOT_FOUND: no match, or nothing to count.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenFdaError.Body.class)))
    public Response foodEventV1(@Context UriInfo uri) {
        return openFda.answer(uri, FoodEventResource.V1_PATH);
    }
}
