package org.kaers.statistics.model;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters on what a case is (seriousness, age group, sex, source), bound as a {@link BeanParam}: taken by the
 * counts, trends and summaries, the line listing and the signal table. Each holds one or more comma-separated
 * values (a case matches any of them); the values are checked by statistics' StatsRequests.
 */
public record CaseFilters(
        @Parameter(description = "Serious cases (true) or not (false).", schema = @Schema(type = SchemaType.BOOLEAN))
        @QueryParam("serious")
        String serious,

        @Parameter(
                description = "Age groups (AgeGroup codes), comma-separated.",
                example = "ADULT",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("ageGroup")
        String ageGroup,

        @Parameter(
                description = "Sexes (FEMALE, MALE, UNKNOWN), comma-separated.",
                example = "FEMALE",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("sex")
        String sex,

        @Parameter(
                description = "Where the cases came from (CaseSource codes), comma-separated.",
                example = "DIRECT",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("source")
        String source) {}
