package org.kaers.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing wrong with a request: where it is ({@code in}), which field, and what is wrong. */
@Schema(description = "A field at fault in the request.")
public record Violation(
        @Schema(description = "Path of the field: JSON path in the body, or the name of the query parameter, header or path parameter.",
                examples = "products[0].stopDate") String field,
        @Schema(description = "Where the field is.", enumeration = {"body", "query", "header", "path"},
                examples = "body") String in,
        @Schema(description = "What is wrong with it.", examples = "must not be before startDate") String message) {

    public static Violation body(String field, String message) {
        return new Violation(field, "body", message);
    }

    public static Violation query(String field, String message) {
        return new Violation(field, "query", message);
    }

    public static Violation header(String field, String message) {
        return new Violation(field, "header", message);
    }
}
