package org.kaers.signals;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.ApiProblem;
import org.kaers.common.Problem;
import org.kaers.security.Roles;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReportFilters;
import org.kaers.statistics.model.StatsPage;

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
    @Produces({MediaType.APPLICATION_JSON, CSV, org.kaers.common.Exports.NDJSON})
    @Operation(
            operationId = "signalTable",
            summary = "Disproportionality of one subject against everything else",
            description =
                    "Give exactly one subject: product (canonical id), substance, symptom (term code), organClass, "
                            + "productName (a product name as reported) or verbatim (a reaction term as reported: FDA's MedDRA "
                            + "preferred term for imported data). "
                            + "Each row is one value of `against` (for a product or substance: symptom, the default, organClass or "
                            + "verbatim; for a product name: verbatim, the default, symptom or organClass; for a symptom or organ "
                            + "class: product, the default, substance or productName; for a verbatim: productName, the default, "
                            + "product or substance) with its 2x2 case counts a, b, c, d "
                            + "(statistics counting rule), expected count, PRR with 95% CI, Yates chi-square, ROR with 95% CI, IC with "
                            + "IC025/IC975, EBGM with EB05/EB95 under the current prior of the table's level (the as-reported prior, "
                            + "GET /api/v1/signals/prior?against=verbatim, when the reaction side is verbatim; the coded one "
                            + "otherwise; EBGM is null when that prior could not be fitted), and the screening flags (Evans; ROR025 > 1 "
                            + "with a >= 3; IC025 > 0; EB05 >= 2). Rows whose a is from 1 to the small-cell threshold are withheld "
                            + "whole (any measure with the margins would reveal a). A measure the table does not define is null. "
                            + "meta.dataVersion identifies the data; disproportionality is a hypothesis, not proof of causation.")
    @APIResponse(
            responseCode = "200",
            description = "The table.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = SignalViews.Table.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "key,label,suppressed,a,b,c,d,expected,prr,prr_lower,prr_upper,chi_square,ror,ror_lower,ror_upper,ic,ic025,ic975,ebgm,eb05,eb95,evans,ror_signal,ic_signal,ebgm_signal,data_version\n")),
                @Content(mediaType = org.kaers.common.Exports.NDJSON, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "No subject or several, an unknown parameter or value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such product, substance, term or organ class.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response table(
            @Valid @BeanParam SignalParams params,
            @Valid @BeanParam StatsPage paging,
            @BeanParam CaseFilters cases,
            @BeanParam ReportFilters reports,
            @Context HttpHeaders headers) {
        SignalViews.Table table = service.table(params.query(paging.request(), cases, reports));
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        return format == org.kaers.common.Exports.Format.JSON
                ? Response.ok(table, MediaType.APPLICATION_JSON).build()
                : org.kaers.common.Exports.table(
                        format, "signals", table.meta().dataVersion(), CSV_COLUMNS, rows(table));
    }

    @GET
    @Path("/prior")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "ebgmPrior",
            summary = "The current EBGM prior",
            description =
                    "Hyperparameters of the two-gamma mixture at one level, the data version they were fitted on, "
                            + "and fit diagnostics (converged, warnings). against=symptom (the default): canonical product x coded "
                            + "symptom; against=verbatim: product name as reported x reaction term as reported. A row without "
                            + "hyperparameters (fitted false) says why none could be fitted (too little data).")
    @APIResponse(
            responseCode = "200",
            description = "The prior.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SignalViews.PriorView.class)))
    @APIResponse(
            responseCode = "400",
            description = "An unknown parameter or level.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No prior has been fitted yet at that level.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public SignalViews.PriorView prior(@BeanParam PriorParams prior) {
        PriorLevel level = prior.level();
        return priors.current(level)
                .orElseThrow(() -> ApiProblem.notFound("no EBGM prior has been fitted yet at level " + level.code));
    }

    @POST
    @Path("/prior")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "refitEbgmPrior",
            summary = "Refit the EBGM prior now",
            description =
                    "Fits the prior of a level (against=symptom, the default, or verbatim) by maximum likelihood over "
                            + "every cell of that level of the current data. With too little data the stored row has no "
                            + "hyperparameters and says why.")
    @APIResponse(
            responseCode = "200",
            description = "The new prior.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SignalViews.PriorView.class)))
    @APIResponse(
            responseCode = "400",
            description = "An unknown parameter or level.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Nothing to fit: no case has both a product and a reaction of the level.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.ADMIN})
    public SignalViews.PriorView refit(@BeanParam PriorParams prior) {
        PriorLevel level = prior.level();
        return priors.fit(level, "on request").orElseThrow(() -> ApiProblem.notFound("nothing to fit the prior to"));
    }

    static final List<String> CSV_COLUMNS = List.of(
            "key",
            "label",
            "suppressed",
            "a",
            "b",
            "c",
            "d",
            "expected",
            "prr",
            "prr_lower",
            "prr_upper",
            "chi_square",
            "ror",
            "ror_lower",
            "ror_upper",
            "ic",
            "ic025",
            "ic975",
            "ebgm",
            "eb05",
            "eb95",
            "evans",
            "ror_signal",
            "ic_signal",
            "ebgm_signal");

    static List<List<Object>> rows(SignalViews.Table table) {
        List<List<Object>> rows = new ArrayList<>();
        for (SignalViews.Row r : table.results()) {
            rows.add(java.util.Arrays.asList(
                    r.key(),
                    r.label(),
                    r.suppressed(),
                    r.a(),
                    r.b(),
                    r.c(),
                    r.d(),
                    r.expected(),
                    r.prr().value(),
                    r.prr().lower(),
                    r.prr().upper(),
                    r.chiSquare(),
                    r.ror().value(),
                    r.ror().lower(),
                    r.ror().upper(),
                    r.ic().value(),
                    r.ic().lower(),
                    r.ic().upper(),
                    r.ebgm().value(),
                    r.ebgm().lower(),
                    r.ebgm().upper(),
                    r.signals().evans(),
                    r.signals().ror(),
                    r.signals().ic(),
                    r.signals().ebgm()));
        }
        return rows;
    }
}
