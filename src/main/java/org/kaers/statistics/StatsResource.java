package org.kaers.statistics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kaers.common.PageParams;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.Problem;
import org.kaers.common.Violation;
import org.kaers.security.Roles;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReportFilters;
import org.kaers.statistics.model.StatsPage;

/** Researcher statistics: de-identified case counts. */
@Path("/api/v1/stats")
@Tag(name = "Statistics", description = "De-identified case counts for researchers, protected by the cell key method.")
public class StatsResource {

    static final String CSV = org.kaers.common.Csv.MEDIA_TYPE;
    static final String NDJSON = org.kaers.common.Exports.NDJSON;
    /** Trends and summaries take no page (the page of their request is not read). */
    private static final PageRequest SUMMARY_PAGE = new PageRequest(0, StatsPage.DEFAULT_SIZE);

    private final StatsService service;
    private final TrendService trends;
    private final LineListing listing;
    private final org.kaers.statistics.disclosure.Disclosure disclosure;
    private final StatsExports exports;
    private final LineListingExport listingExport;

    StatsResource(
            StatsService service,
            TrendService trends,
            LineListing listing,
            org.kaers.statistics.disclosure.Disclosure disclosure,
            StatsExports exports,
            LineListingExport listingExport) {
        this.exports = exports;
        this.listingExport = listingExport;
        this.service = service;
        this.trends = trends;
        this.listing = listing;
        this.disclosure = disclosure;
    }

