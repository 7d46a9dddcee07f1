package org.kaers.report;

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
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.ReporterQualification;

/**
 * The filters of the case list, bound as a {@link BeanParam}: texts are stripped before they are checked, dates are
 * YYYY-MM-DD ({@code DateConverter}), codes are the enums' ({@code CodeConverter}).
 */
public record CaseListParams(
        @Parameter(
                description = "First day of receipt (UTC), inclusive.",
                schema = @Schema(type = SchemaType.STRING, format = "date"),
                example = "2026-01-01")
        @QueryParam("receivedFrom")
        LocalDate receivedFrom,

        @Parameter(
                description = "Last day of receipt (UTC), inclusive.",
                schema = @Schema(type = SchemaType.STRING, format = "date"),
                example = "2026-12-31")
        @QueryParam("receivedTo")
        LocalDate receivedTo,

        @Parameter(
                description = "Only serious (true) or non-serious (false) cases.",
                schema = @Schema(type = SchemaType.BOOLEAN))
        @QueryParam("serious")
        Boolean serious,

        @Parameter(
                description = "Case-insensitive text in any product name as reported.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 300),
                example = "maeng da")
        @QueryParam("product")
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 300, message = "must be at most 300 characters")
        String product,

        @Parameter(
                description = "Case-insensitive text in any reaction as reported.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 500),
                example = "seizure")
        @QueryParam("reaction")
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 500, message = "must be at most 500 characters")
        String reaction,

        @Parameter(schema = @Schema(implementation = ReporterQualification.class)) @QueryParam("reporterQualification")
        ReporterQualification reporterQualification,

        @Parameter(schema = @Schema(implementation = CaseStatus.class)) @QueryParam("status")
        CaseStatus status,

        @Parameter(schema = @Schema(implementation = CaseSource.class)) @QueryParam("source")
        CaseSource source,

        @Parameter(
                description =
                        "The reporting centre's case reference, exactly (case-insensitive), in any version of the case.",
                schema = @Schema(type = SchemaType.STRING, maxLength = 64),
                example = "NYC-PCC-2026-004417")
        @QueryParam("centreReference")
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 64, message = "must be at most 64 characters")
        String centreReference) {

    private static final String NOT_BLANK = QueryText.NOT_BLANK;

    /** The filter; a receivedTo before receivedFrom is a 400 naming receivedTo. */
    CaseFilter filter() {
        if (receivedFrom != null && receivedTo != null && receivedFrom.isAfter(receivedTo)) {
            throw new QueryParameterRejected("receivedTo", "must not be before receivedFrom");
        }
        return new CaseFilter(
                receivedFrom,
                receivedTo,
                serious,
                product,
                reaction,
                reporterQualification,
                status,
                source,
                centreReference);
    }
}
