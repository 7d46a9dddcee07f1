package org.kaers.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
import org.kaers.common.PageParams;
import org.kaers.common.PageResponse;
import org.kaers.common.Problem;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.NullificationRequest;
import org.kaers.report.model.VersionNumbers;
import org.kaers.security.Roles;

/** Clinician intake: submit, follow up, nullify, read and list case reports. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Case reports", description = "Clinician intake: submit, follow up, nullify, read and list case reports.")
public class ReportResource {

    private static final String CASE_NUMBER_DOC = "Case number returned at submission.";

    private final CaseReportService service;
    private final CaseReads reads;
    private final CaseNullification nullification;

    private final org.kaers.common.PublicUrls urls;
    private final org.kaers.common.SnapshotExports exports;

    private final jakarta.validation.Validator validator;

    ReportResource(
            CaseReportService service,
            CaseReads reads,
            CaseNullification nullification,
            org.kaers.common.PublicUrls urls,
            jakarta.validation.Validator validator,
            org.kaers.common.SnapshotExports exports) {
        this.exports = exports;
        this.urls = urls;
        this.service = service;
        this.reads = reads;
        this.nullification = nullification;
        this.validator = validator;
    }

    @POST
    @Path("/derived-preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "previewDerivedFields",
            summary = "Preview the derived fields of a draft case",
            description = "What the service would derive (seriousness, ICH age group, R ratio, liver-injury pattern, "
                    + "Hy's law, time to onset) if this draft were stored, computed by the same classes as a stored "
                    + "version. Nothing is stored or coded. The draft may be incomplete: no field is required, but "
                    + "each value given must pass its field's rule (400 naming each one otherwise); an age without "
                    + "its unit or a lab without value or upper limit is left out of the derivation. The report "
                    + "form calls it as fields change.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportRequest.class),
                            examples = @ExampleObject(name = "draft with liver labs", value = ReportExamples.DRAFT)))
    @APIResponse(
            responseCode = "200",
            description = "The derived fields of the draft.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DerivedPreview.class),
                            examples = @ExampleObject(name = "derived", value = ReportExamples.DERIVED_PREVIEW)))
    @APIResponse(
            responseCode = "400",
            description =
                    "A value given breaks its field's rule, or the body is not a " + "case report; nothing is derived.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid value", value = ReportExamples.DRAFT_PROBLEM)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public DerivedPreview derivedPreview(CaseReportRequest draft) {
        return DerivedPreview.of(draft, validator);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "submitReport",
            summary = "Submit a case report",
            description = "Stores a new case as version 1 and returns it with its case number and derived fields. "
                    + "With an Idempotency-Key, a retry with the same key and body returns the original response "
                    + "(header Idempotent-Replayed: true) and stores nothing; the same key with another body is 422. "
                    + "The case is queued for duplicate screening with it and screened in the background (about a "
                    + "second later): the answer names no duplicate suspects; reviewers find them in GET "
                    + "/api/v1/duplicates?caseNumber=..., and POST /api/v1/duplicates/screening/catch-up screens the "
                    + "queue now.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportRequest.class),
                            examples = {
                                @ExampleObject(name = "liver injury", value = ReportExamples.CASE_REPORT),
                                @ExampleObject(name = "poison centre", value = ReportExamples.POISON_CENTRE_REPORT)
                            }))
    @APIResponse(
            responseCode = "201",
            description = "Stored.",
            headers = {
                @Header(name = "Location", description = "URL of the case."),
                @Header(name = "ETag", description = "Version of the case, for If-Match on follow-ups.")
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportView.class),
                            examples = @ExampleObject(name = "stored", value = ReportExamples.CASE_VIEW)))
    @APIResponse(
            responseCode = "400",
            description = "The report is invalid; nothing was stored.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid", value = ReportExamples.VALIDATION_PROBLEM)))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for a different request.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "key reused", value = ReportExamples.IDEMPOTENCY_PROBLEM)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response submit(
            @Valid @NotNull CaseReportRequest report,
            @Parameter(description = "Client-chosen key (1-200 visible ASCII characters) that makes retries safe.")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Context UriInfo uri) {
        CaseReportService.Stored stored = service.submitReport(report, idempotencyKey, uri.getPath());
        return created(stored, uri);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, org.kaers.common.Csv.MEDIA_TYPE, org.kaers.common.Exports.NDJSON})
    @Operation(
            operationId = "listReports",
            summary = "List case reports",
            description = "Cases at their latest version, newest first (ties by id), with totals. "
                    + "Unknown parameters and unparseable values are 400." + org.kaers.common.Exports.WHOLE_LIST
                    + " Reporters export their own cases only, as they list them.")
    @APIResponse(
            responseCode = "200",
            description = "A page of case summaries (JSON), or every case (CSV, NDJSON).",
            headers =
                    @Header(name = "KAERS-Data-Version", description = "CSV and NDJSON: the data version of the rows."),
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
                                                        implementation = CaseSummary.class))),
                @Content(
                        mediaType = org.kaers.common.Csv.MEDIA_TYPE,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ReportExamples.CASE_LIST_CSV)),
                @Content(mediaType = org.kaers.common.Exports.NDJSON, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or invalid value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response list(
            @Valid @BeanParam CaseListParams filters,
            @Valid @BeanParam PageParams paging,
            @Context jakarta.ws.rs.core.HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        CaseFilter filter = filters.filter();
        var page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            return exports.pages(
                    format,
                    "reports",
                    CaseSummary.class,
                    p -> reads.list(filter, p).items());
        }
        return Response.ok(reads.list(filter, page), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{caseNumber}")
    @Operation(operationId = "getReport", summary = "Read a case at its latest version")
    @APIResponse(
            responseCode = "200",
            description = "The case.",
            headers = @Header(name = "ETag", description = "Latest version, for If-Match."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportView.class),
                            examples = @ExampleObject(name = "case", value = ReportExamples.CASE_VIEW)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "unknown", value = ReportExamples.NOT_FOUND_PROBLEM)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response get(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber) {
        CaseReportView view = reads.latest(caseNumber);
        return Response.ok(view)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version())))
                .build();
    }

    @GET
    @Path("/{caseNumber}/versions")
    @Operation(
            operationId = "listReportVersions",
            summary = "List the versions of a case",
            description = "Oldest first.")
    @APIResponse(
            responseCode = "200",
            description = "The versions.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = VersionSummary.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public List<VersionSummary> versions(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber) {
        return reads.history(caseNumber);
    }

    @GET
    @Path("/{caseNumber}/versions/{version}")
    @Operation(
            operationId = "getReportVersion",
            summary = "Read one version of a case",
            description = "Every version stays readable and unchanged.")
    @APIResponse(
            responseCode = "200",
            description = "The case at that version.",
            headers = @Header(name = "ETag", description = "The version shown."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case or version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response version(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Parameter(
                            description = "Version number, from 1.",
                            example = "1",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
                    @PathParam("version")
                    String version) {
        CaseReportView view = reads.read(caseNumber, VersionNumbers.parse(version));
        return Response.ok(view)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version())))
                .build();
    }

    @POST
    @Path("/{caseNumber}/follow-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "submitFollowUp",
            summary = "Submit a follow-up or amendment",
            description = "The body is the complete case as it now stands; it becomes the next version. "
                    + "If-Match must carry the ETag of the latest version (428 without it, 412 when stale). "
                    + "Earlier versions stay readable and unchanged. Idempotency-Key works as on submission; so does "
                    + "duplicate screening (in the background, after the answer).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportRequest.class),
                            examples = @ExampleObject(name = "follow-up", value = ReportExamples.CASE_REPORT)))
    @APIResponse(
            responseCode = "201",
            description = "The new version.",
            headers = {
                @Header(name = "Location", description = "URL of the new version."),
                @Header(name = "ETag", description = "The new version.")
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The report is invalid; nothing was stored.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The case is nullified.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "nullified", value = ReportExamples.NULLIFIED_PROBLEM)))
    @APIResponse(
            responseCode = "412",
            description = "If-Match does not name the latest version.",
            headers = @Header(name = "ETag", description = "The latest version."),
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(name = "stale", value = ReportExamples.PRECONDITION_FAILED_PROBLEM)))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for a different request.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "If-Match is missing.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples =
                                    @ExampleObject(
                                            name = "missing",
                                            value = ReportExamples.PRECONDITION_REQUIRED_PROBLEM)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response followUp(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Parameter(description = "ETag of the latest version, e.g. \"1\".", required = true, example = "\"1\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(description = "Client-chosen key (1-200 visible ASCII characters) that makes retries safe.")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Parameter(
                            description = "FOLLOW_UP (new information, the default) or AMENDMENT (a correction).",
                            schema =
                                    @Schema(
                                            enumeration = {"FOLLOW_UP", "AMENDMENT"},
                                            defaultValue = "FOLLOW_UP"))
                    @jakarta.ws.rs.QueryParam("type")
                    String type,
            @Valid @NotNull CaseReportRequest report,
            @Context UriInfo uri) {
        CaseReportService.Stored stored =
                service.followUp(caseNumber, ifMatch, VersionNumbers.followUpType(type), report, idempotencyKey);
        return created(stored, uri);
    }

    @POST
    @Path("/{caseNumber}/nullification")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "nullifyReport",
            summary = "Nullify a case",
            description = "Voids the whole case, irreversibly: it stays readable, marked NULLIFIED, takes no more "
                    + "versions and never counts in statistics. A second nullification is 409. "
                    + "If-Match is optional; when sent it must name the latest version.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NullificationRequest.class),
                            examples = @ExampleObject(name = "duplicate", value = ReportExamples.NULLIFICATION)))
    @APIResponse(
            responseCode = "200",
            description = "The nullified case.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaseReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request; nothing changed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already nullified.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "nullified", value = ReportExamples.NULLIFIED_PROBLEM)))
    @APIResponse(
            responseCode = "412",
            description = "If-Match does not name the latest version.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    public Response nullify(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber,
            @Parameter(description = "Optional ETag of the latest version.", example = "\"2\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull NullificationRequest request) {
        CaseReportView view = nullification.nullify(caseNumber, request, ifMatch);
        return Response.ok(view)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version())))
                .build();
    }

    private Response created(CaseReportService.Stored stored, UriInfo uri) {
        CaseReportView view = stored.view();
        // case numbers are [A-Z0-9-]: URL-safe as they are
        String location = urls.of(
                "/api/v1/reports/" + view.caseNumber() + (view.version() == 1 ? "" : "/versions/" + view.version()));
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, location)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version())))
                .entity(view);
        if (stored.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
