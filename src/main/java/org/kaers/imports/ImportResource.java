package org.kaers.imports;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.security.Caller;
import org.kaers.security.Roles;

/** Imports of public adverse-event data, as jobs. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Imports",
        description = "Load public adverse-event data through the same derivations and coding as submitted reports.")
public class ImportResource {

    private static final String CSV = "text/csv";
    private static final String JOB_EXAMPLE = """
            {"id": "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77", "state": "RUNNING", "layout": "CAERS_2004_2017",
             "createdBy": "admin@fda-data.example", "createdAt": "2026-12-01T20:00:00Z", "startedAt": "2026-12-01T20:00:01Z",
             "finishedAt": null, "bytes": 19046541, "rowsTotal": 90786, "reportsTotal": 64517, "rowsRead": 45200,
             "reportsRead": 32100, "reportsStored": 32000, "reportsUnchanged": 0, "reportsUpdated": 12,
             "reportsRejected": 3, "rowsRejected": 1, "dataQualityProblems": 47, "lastReport": "2011-CFS-004512",
             "cancelRequested": false, "rowsPerSecond": 3150.5, "estimatedSecondsLeft": 14, "detail": null,
             "problems": [{"line": 9, "reportNumber": "2004-CFS-000123", "reason": "expected 12 fields, found 11"}]}""";

    private final ImportJobs jobs;
    private final ImportJobStore store;
    private final Caller caller;
    private final long syncMaxBytes;

    ImportResource(
            ImportJobs jobs,
            ImportJobStore store,
            Caller caller,
            @ConfigProperty(name = "kaers.imports.sync-max-size", defaultValue = "4M") MemorySize syncMax) {
        this.jobs = jobs;
        this.store = store;
        this.caller = caller;
        this.syncMaxBytes = syncMax.asLongValue();
    }

    @POST
    @Path("/caers")
    @Consumes(CSV)
    @Operation(
            operationId = "importCaers",
            summary = "Import an FDA CAERS CSV export",
            description = "The body is an FDA food adverse-event export as published, in any of FDA's three layouts "
                    + "(2004-2017 CAERS extract, 2020-2025 CAERS files, 2026 HFCS product-based file), recognised from the "
                    + "header (case, a UTF-8 BOM and the MedRA/MedDRA spelling do not matter). One row per report x product, "
                    + "UTF-8. Each report becomes one case (source CAERS, report number as external id, reporter UNKNOWN), "
                    + "derived and coded like a submission. The body is streamed to disk (no size ceiling beyond the disk).\n\n"
                    + "A body of at most `kaers.imports.sync-max-size` (4 MiB) is imported before the answer: 200 with the "
                    + "summary (and `Location` of its job). A larger one, or any with `Prefer: respond-async`, is accepted "
                    + "at once: 202 with `Location` of the job, whose progress `GET /api/v1/imports/{id}` shows.\n\n"
                    + "Re-importing stores nothing twice: a report stored before is left alone when its content is the "
                    + "same and gets a FOLLOW_UP version when it changed. A row that cannot be read is reported by line "
                    + "number and its report left out; values that break a rule for submissions (an age over 130 years, "
                    + "no suspect product) are kept as reported and listed as data-quality problems of the case.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = CSV,
                            schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "two rows", value = """
                    RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms
                    210345,3/14/2019,3/1/2019,Suspect,KRATOM,54,Vit/Min/Prot/Unconv Diet(Human/Animal),34,Year(s),Male,"HOSPITALIZATION, VISITED AN ER","SEIZURE, VOMITING"
                    210345,3/14/2019,3/1/2019,Concomitant,ALCOHOL,,,34,Year(s),Male,"VISITED AN ER, HOSPITALIZATION","VOMITING, SEIZURE\"""")))
    @Parameter(
            name = "Prefer",
            in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            description = "`respond-async` (RFC 7240) to get 202 and a job whatever the size.",
            example = "respond-async")
    @APIResponse(
            responseCode = "200",
            description = "A small file, imported: what was stored and left out, with reasons.",
            headers = @Header(name = "Location", description = "URL of the import's job."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportSummary.class),
                            examples = @ExampleObject(name = "imported", value = """
                            {"rows": 3, "reports": 2, "imported": 1, "alreadyPresent": 0, "skipped": 1,
                             "problems": [{"line": 3, "reportNumber": "210346", "reason": "date '2019-03-14' is not M/D/YYYY"}],
                             "updated": 0, "dataQualityProblems": 0, "layout": "CAERS_2004_2017",
                             "job": "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77"}""")))
    @APIResponse(
            responseCode = "202",
            description = "A large file (or `Prefer: respond-async`), accepted: the job runs in the background.",
            headers = @Header(name = "Location", description = "URL of the job: GET it for progress."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportJobView.class),
                            examples = @ExampleObject(name = "accepted", value = JOB_EXAMPLE)))
    @APIResponse(
            responseCode = "400",
            description =
                    "The header is none of FDA's layouts; the problem names the columns the closest layout lacks. Nothing is stored.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "not a CAERS file", value = """
                            {"type": "urn:kaers:problem:validation", "title": "Invalid request", "status": 400,
                             "detail": "1 field is invalid", "instance": "urn:uuid:4f0e2d7c-8a43-4b52-9f0c-0d5e3b9f0a11",
                             "violations": [{"field": "body", "in": "body", "message": "the header lacks the CAERS columns CI_Age Unit, CI_Gender (closest layout: 2004-2017 CAERS extract)"}]}""")))
    @RolesAllowed({Roles.ADMIN})
    public Response importCaers(InputStream body, @HeaderParam("Prefer") String prefer) {
        ImportJobs.Accepted job;
        try {
            job = jobs.accept(body, caller.subject());
        } catch (CaersLayout.UnknownLayoutException e) {
            throw ApiProblem.invalid(Violation.body("body", e.getMessage()));
        }
        URI location = URI.create("/api/v1/imports/" + job.id());
        boolean async =
                (prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async"))
                        || job.bytes() > syncMaxBytes;
        if (async) {
            jobs.runLater(job);
            return Response.accepted(store.find(job.id()).orElseThrow())
                    .location(location)
                    .header("Preference-Applied", prefer == null ? null : "respond-async")
                    .build();
        }
        return Response.ok(jobs.runNow(job)).location(location).build();
    }

    @GET
    @Operation(
            operationId = "listImports",
            summary = "The latest import jobs",
            description = "The 100 most recent imports, newest first, each with its state and counts.")
    @APIResponse(
            responseCode = "200",
            description = "Import jobs, newest first.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ImportJobView.class)))
    @RolesAllowed({Roles.ADMIN})
    public List<ImportJobView> list() {
        return store.recent(100);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getImport",
            summary = "An import job: state and progress",
            description = "Rows read, reports stored, unchanged, updated and rejected, data-quality problems, rate, "
                    + "estimated time left and state (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED). A job "
                    + "the service stopped in the middle of is INTERRUPTED and says where it stopped; resume it "
                    + "(POST /api/v1/imports/{id}/resume) to finish it (nothing already stored is stored twice).")
    @APIResponse(
            responseCode = "200",
            description = "The job.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportJobView.class),
                            examples = @ExampleObject(name = "running", value = JOB_EXAMPLE)))
    @APIResponse(
            responseCode = "404",
            description = "No job has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.ADMIN})
    public ImportJobView get(
            @Parameter(description = "Job id (a UUID).", example = "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77")
                    @PathParam("id")
                    String id) {
        return store.find(parse(id)).orElseThrow(() -> unknown(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(
            operationId = "cancelImport",
            summary = "Cancel an import job",
            description =
                    "Asks a queued or running import to stop. It stops after the batch of 500 reports it is storing "
                            + "(what was committed stays: post the file again later to finish it) and becomes CANCELLED. 202 with "
                            + "the job as it now stands; 409 when the job has already ended.")
    @APIResponse(
            responseCode = "202",
            description = "Cancellation requested.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No job has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The job has already ended.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.ADMIN})
    public Response cancel(
            @Parameter(description = "Job id (a UUID).", example = "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77")
                    @PathParam("id")
                    String id) {
        UUID uuid = parse(id);
        ImportJobView job = store.find(uuid).orElseThrow(() -> unknown(id));
        if (job.state() != ImportJobView.State.QUEUED && job.state() != ImportJobView.State.RUNNING) {
            throw new ApiProblem(ProblemType.CONFLICT, "import " + id + " has already ended (" + job.state() + ")");
        }
        store.requestCancel(uuid);
        return Response.accepted(store.find(uuid).orElseThrow()).build();
    }

    @POST
    @Path("/{id}/resume")
    @Operation(
            operationId = "resumeImport",
            summary = "Resume an interrupted or failed import job",
            description = "Continues an INTERRUPTED job (the service stopped while it ran) or a FAILED one (an error "
                    + "stopped it) where its last committed batch left it: the service keeps the job's file until the job "
                    + "succeeds or is cancelled, skips the reports the job already handled and goes on counting in the same "
                    + "job. 202 with the job, QUEUED again (`resumed` counts the resumptions). Reports stored before are "
                    + "never stored twice. When the file is no longer kept (409), post it again: reports already stored "
                    + "are left unchanged.")
    @APIResponse(
            responseCode = "202",
            description = "The job is queued again.",
            headers = @Header(name = "Location", description = "URL of the job: GET it for progress."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportJobView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No job has this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The job is not INTERRUPTED or FAILED, or its file is no longer kept.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "already succeeded", value = """
                            {"type": "urn:kaers:problem:conflict", "title": "Conflict", "status": 409,
                             "detail": "import 3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77 is SUCCEEDED; only an INTERRUPTED or FAILED import can be resumed",
                             "instance": "urn:uuid:4f0e2d7c-8a43-4b52-9f0c-0d5e3b9f0a11"}""")))
    @RolesAllowed({Roles.ADMIN})
    public Response resume(
            @Parameter(description = "Job id (a UUID).", example = "3f1c2a9e-5b7d-4e21-9a0c-6d2f8b1e4c77")
                    @PathParam("id")
                    String id) {
        ImportJobView job = jobs.resume(parse(id));
        return Response.accepted(job)
                .location(URI.create("/api/v1/imports/" + job.id()))
                .build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown(id);
        }
    }

    private static ApiProblem unknown(String id) {
        return ApiProblem.notFound("no import job has the id " + id);
    }
}
