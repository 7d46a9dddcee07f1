package org.kaers.fhir;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
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
import org.kaers.common.Problem;
import org.kaers.common.PublicUrls;
import org.kaers.report.model.VersionNumbers;
import org.kaers.security.Roles;

/** Cases as HL7 FHIR R4 Bundles: export any version, submit a Bundle as a new case. */
@Path("/api/v1/fhir/cases")
@Tag(
        name = "FHIR R4",
        description =
                "Cases as HL7 FHIR R4 Bundles (application/fhir+json): AdverseEvent, Patient, "
                        + "Medication, MedicationStatement, Substance, Condition, Observation, Practitioner, PractitionerRole, Organization.")
public class FhirResource {

    private static final String CASE_NUMBER_DOC = "Case number returned at submission.";
    private static final String ACCESS = " Access as for the case read: reporters their own cases (without causality), "
            + "reviewers and administrators every case with the current causality assessments; researchers never "
            + "(a case singles out a patient). A nullified case is exported with every resource entered-in-error "
            + "(the AdverseEvent through the extension adverse-event-status, as R5's AdverseEvent.status).";

    private final FhirService service;
    private final PublicUrls urls;

    FhirResource(FhirService service, PublicUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    @GET
    @Path("/{caseNumber}")
    @Produces(Fhir.MEDIA_TYPE)
    @Operation(
            operationId = "exportFhirCase",
            summary = "A case at its latest version as a FHIR R4 Bundle",
            description = "A Bundle of type collection; README \"FHIR R4\" maps every field." + ACCESS)
    @APIResponse(
            responseCode = "200",
            description = "The Bundle.",
            headers = @Header(name = "ETag", description = "The version exported."),
            content =
                    @Content(
                            mediaType = Fhir.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "bundle", value = FhirExamples.BUNDLE)))
    @APIResponse(
            responseCode = "404",
            description = "No such case (or not the caller's).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response latest(
            @Parameter(description = CASE_NUMBER_DOC, example = "KAE-2026-000123") @PathParam("caseNumber")
                    String caseNumber) {
        return ok(service.export(caseNumber, null));
    }

    @GET
    @Path("/{caseNumber}/versions/{version}")
    @Produces(Fhir.MEDIA_TYPE)
    @Operation(
            operationId = "exportFhirCaseVersion",
            summary = "One version of a case as a FHIR R4 Bundle",
            description = "Every version stays exportable and unchanged." + ACCESS)
    @APIResponse(
            responseCode = "200",
            description = "The Bundle.",
            headers = @Header(name = "ETag", description = "The version exported."),
            content = @Content(mediaType = Fhir.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "400",
            description = "The version is not a whole number from 1.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
        return ok(service.export(caseNumber, VersionNumbers.parse(version)));
    }

    @POST
    @Consumes({Fhir.MEDIA_TYPE, "application/json"})
    @Produces(Fhir.MEDIA_TYPE)
    @Operation(
            operationId = "submitFhirCase",
            summary = "Submit a FHIR R4 AdverseEvent Bundle as a new case",
            description = "The Bundle must hold one AdverseEvent; its subject, recorder, resultingCondition, the "
                    + "MedicationStatements and Observations are read as README \"FHIR R4\" maps them, and the case "
                    + "is then submitted exactly as POST /reports does: the same validation, derivations, coding and "
                    + "Idempotency-Key. Vital signs are read from vital-signs Observations by LOINC code (UCUM units). "
                    + "Causality (AdverseEvent.suspectEntity.causality) is a reviewer's act: from a REVIEWER or ADMIN "
                    + "each becomes a causality assessment of the new case (the product of the suspect entity, the "
                    + "reaction productRelatedness names, the WHO-UMC category), in the same transaction; from a "
                    + "REPORTER it is a 400 naming the element (Bundle.entry[0].resource.suspectEntity[0].causality[0]) "
                    + "and nothing is stored. "
                    + "Errors are problem+json whose violations name the FHIR element (Bundle.entry[2].resource.code.text) "
                    + "and, in the message, the case-report field the rule is about.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = Fhir.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.OBJECT),
                            examples = @ExampleObject(name = "bundle", value = FhirExamples.BUNDLE)))
    @APIResponse(
            responseCode = "201",
            description = "Stored as version 1; the body is the stored case as a Bundle.",
            headers = {
                @Header(name = "Location", description = "URL of the case's FHIR export."),
                @Header(name = "ETag", description = "Version of the case.")
            },
            content = @Content(mediaType = Fhir.MEDIA_TYPE, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "400",
            description = "Not a Bundle, the case or an assessment breaks a rule, or a reporter's "
                    + "Bundle carries causality; nothing was stored.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid", value = FhirExamples.PROBLEM)))
    @APIResponse(
            responseCode = "415",
            description = "Not sent as application/fhir+json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for a different request.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.REPORTER, Roles.REVIEWER, Roles.ADMIN})
    public Response submit(
            String body,
            @Parameter(description = "Client-chosen key (1-200 visible ASCII characters) that makes retries safe.")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        FhirService.Exported stored = service.submit(body, idempotencyKey);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, urls.of("/api/v1/fhir/cases/" + stored.caseNumber()))
                .tag(new EntityTag(String.valueOf(stored.version())))
                .type(Fhir.MEDIA_TYPE)
                .entity(stored.bundle());
        if (stored.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private static Response ok(FhirService.Exported exported) {
        return Response.ok(exported.bundle(), Fhir.MEDIA_TYPE)
                .tag(new EntityTag(String.valueOf(exported.version())))
                .build();
    }
}
