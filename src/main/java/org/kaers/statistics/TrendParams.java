package org.kaers.statistics;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The period and the date of a trend, bound as a {@link BeanParam} (with {@code @Valid}); values are stripped. */
public record TrendParams(
        @Parameter(
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"MONTH", "QUARTER", "YEAR"},
                                defaultValue = "MONTH"))
        @QueryParam("interval")
        @Pattern(regexp = "MONTH|QUARTER|YEAR", message = "not one of the allowed values: MONTH, QUARTER, YEAR")
        String interval,

        @Parameter(
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"received", "onset"},
                                defaultValue = "received"))
        @QueryParam("date")
        @Pattern(regexp = "received|onset", message = "not one of the allowed values: received, onset")
        String date) {

    TrendService.Interval period() {
        return interval == null ? TrendService.Interval.MONTH : TrendService.Interval.valueOf(interval);
    }

    boolean onset() {
        return "onset".equals(date);
    }
}
