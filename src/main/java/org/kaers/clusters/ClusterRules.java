package org.kaers.clusters;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The window and threshold of the cluster rules (detection and the stored scan), bound as a {@link BeanParam}. */
public record ClusterRules(
        @Parameter(
                description = "Last day of the window (default today, UTC).",
                schema = @Schema(type = SchemaType.STRING, format = "date"),
                example = "2026-11-04")
        @QueryParam("asOf")
        LocalDate asOf,

        @Parameter(
                description = "Window of the lot and vendor clusters, 1-365 days.",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "365", defaultValue = "30"))
        @QueryParam("windowDays")
        @Min(value = 1, message = WINDOW_RANGE)
        @Max(value = 365, message = WINDOW_RANGE)
        Integer windowDays,

        @Parameter(
                description = "Serious cases that make a lot or vendor cluster, 2-100.",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "2", maximum = "100", defaultValue = "3"))
        @QueryParam("minCases")
        @Min(value = 2, message = MIN_CASES_RANGE)
        @Max(value = 100, message = MIN_CASES_RANGE)
        Integer minCases) {

    static final String WINDOW_RANGE = "must be between 1 and 365";
    static final String MIN_CASES_RANGE = "must be between 2 and 100";

    LocalDate day() {
        return asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf;
    }

    int window() {
        return windowDays == null ? 30 : windowDays;
    }

    int threshold() {
        return minCases == null ? 3 : minCases;
    }
}
