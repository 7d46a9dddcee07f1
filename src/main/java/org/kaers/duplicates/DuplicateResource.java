package org.kaers.duplicates;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.kaers.common.QueryText;
import org.kaers.security.Roles;

/** The reviewers' duplicate queue: pairs found when a case arrived (screened in the background), to confirm or dismiss. */
@Path("/api/v1/duplicates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Duplicates",
        description =
                "Duplicate suspects found by record linkage when a case arrives or changes (submission, follow-up, import); reviewers confirm (nullify one as a DUPLICATE) or dismiss.")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
public class DuplicateResource {

    private static final String MAX_RANGE = "must be between 1 and " + ScreeningWorker.ROUND;

    private static final String EXAMPLE = """
            {"id": 51, "caseNumber": "KAE-2026-000131", "candidateCaseNumber": "KAE-2026-000124", "score": 21.4,
             "status": "OPEN",
             "fields": [{"field": "CENTRE_REFERENCE", "outcome": "MISSING", "weight": 0},
                        {"field": "AGE", "outcome": "MISSING", "weight": 0},
                        {"field": "SEX", "outcome": "AGREE", "weight": 0.66},
                        {"field": "ONSET_DATE", "outcome": "NEAR", "weight": 7.1},
                        {"field": "COUNTRY", "outcome": "AGREE", "weight": 0.1},
                        {"field": "PRODUCTS", "outcome": "AGREE", "weight": 4.2},
                        {"field": "VENDOR", "outcome": "AGREE", "weight": 3.5},
                        {"field": "LOT", "outcome": "MISSING", "weight": 0},
                        {"field": "REACTIONS", "outcome": "AGREE", "weight": 5.84}],
             "foundAt": "2026-03-15T08:00:00Z"}""";

    private final DuplicateService service;
    private final ScreeningWorker worker;

    private final org.kaers.common.SnapshotExports exports;

    DuplicateResource(DuplicateService service, ScreeningWorker worker, org.kaers.common.SnapshotExports exports) {
        this.exports = exports;
        this.service = service;
        this.worker = worker;
    }

