package org.kaers.openfda;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.kaers.common.PublicUrls;
import org.kaers.security.Roles;

/**
 * openFDA's {@code GET /food/event.json}, at openFDA's path and under {@code /api/v1/openfda}, so that scripts
 * written against api.fda.gov run with only the base URL changed.
 */
@Path("/")
@Tag(name = "openFDA", description = "openFDA-compatible food/event API over the service's cases.")
// openFDA's query contract, not ours: api_key and the like are taken and ignored, FoodEventRequest reads the
// rest and answers openFDA's own errors
@org.kaers.common.StrictQueryParameters.Lenient
public class FoodEventResource {

    static final String OPENFDA_PATH = "/food/event.json";
    static final String V1_PATH = "/api/v1/openfda/food/event.json";

    static final String DESCRIPTION = "openFDA's food/event query contract (api.fda.gov/food/event.json) over "
            + "the counted cases (latest version of each case, never nullified ones). Parameters as openFDA: search "
            + "(Lucene/Elasticsearch query_string syntax: field:term, +AND+, +OR+, a space is OR, NOT, parentheses, "
            + "quoted phrases, inclusive [A+TO+B] and exclusive {A+TO+B} ranges on dates as YYYYMMDD or YYYY-MM-DD, * "
            + "wildcards, _exists_:field, _missing_:field; a term without a field looks in every field; text fields "
            + "match words, .exact fields whole values), count (terms by descending count, each case once per term; "
            + "a date field gives the daily series {time, count}, oldest first, without empty days), limit (default 1, "
            + "100 for counts, at most 1000), skip (at most 25000; not with count or search_after), sort "
            + "(field:asc|desc on date, consumer.* and .exact fields), search_after (from the Link rel=\"next\" header). "
            + "api_key is accepted and ignored; any other parameter is 400. Fields: report_number, date_created, "
            + "date_started, outcomes(.exact), reactions(.exact), consumer.age, consumer.age_unit, consumer.gender, "
            + "products.role(.exact), products.name_brand(.exact), products.industry_code, products.industry_name(.exact). "
            + "Errors in openFDA's shape {error: {code, message}}: no match is 404 NOT_FOUND \"No matches found!\" "
            + "(clients depend on it), a count without terms 404 \"Nothing to count\". Access: records (limit above 0) "
            + "for reviewers and administrators; researchers count and total (limit=0) with the cell key protection "
            + "of /api/v1/stats (meta.disclosure says which applied). What openFDA cannot express (a role and a "
            + "product in the same product element) is /api/v1/stats/counts?by=product,productRole.";

    private final FoodEventService service;
    private final PublicUrls urls;

