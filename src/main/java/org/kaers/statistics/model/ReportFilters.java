package org.kaers.statistics.model;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters on the report (who reported, when it was received), bound as a {@link BeanParam}: taken by the
 * counts, trends and summaries and the signal table (not by the line listing, which shows months only).
 */
public record ReportFilters(
        @Parameter(
                description = "Reporter qualifications (ReporterQualification codes), comma-separated.",
                example = "PHYSICIAN",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("reporterQualification")
        String reporterQualification,

        @Parameter(
                description = "Received on or after this day (UTC, inclusive).",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        @QueryParam("receivedFrom")
        String receivedFrom,

        @Parameter(
                description = "Received on or before this day (UTC, inclusive).",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        @QueryParam("receivedTo")
        String receivedTo) {}
