package org.kaers.statistics;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters on coded values (products, substances, forms, terms, organ classes, criteria, country, the
 * poison-centre codes, causality), bound as a {@link BeanParam}: taken by the counts, trends and summaries and the
 * line listing. Each holds one or more comma-separated values (a case matches any of them).
 */
public record CodedFilters(
        @Parameter(
                description = "Canonical product ids (GET /api/v1/products), comma-separated.",
                example = "12",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("product")
        String product,

        @Parameter(
                example = "KRATOM",
                description = "Filter (as every dimension name).",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("substance")
        String substance,

        @Parameter(
                description = "Product forms (POWDER, CAPSULE, ...), comma-separated.",
                example = "POWDER",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("productForm")
        String productForm,

        @Parameter(
                description = "Symptom term codes (GET /api/v1/vocabulary/terms), comma-separated.",
                example = "KT0031",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("symptom")
        String symptom,

        @Parameter(
                description = "Organ class codes (GET /api/v1/vocabulary/organ-classes), comma-separated.",
                example = "NERVOUS_SYSTEM",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("organClass")
        String organClass,

        @Parameter(
                description = "Seriousness criteria, comma-separated.",
                example = "HOSPITALIZATION",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("criterion")
        String criterion,

        @Parameter(
                description = "Countries (ISO 3166-1 alpha-2), comma-separated.",
                example = "US",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("country")
        String country,

        @Parameter(
                description = "Exposure reason (poison-centre field, NPDS codes).",
                example = "INTENTIONAL_ABUSE",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("exposureReason")
        String exposureReason,

        @Parameter(
                description = "Exposure chronicity (poison-centre field).",
                example = "ACUTE_ON_CHRONIC",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("exposureChronicity")
        String exposureChronicity,

        @Parameter(
                description = "Exposure site (poison-centre field).",
                example = "OWN_RESIDENCE",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("exposureSite")
        String exposureSite,

        @Parameter(
                example = "ADMITTED_WARD,ADMITTED_CRITICAL_CARE",
                description = "Level of care (poison-centre field); exposureReason, exposureChronicity, exposureSite "
                        + "and medicalOutcome filter the same way, by their codes.",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("careLevel")
        String careLevel,

        @Parameter(
                description = "Medical outcome on the NPDS scale (poison-centre field).",
                example = "MAJOR",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("medicalOutcome")
        String medicalOutcome,

        @Parameter(
                example = "PROBABLE_OR_BETTER",
                description = "Cases with a current WHO-UMC assessment CERTAIN or PROBABLE.",
                schema = @Schema(type = SchemaType.STRING, enumeration = "PROBABLE_OR_BETTER"))
        @QueryParam("causality")
        String causality) {}
