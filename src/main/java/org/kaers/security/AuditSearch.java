package org.kaers.security;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kaers.common.QueryText;

/** The filters of the audit log, bound as a {@link BeanParam}; texts are stripped before they are checked. */
public record AuditSearch(
        @Parameter(description = "Token subject.", schema = @Schema(type = SchemaType.STRING))
        @QueryParam("actor")
        @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        String actor,

        @Parameter(schema = @Schema(enumeration = {"GET", "POST", "PUT", "DELETE", "PATCH"}))
        @QueryParam("action")
        @Pattern(regexp = QueryText.NOT_BLANK, message = "must not be blank")
        @Pattern(regexp = "(GET|POST|PUT|DELETE|PATCH)?", message = ACTIONS)
        String action,

        @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from")
        LocalDate from,

        @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to")
        LocalDate to) {

    static final String ACTIONS = "not one of the allowed values: GET, POST, PUT, DELETE, PATCH";
}