    @GET
    @Path("/protection")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(
            operationId = "perturbationTable",
            summary = "The published perturbation table",
            description = "How researchers' numbers are protected (cell key method): every case has a permanent random "
                    + "key (never released); a cell's key is the sum of its cases' keys modulo 2^32; the released value "
                    + "of a cell with true value v and key k is the row of v whose key range holds k. Values from 1 to "
                    + "the threshold are never released (they become 0, or threshold + 1 to + 3); above the cap, the row of the "
                    + "cap applies shifted (v-3 .. v+3). "
                    + "The same for every caller; reviewers and administrators receive exact counts.")
    @APIResponse(
            responseCode = "200",
            description = "The table.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = org.kaers.statistics.disclosure.PublishedTable.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "value,released,probability,cell_key_from,cell_key_to\n0,0,336/336,0,4294967295\n1,0,288/336,0,3681400538\n"))
            })
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response perturbationTable(@Context HttpHeaders headers) {
        if (org.kaers.common.Csv.requested(headers)) {
            return org.kaers.common.Csv.response(disclosure.table().csv());
        }
        return Response.ok(
                        org.kaers.statistics.disclosure.PublishedTable.of(disclosure.table()),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/line-listing")
    @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Operation(
            operationId = "lineListing",
            summary = "De-identified line listing (reviewers and administrators)",
            description = "Not served to researchers: a row per case is what every disclosure attack needs, and over "
                    + "its quasi-identifiers (age group, sex, country, months, products, symptoms) most kratom cases are "
                    + "unique, so k-anonymity would leave little; researchers build tables with /stats/counts instead. "
                    + "One row per counted case (latest version, not nullified), in a stable order: coded terms and "
                    + "organ classes, canonical products, substances and forms, seriousness and criteria, outcomes, "
                    + "age group, sex, month of onset and of receipt, country, source; the poison-centre codes exposure "
                    + "reason, chronicity and site, care level, NPDS medical outcome, treatment codes given (no doses) and "
                    + "causality (PROBABLE_OR_BETTER). Never: case numbers, exact "
                    + "dates or ages, verbatims or reported product names (free text), narrative, reporter or patient "
                    + "details, the centre's reference, times, amounts, vital signs, toxicology. Filters (any of the "
                    + "comma-separated values; all filters must match): product, "
                    + "substance, productForm, symptom, organClass, criterion, serious, ageGroup, sex, country, source, "
                    + "exposureReason, exposureChronicity, exposureSite, careLevel, medicalOutcome, causality, treatment. "
                    + "Read from the statistics aggregates: as fresh as they are (see /stats/aggregates). "
                    + "With Accept: text/csv or application/x-ndjson the answer is the whole listing (no page or size), "
                    + "streamed from a database cursor in constant memory and read in one snapshot: the "
                    + "KAERS-Data-Version header and the last column of every row give its data version.")
    @APIResponse(
            responseCode = "200",
            description = "A page of rows (JSON), or every row (CSV, NDJSON).",
            headers =
                    @org.eclipse.microprofile.openapi.annotations.headers.Header(
                            name = "KAERS-Data-Version",
                            description = "CSV and NDJSON: the data version of the rows."),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageResponse.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "row,receivedMonth,onsetMonth,products,substances,productForms,symptoms,symptomNames,organClasses,serious,criteria,outcomes,ageGroup,sex,country,source,data_version\n"
                                                        + "1,2026-03,2026-02,Maeng Da kratom,KRATOM,POWDER,KT0031,Seizure,NERVOUS_SYSTEM,true,HOSPITALIZATION,RECOVERED,ADULT,FEMALE,US,DIRECT,1873\n")),
                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Researchers and reporters: the listing shows cases one by one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response lineListing(
            @Valid @BeanParam PageParams paging,
            @BeanParam CaseFilters cases,
            @BeanParam CodedFilters coded,
            @Parameter(
                            example = "NALOXONE",
                            description =
                                    "Treatment codes (comma-separated, any of them) in the case's latest version: "
                                            + "NALOXONE, BENZODIAZEPINE, INTUBATION_VENTILATION, N_ACETYLCYSTEINE, ACTIVATED_CHARCOAL, "
                                            + "VASOPRESSORS, IV_FLUIDS, ANTIEMETIC, OXYGEN, BUPRENORPHINE, CPR, OTHER; another code "
                                            + "is a 400 listing them.",
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam(LineListing.TREATMENT)
                    String treatment,
            @Context HttpHeaders headers) {
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        PageRequest page = paging.request(format);
        if (format != org.kaers.common.Exports.Format.JSON) {
            LineListingExport.refuseTreatment(treatment);
            return listingExport.export(LineListing.filters(cases, coded), format);
        }
        List<String> treatments = LineListing.treatments(treatment);
        return Response.ok(
                        listing.page(LineListing.filters(cases, coded), treatments, page), MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @Path("/summary")
    @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
    @Operation(
            operationId = "summarise",
            summary = "Profile of a product or substance",
            description =
                    "Cases, serious cases and share, the 10 most reported symptoms, outcomes, seriousness criteria, "
                            + "age groups and sexes of the cases with the product or substance (and any other statistics filters). "
                            + "Same counting rule and small-cell protection as the counts.")
    @APIResponse(
            responseCode = "200",
            description = "The profile.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = SummaryResponse.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "section,key,label,count,share,data_version\ncases,total,,1534,,1873\ncases,serious,,812,,1873\n"
                                                        + "cases,seriousShare,,,0.529,1873\ntopSymptoms,KT0031,Seizure,96,,1873\n")),
                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "No product or substance, or an unknown parameter or value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response summary(
            @BeanParam CaseFilters cases,
            @BeanParam ReportFilters reports,
            @BeanParam CodedFilters coded,
            @BeanParam CountOnlyFilters countOnly,
            @Context HttpHeaders headers) {
        List<Violation> violations = new ArrayList<>();
        if (coded.product() == null && coded.substance() == null) {
            violations.add(Violation.query("substance", "give a substance (or a product) to summarise"));
        }
        CountRequest filters = StatsRequests.request(
                null, false, StatsRequests.Raw.of(cases, reports, coded, countOnly), SUMMARY_PAGE, violations);
        SummaryResponse summary = service.summary(filters);
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        return format == org.kaers.common.Exports.Format.JSON
                ? Response.ok(summary, MediaType.APPLICATION_JSON).build()
                : exports.summary(summary, format);
    }

    @GET
    @Path("/trends")
    @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
    @Operation(
            operationId = "caseTrend",
            summary = "Cases per month, quarter or year",
            description =
                    "Counts cases per period of receipt (date=received, the default) or of onset (date=onset: the "
                            + "earliest reaction onset; cases without one are counted as missing), with the same filters and "
                            + "counting rule as the counts. Every period, the missing count and the total are released through the "
                            + "cell key method (meta.protection; quarters and years are cells of their own); periods released as "
                            + "0 are not listed.")
    @APIResponse(
            responseCode = "200",
            description = "The series.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = TrendResponse.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "interval,date,period,start,count,suppressed,data_version\nMONTH,received,2026-03,2026-03-01,17,false,1873\n"
                                                        + "MONTH,received,total,,17,false,1873\n")),
                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter or value.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response trend(
            @Valid @BeanParam TrendParams period,
            @BeanParam CaseFilters cases,
            @BeanParam ReportFilters reports,
            @BeanParam CodedFilters coded,
            @BeanParam CountOnlyFilters countOnly,
            @Context HttpHeaders headers) {
        CountRequest request = StatsRequests.request(
                null, false, StatsRequests.Raw.of(cases, reports, coded, countOnly), SUMMARY_PAGE, new ArrayList<>());
        TrendResponse trend = trends.trend(request, period.period(), period.onset());
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        return format == org.kaers.common.Exports.Format.JSON
                ? Response.ok(trend, MediaType.APPLICATION_JSON).build()
                : exports.trend(trend, format);
    }

    @GET
    @Path("/counts")
    @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
    @Operation(
            operationId = "countCases",
            summary = "Count cases by one or two dimensions",
            description = "Counts cases, not rows: a case counts once per distinct group key (a case with two kratom "
                    + "products and three reactions counts once in each product x symptom pair). Only the latest "
                    + "version of each case counts; nullified cases never count. Filters: any dimension name as a "
                    + "parameter with one or more comma-separated values (a case matches when it has any of them), "
                    + "and receivedFrom/receivedTo (UTC days, inclusive). For researchers every group, missing count and "
                    + "total is released through the cell key method (meta.protection): the same cases always give the "
                    + "same number, and no count from 1 to meta.smallCellThreshold is ever released (it becomes 0, and "
                    + "groups released as 0 are not listed, or threshold + 1). Free texts (verbatim, productName) appear, "
                    + "and are accepted as filters, only when they occur in at least meta.protection.freeTextMinimumCases "
                    + "cases. Reviewers and administrators receive exact counts. "
                    + "Sorted by released count, then key; all groups are reachable through page/size (up to 1000 a page). "
                    + "JSON by default, CSV with Accept: text/csv, NDJSON with Accept: application/x-ndjson: every group "
                    + "(all pages, the same rows in the same order, through the same disclosure model; with page or size, "
                    + "that page only), streamed, its data version and rows read in one snapshot; the KAERS-Data-Version "
                    + "header and the last field of every row give the data version (the release's for researchers).")
    @APIResponse(
            responseCode = "200",
            description = "The counts.",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = CountResponse.class)),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "substance,substance_label,count,suppressed,data_version\nKRATOM,,42,false,1873\nALCOHOL,,6,false,1873\n")),
                @Content(
                        mediaType = NDJSON,
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                                @ExampleObject(
                                        name = "ndjson",
                                        value =
                                                "{\"substance\":\"KRATOM\",\"substance_label\":null,\"count\":42,\"suppressed\":false,\"dataVersion\":1873}\n"))
            })
    @APIResponse(
            responseCode = "400",
            description = "Unknown parameter, dimension or value; the message lists what is allowed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({Roles.RESEARCHER, Roles.REVIEWER, Roles.ADMIN})
    public Response counts(
            @Parameter(
                            required = true,
                            example = "substance,symptom",
                            description = "One or two of: product, substance, productForm, productName, productRole, "
                                    + "symptom, organClass, verbatim, outcome, criterion, sourceOutcome (the source's own "
                                    + "outcome list as reported, e.g. CAERS's VISITED AN ER), serious, ageGroup, sex, "
                                    + "reporterQualification, country, source, the poison-centre codes exposureReason, "
                                    + "exposureChronicity, exposureSite, careLevel, medicalOutcome (NPDS), and causality "
                                    + "(PROBABLE_OR_BETTER when a current WHO-UMC assessment of the case is CERTAIN or "
                                    + "PROBABLE).",
                            schema = @Schema(type = SchemaType.STRING))
                    @QueryParam("by")
                    String by,
            @Valid @BeanParam StatsPage paging,
            @BeanParam CaseFilters cases,
            @BeanParam ReportFilters reports,
            @BeanParam CodedFilters coded,
            @BeanParam CountOnlyFilters countOnly,
            @Context HttpHeaders headers) {
        CountRequest request = StatsRequests.request(
                by, true, StatsRequests.Raw.of(cases, reports, coded, countOnly), paging.request(), new ArrayList<>());
        org.kaers.common.Exports.Format format = org.kaers.common.Exports.format(headers);
        if (format != org.kaers.common.Exports.Format.JSON && !paging.given()) {
            return exports.allCounts(request, format);
        }
        CountResponse counts = service.counts(request);
        return format == org.kaers.common.Exports.Format.JSON
                ? Response.ok(counts, MediaType.APPLICATION_JSON).build()
                : exports.counts(counts, format);
    }
}