    FoodEventResource(FoodEventService service, PublicUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    @GET
    @Path(OPENFDA_PATH)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    @Operation(
            operationId = "openFdaFoodEvent",
            summary = "openFDA food/event (openFDA's path)",
            description = DESCRIPTION)
    @Parameters({
        @Parameter(
                name = "search",
                in = ParameterIn.QUERY,
                description = "openFDA search; + is a space.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 2000),
                examples = {
                    @ExampleObject(name = "brand", value = "products.name_brand:kratom"),
                    @ExampleObject(
                            name = "phrase and date range",
                            value = "products.name_brand:\"maeng da\" AND date_created:[20180101 TO 20181231]"),
                    @ExampleObject(name = "deaths", value = "products.name_brand:kratom AND outcomes.exact:\"DEATH\""),
                    @ExampleObject(name = "missing age", value = "_missing_:consumer.age")
                }),
        @Parameter(
                name = "count",
                in = ParameterIn.QUERY,
                description = "Field to count (date fields: daily series).",
                schema = @Schema(type = SchemaType.STRING),
                examples = {
                    @ExampleObject(name = "reactions", value = "reactions.exact"),
                    @ExampleObject(name = "per day", value = "date_created")
                }),
        @Parameter(
                name = "limit",
                in = ParameterIn.QUERY,
                description = "Records (default 1) or terms (default 100); " + "0 gives the total only.",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "1000"),
                example = "100"),
        @Parameter(
                name = "skip",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "25000"),
                example = "100"),
        @Parameter(
                name = "sort",
                in = ParameterIn.QUERY,
                schema = @Schema(type = SchemaType.STRING),
                example = "date_created:desc"),
        @Parameter(
                name = "search_after",
                in = ParameterIn.QUERY,
                description = "As the Link header's next URL " + "gives it.",
                schema = @Schema(type = SchemaType.STRING),
                example = "0=20180314;1=2018-CFS-004512"),
        @Parameter(
                name = "api_key",
                in = ParameterIn.QUERY,
                description =
                        "Accepted and ignored (openFDA's " + "gateway strips it); authenticate with a bearer token.",
                schema = @Schema(type = SchemaType.STRING))
    })
    @APIResponse(
            responseCode = "200",
            description = "Records (with meta.results) or counts.",
            headers =
                    @Header(
                            name = "Link",
                            description = "<next page URL>; rel=\"next\" when there are more records.",
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
                            examples = {
                                @ExampleObject(name = "count", value = """
                            {"meta": {"disclaimer": "Do not rely on openFDA to make decisions regarding medical care. ...",
                              "terms": "https://open.fda.gov/terms/", "license": "https://open.fda.gov/license/",
                              "last_updated": "2026-03-14", "disclosure": {"method": "CELL_KEY", "smallCellThreshold": 5}},
                             "results": [{"term": "VOMITING", "count": 31}, {"term": "SEIZURE", "count": 12}]}"""),
                                @ExampleObject(name = "search", value = """
                                    {"meta": {"disclaimer": "...", "terms": "https://open.fda.gov/terms/",
                                      "license": "https://open.fda.gov/license/", "last_updated": "2026-03-14",
                                      "results": {"skip": 0, "limit": 1, "total": 152}},
                                     "results": [{"report_number": "2018-CFS-004512", "date_created": "20180314",
                                      "date_started": "20180301", "outcomes": ["HOSPITALIZATION", "VISITED AN ER"],
                                      "reactions": ["VOMITING", "SEIZURE"],
                                      "consumer": {"age": "34", "age_unit": "year(s)", "gender": "Male"},
                                      "products": [{"role": "SUSPECT", "name_brand": "MAENG DA KRATOM"}]}]}""")
                            }))
    @APIResponse(
            responseCode = "400",
            description =
                    "openFDA's BAD_REQUEST: an unknown parameter, a bad limit or skip, "
                            + "a search it does not support (characters, syntax, unknown field, bad date), a sort on a text field.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenFdaError.Body.class),
                            examples =
                                    @ExampleObject(
                                            name = "limit",
                                            value = "{\"error\": {\"code\": \"BAD_REQUEST\", \"message\": "
                                                    + "\"Limit cannot exceed 1000 results for search requests. Use the skip or search_after param to "
                                                    + "get additional results.\"}}")))
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
            description = "No match (NOT_FOUND, \"No matches found!\"), or nothing to count.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OpenFdaError.Body.class),
                            examples =
                                    @ExampleObject(
                                            name = "no match",
                                            value =
                                                    "{\"error\": {\"code\": \"NOT_FOUND\", \"message\": \"No matches found!\"}}")))
    @APIResponse(
            responseCode = "429",
            description = "Rate limit (as every path of the service): problem+json with " + "Retry-After.")
    @APIResponse(responseCode = "500", description = "Unexpected failure: problem+json without details.")
    public Response foodEvent(@Context UriInfo uri) {
        return answer(uri, OPENFDA_PATH);
    }

    Response answer(UriInfo uri, String path) {
        FoodEventRequest request = FoodEventRequest.parse(uri.getRequestUri().getRawQuery());
        FoodEventService.Answer answer = service.answer(request, changes -> {
            Map<String, String> params = new LinkedHashMap<>(request.echo());
            params.putAll(changes);
            return urls.of(path) + "?"
                    + params.entrySet().stream()
                            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                            .collect(Collectors.joining("&"));
        });
        Response.ResponseBuilder ok = Response.ok(answer.body(), MediaType.APPLICATION_JSON);
        if (answer.next() != null) {
            ok.header("Link", "<" + answer.next() + ">; rel=\"next\"");
        }
        return ok.build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
