package org.kaers.clusters;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kaers.common.QueryParameterRejected;
import org.kaers.common.QueryText;

/** The filters of the stored cluster alerts, bound as a {@link BeanParam}; texts are stripped before they are checked. */
public record AlertSearch(
        @Parameter(
                description = "Only alerts with this status (default: all).",
                schema = @Schema(implementation = AlertStatus.class))
        @QueryParam("status")
        AlertStatus status,

        @Parameter(
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"LOT", "VENDOR", "PRODUCT_WEEK"}),
                example = "LOT")
        @QueryParam("kind")
        @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
        @Size(max = 16, message = "must be at most 16 characters")
        @Pattern(regexp = "(LOT|VENDOR|PRODUCT_WEEK)?", message = "must be one of LOT, VENDOR, PRODUCT_WEEK")
        String kind,

        @Parameter(
                description = "The normalised lot or vendor or the product " + "name, exact, case-insensitive.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 500),
                example = "7L0925")
        @QueryParam("key")
        @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
        @Size(max = 500, message = "must be at most 500 characters")
        String key,

        @Parameter(
                description = "Only alerts with this case behind them.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 32),
                example = "KAE-2026-000311")
        @QueryParam("caseNumber")
        @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
        @Size(max = 32, message = "must be at most 32 characters")
        String caseNumber,

        @Parameter(
                description = "Only alerts whose window ends on or after this day.",
                schema = @Schema(type = SchemaType.STRING, format = "date"),
                example = "2026-10-01")
        @QueryParam("from")
        LocalDate from,

        @Parameter(
                description = "Only alerts whose window starts on or before this day.",
                schema = @Schema(type = SchemaType.STRING, format = "date"),
                example = "2026-11-30")
        @QueryParam("to")
        LocalDate to) {

    /** Refuses a to before from (a 400 naming to). */
    AlertSearch checked() {
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryParameterRejected("to", "must not be before from");
        }
        return this;
    }
}
