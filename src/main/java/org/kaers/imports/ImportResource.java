package org.kaers.imports;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.security.Roles;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.common.Violation;

/** Imports of public adverse-event data. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports", description = "Load public adverse-event data through the same rules as submitted reports.")
public class ImportResource {

    private static final String CSV = "text/csv";

    private final CaersImporter caers;

    ImportResource(CaersImporter caers) {
        this.caers = caers;
    }

    @POST
    @Path("/caers")
    @Consumes(CSV)
    @Operation(operationId = "importCaers", summary = "Import an FDA CAERS CSV export",
            description = "The body is the CAERS export as published (one row per report x product, UTF-8). Each "
                    + "report becomes one case (source CAERS, report number kept, reporter UNKNOWN) validated, derived "
                    + "and coded like a submission. Re-importing creates no duplicates. A malformed row is reported by "
                    + "line number and its report left out; the rest is imported.")
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
            examples = @ExampleObject(name = "two rows", value = """
                    RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms
                    210345,3/14/2019,3/1/2019,Suspect,KRATOM,54,Vit/Min/Prot/Unconv Diet(Human/Animal),34,Year(s),Male,"HOSPITALIZATION, VISITED AN ER","SEIZURE, VOMITING"
                    210345,3/14/2019,3/1/2019,Concomitant,ALCOHOL,,,34,Year(s),Male,"VISITED AN ER, HOSPITALIZATION","VOMITING, SEIZURE\"""")))
    @APIResponse(responseCode = "200", description = "What was imported and what was left out, with reasons.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportSummary.class)))
    @APIResponse(responseCode = "400", description = "The body is not a CAERS export (its header lacks CAERS columns).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.ADMIN})
    public ImportSummary importCaers(InputStream body) {
        try {
            return caers.importFile(new InputStreamReader(body, StandardCharsets.UTF_8));
        } catch (CaersFile.CaersFormatException e) {
            throw ApiProblem.invalid(Violation.body("body", e.getMessage()));
        }
    }
}
