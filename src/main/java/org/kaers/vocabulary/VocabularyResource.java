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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
import org.kaers.common.PageParams;
import org.kaers.common.PageResponse;
import org.kaers.common.Problem;
import org.kaers.common.QueryText;
import org.kaers.security.Roles;

/** Symptom vocabulary and coding of reaction verbatims. */
@Path("/api/v1/vocabulary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Symptom vocabulary", description = "Symptom terms, organ classes, the coding queue and manual coding.")
public class VocabularyResource {

    private final VocabularyService service;

    private final org.kaers.common.PublicUrls urls;

    VocabularyResource(VocabularyService service, org.kaers.common.PublicUrls urls) {
        this.urls = urls;
        this.service = service;
    }

    @GET
    @Path("/terms")
    @Operation(
            operationId = "searchTerms",
            summary = "Search symptom terms",
            description = "Ranked by the best name of each term: exact match after normalisation (1), prefix (0.9), "
                    + "else trigram similarity. Without q: all terms by name.")
    @APIResponse(responseCode = "200", description = "Matching terms, best first.")
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or invalid value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public PageResponse<VocabularyViews.TermHit> search(
            @Valid @BeanParam TermSearch filters, @Valid @BeanParam PageParams page) {
        return service.search(filters.q(), filters.organClass(), page.request());
    }

    @GET
    @Path("/terms/{code}")
    @Operation(operationId = "getTerm", summary = "Read a symptom term with its synonyms")
    @APIResponse(
            responseCode = "200",
            description = "The term.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.Term.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such term.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public VocabularyViews.Term term(@Parameter(example = "KT0031") @PathParam("code") String code) {
        return service.term(code);
    }

    @POST
    @Path("/terms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "addTerm",
            summary = "Add an uncurated term",
            description =
                    "For a term that reporters or public data use and the curated list lacks (for example a "
                            + "MedDRA name we did not curate). It gets a KU code; uncoded verbatims that its names match exactly are coded to it.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.NewTerm.class),
                            examples = @ExampleObject(name = "new term", value = """
                    {"preferredName": "SEROTONIN SYNDROME", "organClass": "NERVOUS_SYSTEM", "synonyms": ["serotonin toxicity"]}""")))
    @APIResponse(
            responseCode = "201",
            description = "The new term.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.Term.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid, or a name already belongs to a term.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Response addTerm(@Valid @NotNull VocabularyViews.NewTerm request, @Context UriInfo uri) {
        VocabularyViews.Term term = service.addTerm(request);
        String location = urls.of(jakarta.ws.rs.core.UriBuilder.fromPath("/api/v1/vocabulary/terms/{code}")
                .build(term.code())
                .toString());
        return Response.status(Response.Status.CREATED)
                .header("Location", location)
                .entity(term)
                .build();
    }

    @GET
    @Path("/organ-classes")
    @Operation(operationId = "listOrganClasses", summary = "List organ-system classes with their term counts")
    @APIResponse(
            responseCode = "200",
            description = "All organ classes.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = VocabularyViews.OrganClass.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public List<VocabularyViews.OrganClass> organClasses() {
        return service.organClasses();
    }

    @GET
    @Path("/coding-queue")
    @Operation(
            operationId = "codingQueue",
            summary = "The coding queue",
            description = "Normalised verbatims that no term matched, most cases first, with their spellings.")
    @APIResponse(responseCode = "200", description = "A page of the queue.")
    @APIResponse(
            responseCode = "400",
            description = "Invalid paging.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public PageResponse<VocabularyViews.QueueEntry> codingQueue(@Valid @BeanParam PageParams page) {
        return service.codingQueue(page.request());
    }

    @POST
    @Path("/codings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "codeVerbatim",
            summary = "Code a verbatim by hand",
            description = "Applies to every verbatim with the same normalised form, in every case, past and future, "
                    + "in one transaction; recorded in the coding audit with who and when.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.ManualCoding.class),
                            examples = @ExampleObject(name = "manual", value = """
                    {"verbatim": "felt weird", "termCode": "KT0040", "codedBy": "reviewer@poison-centre.example"}""")))
    @APIResponse(
            responseCode = "200",
            description = "What changed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.ManualCodingResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request or unknown term code.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public VocabularyViews.ManualCodingResult code(@Valid @NotNull VocabularyViews.ManualCoding request) {
        return service.codeManually(request);
    }

    @GET
    @Path("/coding-preview")
    @Operation(
            operationId = "previewCoding",
            summary = "How a text would be coded",
            description = "Runs the automatic coder on a text without storing anything.")
    @APIResponse(
            responseCode = "200",
            description = "The coding the text would get.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocabularyViews.CodingPreview.class)))
    @APIResponse(
            responseCode = "400",
            description = "Missing or invalid text.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN})
    public VocabularyViews.CodingPreview preview(
            @Parameter(required = true, example = "fits", schema = @Schema(type = SchemaType.STRING, maxLength = 500))
                    @QueryParam("text")
                    @NotNull(message = "is required")
                    @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
                    @Size(max = 500, message = "must be at most 500 characters")
                    String text) {
        return service.preview(text);
    }
}
