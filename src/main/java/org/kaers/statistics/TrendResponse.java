package org.kaers.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Case counts per period. */
@Schema(name = "TrendResponse", description = "Case counts per month, quarter or year of receipt or onset.")
public record TrendResponse(
        CountResponse.Meta meta,
        @Schema(examples = "MONTH") String interval,

        @Schema(description = "received or onset.", examples = "received")
        String date,

        List<Point> series,

        @Schema(description = "Cases with no onset date (always 0 for the receipt date).")
        CountResponse.Missing missing) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TrendPoint", description = "One period, its first day, and its case count unless suppressed.")
    public record Point(
            @Schema(examples = "2026-03") String period,
            @Schema(examples = "2026-03-01") String start,

            @Schema(description = "Null when suppressed.", examples = "17")
            Long count,

            boolean suppressed) {}
}
