package org.kaers.vocabulary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
import org.kaers.common.PageResponse;
import org.kaers.common.Problem;
import org.kaers.common.QueryText;
import org.kaers.common.Violation;
import org.kaers.security.Roles;

/** Canonical products and substances. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "Canonical products and substances, curation, merging and the review queue.")
public class ProductResource {

    private final ProductService service;

    private final org.kaers.common.SnapshotExports exports;

    ProductResource(ProductService service, org.kaers.common.SnapshotExports exports) {
        this.exports = exports;
        this.service = service;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, org.kaers.common.Csv.MEDIA_TYPE, org.kaers.common.Exports.NDJSON})
    @Path("/products")
    @Operation(
            operationId = "searchProducts",
            summary = "Search canonical products",
            description =
                    "Products that are not merged away, most cases first. q matches any alias (contains or trigram-similar). "
                            + "For reporters and researchers (disclosure control, see /stats/protection): case counts are released "
                            + "through the cell key method, the order is by id, and an uncurated product (named by a reporter's "
                            + "text) is found by q and shown by name only when at least 6 cases name it."
                            + org.kaers.common.Exports.WHOLE_LIST)
    @APIResponse(
            responseCode = "200",
            description = "A page of products (JSON), or every item (CSV, NDJSON).",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        implementation = PageResponse.class,
                                        properties =
                                                @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(
                                                        name = "items",
                                                        type = SchemaType.ARRAY,
                                                        implementation = ProductViews.Summary.class))),
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
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public Response search(
            @Valid @BeanParam ProductSearch filters,
            @Valid @BeanParam PageParams paging,
            @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        String text = filters.q();
        String substance = filters.substance();
        Boolean curated = filters.curated();
        var page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            return exports.pages(
                    format,
                    "products",
                    ProductViews.Summary.class,
                    p -> service.search(text, substance, curated, p).items());
        }
        return Response.ok(service.search(text, substance, curated, page), MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/products/{id}")
    @Operation(
            operationId = "getProduct",
            summary = "Read a product with its aliases, reported names and case count",
            description = "For reporters and researchers: the case count is released through the cell key method, and "
                    + "reported names (with their aliases), like the name of an uncurated product, only when at least 6 "
                    + "cases use them.")
    @APIResponse(
            responseCode = "200",
            description = "The product.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.Detail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such product.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public ProductViews.Detail product(
            @Parameter(example = "1051", schema = @Schema(type = SchemaType.INTEGER)) @PathParam("id") String id) {
        return service.product(parseId(id));
    }

    @PUT
    @Path("/products/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "curateProduct",
            summary = "Curate a product",
            description =
                    "Sets the canonical name, vendor, form and substance, marks the product curated and adds aliases.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.Curation.class),
                            examples = @ExampleObject(name = "curate", value = """
                    {"name": "MIT45 Gold Kratom Extract", "vendor": "MIT45", "form": "LIQUID_EXTRACT", "substance": "KRATOM",
                     "aliases": ["mit 45 gold", "mit45 gold shot"]}""")))
    @APIResponse(
            responseCode = "200",
            description = "The curated product.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.Detail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such product.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The product was merged into another.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public ProductViews.Detail curate(
            @Parameter(example = "1051", schema = @Schema(type = SchemaType.INTEGER)) @PathParam("id") String id,
            @Valid @NotNull ProductViews.Curation request) {
        return service.curate(parseId(id), request);
    }

    @POST
    @Path("/products/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "mergeProduct",
            summary = "Merge a product into another",
            description = "In one transaction: the aliases and reported names move to the surviving product and its "
                    + "case count includes the merged one's. The merged product stays readable with mergedInto set.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.Merge.class),
                            examples =
                                    @ExampleObject(
                                            name = "merge",
                                            value =
                                                    "{\"into\": 1051, \"mergedBy\": \"reviewer@poison-centre.example\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The surviving product.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.Detail.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such product.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already merged.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public ProductViews.Detail merge(
            @Parameter(example = "2101", schema = @Schema(type = SchemaType.INTEGER)) @PathParam("id") String id,
            @Valid @NotNull ProductViews.Merge request) {
        return service.merge(parseId(id), request);
    }

    @GET
    @Path("/products/review-queue")
    @Operation(
            operationId = "productReviewQueue",
            summary = "The product review queue",
            description =
                    "Reported names that became new uncurated products or joined a product by fuzzy match, most cases first.")
    @APIResponse(responseCode = "200", description = "A page of the queue.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid paging.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public PageResponse<ProductViews.ReviewEntry> reviewQueue(@Valid @BeanParam PageParams page) {
        return service.reviewQueue(page.request());
    }

    @GET
    @Path("/products/match")
    @Operation(
            operationId = "previewProductMatch",
            summary = "How a product name would be coded",
            description = "Runs the product coder and substance detector on a name without storing anything.")
    @APIResponse(
            responseCode = "200",
            description = "The coding the name would get.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductViews.MatchPreview.class)))
    @APIResponse(
            responseCode = "400",
            description = "Missing or invalid name.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public ProductViews.MatchPreview match(
            @Parameter(
                            required = true,
                            example = "MAENG DA {KROTAM}",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 300))
                    @QueryParam("name")
                    @NotNull(message = "is required")
                    @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
                    @Size(max = 300, message = "must be at most 300 characters")
                    String name) {
        return service.preview(name);
    }

    @GET
    @Path("/substances")
    @Operation(operationId = "listSubstances", summary = "List substances with their product counts")
    @APIResponse(
            responseCode = "200",
            description = "All substances.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ProductViews.Substance.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public List<ProductViews.Substance> substances() {
        return service.substances();
    }

    private static long parseId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiProblem.invalid(new Violation("id", "path", "must be a positive whole number"));
    }
}