    @GET
    @Path("/screening")
    @Operation(
            operationId = "duplicateScreeningState",
            summary = "The duplicate screening queue",
            description = "Every stored version of a case is queued for screening in the transaction that stores it "
                    + "(a submission, follow-up or amendment, an imported case or its update) and screened by a "
                    + "background worker, oldest first, about a second later (after a burst of submissions or an "
                    + "import, once it has settled, at most 5 minutes later): a submission's answer names no "
                    + "suspects; they appear in the duplicate list once its case has left this queue (unless the "
                    + "operator turned kaers.duplicates.screen-at-intake on: then a new submission is screened before "
                    + "its answer).")
    @APIResponse(
            responseCode = "200",
            description = "How many cases wait.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Screening.class),
                            examples =
                                    @ExampleObject(
                                            name = "idle",
                                            value = "{\"pending\": 0, \"failed\": 0, \"oldestQueuedAt\": null}")))
    public DuplicateViews.Screening screening() {
        return service.screeningState();
    }

    @POST
    @Path("/screening/catch-up")
    @Operation(
            operationId = "catchUpDuplicateScreening",
            summary = "Screen every queued case now",
            description =
                    "Screens up to max (default and at most " + ScreeningWorker.ROUND + ") queued cases now, oldest "
                            + "first (waiting for cases the background worker is screening), and answers the queue's "
                            + "state after them (pending is what is left): once it answers pending 0, every case "
                            + "stored before the request has its suspects in the duplicate list.")
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or max out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "200",
            description = "Screened.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Screening.class),
                            examples =
                                    @ExampleObject(
                                            name = "done",
                                            value =
                                                    "{\"pending\": 0, \"failed\": 0, \"oldestQueuedAt\": null, \"screened\": 12}")))
    public DuplicateViews.Screening catchUp(
            @Parameter(
                            description = "Most cases to screen in this request.",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "" + ScreeningWorker.ROUND,
                                            defaultValue = "" + ScreeningWorker.ROUND),
                            example = "200")
                    @QueryParam("max")
                    @Min(value = 1, message = MAX_RANGE)
                    @Max(value = ScreeningWorker.ROUND, message = MAX_RANGE)
                    Integer given) {
        int max = given == null ? ScreeningWorker.ROUND : given;
        int screened = worker.catchUp(max);
        DuplicateViews.Screening state = service.screeningState();
        return new DuplicateViews.Screening(state.pending(), state.failed(), state.oldestQueuedAt(), screened);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, org.kaers.common.Csv.MEDIA_TYPE, org.kaers.common.Exports.NDJSON})
    @Operation(
            operationId = "listDuplicateSuspects",
            summary = "The duplicate-suspect queue",
            description =
                    "Suspect pairs with the given status (OPEN by default), highest weight first (ties by id). A pair is "
                            + "found when either case is screened (submitted, followed up, imported); an open pair is re-weighed "
                            + "when a follow-up changes one of its cases (rescoredAt), a decided pair never changes."
                            + org.kaers.common.Exports.WHOLE_LIST)
    @APIResponse(
            responseCode = "200",
            description = "A page of suspects (JSON), or every item (CSV, NDJSON).",
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
            @Parameter(schema = @Schema(implementation = DuplicateStatus.class, defaultValue = "OPEN"))
                    @QueryParam("status")
                    DuplicateStatus status,
            @Parameter(
                            description = "Only pairs with this case on either side.",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 32),
                            example = "KAE-2026-000124")
                    @QueryParam("caseNumber")
                    @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
                    @Size(max = 32, message = "must be at most 32 characters")
                    String caseNumber,
            @Valid @BeanParam PageParams paging,
            @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        PageRequest page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            return exports.pages(
                    format,
                    "duplicates",
                    DuplicateViews.Suspect.class,
                    p -> service.list(status == null ? DuplicateStatus.OPEN : status, caseNumber, p)
                            .items());
        }
        return Response.ok(
                        service.list(status == null ? DuplicateStatus.OPEN : status, caseNumber, page),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "readDuplicateSuspect", summary = "One duplicate suspect")
    @APIResponse(
            responseCode = "200",
            description = "The suspect.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Suspect.class),
                            examples = @ExampleObject(name = "open", value = EXAMPLE)))
    @APIResponse(
            responseCode = "404",
            description = "No such suspect.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DuplicateViews.Suspect read(
            @Parameter(description = "Suspect id.", example = "51") @PathParam("id") String id) {
        return service.read(parse(id));
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "confirmDuplicate",
            summary = "Confirm a duplicate",
            description =
                    "Nullifies the case not kept (by default the newer) with reason DUPLICATE and duplicateOf the kept case, "
                            + "through the case life cycle; the pair becomes CONFIRMED.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Confirmation.class),
                            examples =
                                    @ExampleObject(
                                            name = "keep the earlier",
                                            value =
                                                    "{\"keep\": \"KAE-2026-000124\", \"comment\": \"Same patient: poison centre and ED reports.\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Confirmed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Suspect.class)))
    @APIResponse(
            responseCode = "400",
            description = "keep names neither case of the pair.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such suspect.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already decided, or the case to nullify is already nullified.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DuplicateViews.Suspect confirm(
            @Parameter(description = "Suspect id.", example = "51") @PathParam("id") String id,
            @Valid DuplicateViews.Confirmation confirmation) {
        return service.confirm(
                parse(id), confirmation == null ? new DuplicateViews.Confirmation(null, null) : confirmation);
    }

    @POST
    @Path("/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "dismissDuplicate",
            summary = "Dismiss a duplicate suspect",
            description = "The two cases are different; nothing else changes.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Dismissal.class),
                            examples =
                                    @ExampleObject(
                                            name = "different patients",
                                            value = "{\"comment\": \"Different patients with the same lot.\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Dismissed.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DuplicateViews.Suspect.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such suspect.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already decided.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DuplicateViews.Suspect dismiss(
            @Parameter(description = "Suspect id.", example = "51") @PathParam("id") String id,
            @Valid DuplicateViews.Dismissal dismissal) {
        return service.dismiss(parse(id), dismissal);
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("no duplicate suspect has the id " + id);
        }
    }
}
