package org.kaers.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.security.Roles;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.common.QueryParams;

/** Signal detection: disproportionality tables and the EBGM prior. */
@Path("/api/v1/signals")
@Tag(name = "Signals", description = "Disproportionality (PRR, ROR, IC, EBGM) of products and reactions, for review.")
public class SignalResource {

    static final String CSV = org.kaers.common.Csv.MEDIA_TYPE;

    private final SignalService service;
    private final PriorStore priors;

    SignalResource(SignalService service, PriorStore priors) {
        this.service = service;
        this.priors = priors;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(operationId = "signalTable", summary = "Disproportionality of one subject against everything else",
            description = "Give exactly one subject: product (canonical id), substance, symptom (term code) or organClass. "
                    + "Each row is one value of `against` (for a product or substance: symptom, the default, or organClass; "
                    + "for a symptom or organ class: product, the default, or substance) with its 2x2 case counts a, b, c, d "
                    + "(statistics counting rule), expected count, PRR with 95% CI, Yates chi-square, ROR with 95% CI, IC with "
                    + "IC025/IC975, EBGM with EB05/EB95 under the current prior, and the screening flags (Evans; ROR025 > 1 "
                    + "with a >= 3; IC025 > 0; EB05 >= 2). Rows whose a is from 1 to the small-cell threshold are withheld "
                    + "whole (any measure with the margins would reveal a). A measure the table does not define is null. "
                    + "meta.dataVersion identifies the data; disproportionality is a hypothesis, not proof of causation.")
    @Parameters({
            @Parameter(name = "substance", in = ParameterIn.QUERY, example = "KRATOM", description = "Subject: a substance code.",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "product", in = ParameterIn.QUERY, description = "Subject: a canonical product id.",
                    schema = @Schema(type = SchemaType.INTEGER)),
            @Parameter(name = "symptom", in = ParameterIn.QUERY, description = "Subject: a term code.", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "organClass", in = ParameterIn.QUERY, description = "Subject: an organ class code.",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "against", in = ParameterIn.QUERY, schema = @Schema(enumeration = {"symptom", "organClass", "product", "substance"})),
            @Parameter(name = "minCases", in = ParameterIn.QUERY, description = "Leave out rows with fewer cases (a).",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1")),
            @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Descending; nulls and withheld rows last.",
                    schema = @Schema(enumeration = {"a", "expected", "prr", "prrLower", "chiSquare", "ror", "rorLower", "ic", "ic025", "ebgm", "eb05"},
                            defaultValue = "eb05")),
            @Parameter(name = "serious", in = ParameterIn.QUERY, description = "Filter, as in statistics; also receivedFrom, "
                    + "receivedTo, ageGroup, sex, reporterQualification, source.", schema = @Schema(type = SchemaType.BOOLEAN)),
            @Parameter(name = "receivedFrom", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "receivedTo", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "page", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")),
            @Parameter(name = "size", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))})
    @APIResponse(responseCode = "200", description = "The table.",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignalViews.Table.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv",
                            value = "key,label,suppressed,a,b,c,d,expected,prr,prr_lower,prr_upper,chi_square,ror,ror_lower,ror_upper,ic,ic025,ic975,ebgm,eb05,eb95,evans,ror_signal,ic_signal,ebgm_signal\n"))})
    @APIResponse(responseCode = "400", description = "No subject or several, an unknown parameter or value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such product, substance, term or organ class.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response table(@Context UriInfo uri, @Context HttpHeaders headers) {
        SignalViews.Table table = service.table(uri.getQueryParameters());
        boolean csv = org.kaers.common.Csv.requested(headers);
        return csv ? org.kaers.common.Csv.response(toCsv(table))
                : Response.ok(table, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/prior")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ebgmPrior", summary = "The current EBGM prior",
            description = "Hyperparameters of the two-gamma mixture, the data version they were fitted on, and fit diagnostics.")
    @APIResponse(responseCode = "200", description = "The prior.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignalViews.PriorView.class)))
    @APIResponse(responseCode = "404", description = "No prior has been fitted yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public SignalViews.PriorView prior(@Context UriInfo uri) {
        QueryParams.of(uri.getQueryParameters(), Set.of()).throwIfInvalid();
        return priors.current().orElseThrow(() -> ApiProblem.notFound("no EBGM prior has been fitted yet"));
    }

    @POST
    @Path("/prior")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "refitEbgmPrior", summary = "Refit the EBGM prior now",
            description = "Fits the prior by maximum likelihood over every product x symptom cell of the current data.")
    @APIResponse(responseCode = "200", description = "The new prior.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignalViews.PriorView.class)))
    @APIResponse(responseCode = "404", description = "Nothing to fit: no case has both a product and a coded symptom.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.ADMIN})
    public SignalViews.PriorView refit(@Context UriInfo uri) {
        QueryParams.of(uri.getQueryParameters(), Set.of()).throwIfInvalid();
        return priors.fit("on request").orElseThrow(() -> ApiProblem.notFound("nothing to fit the prior to"));
    }

    static String toCsv(SignalViews.Table table) {
        List<String> header = List.of("key", "label", "suppressed", "a", "b", "c", "d", "expected", "prr", "prr_lower",
                "prr_upper", "chi_square", "ror", "ror_lower", "ror_upper", "ic", "ic025", "ic975", "ebgm", "eb05",
                "eb95", "evans", "ror_signal", "ic_signal", "ebgm_signal");
        List<List<Object>> rows = new ArrayList<>();
        for (SignalViews.Row r : table.results()) {
            rows.add(java.util.Arrays.asList(r.key(), r.label(), r.suppressed(), r.a(), r.b(), r.c(), r.d(),
                    r.expected(), r.prr().value(), r.prr().lower(), r.prr().upper(), r.chiSquare(), r.ror().value(),
                    r.ror().lower(), r.ror().upper(), r.ic().value(), r.ic().lower(), r.ic().upper(),
                    r.ebgm().value(), r.ebgm().lower(), r.ebgm().upper(), r.signals().evans(), r.signals().ror(),
                    r.signals().ic(), r.signals().ebgm()));
        }
        return org.kaers.common.Csv.write(header, rows);
    }
}
