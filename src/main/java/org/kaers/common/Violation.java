package org.kaers.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One thing wrong with a request: where it is ({@code in}), which field, and what is wrong. */
@Schema(description = "A field at fault in the request.")
public record Violation(
        @Schema(
                description =
                        "Path of the field: JSON path in the body, or the name of the query parameter, header or path parameter.",
                examples = "products[0].stopDate")
        String field,

        @Schema(
                description = "Where the field is.",
                enumeration = {"body", "query", "header", "path"},
                examples = "body")
        String in,

        @Schema(description = "What is wrong with it.", examples = "must not be before startDate")
        String message) {

    /** The longest field name answered; longer (client-chosen) names are cut. */
    static final int MAX_FIELD = 100;

    /**
     * Field names can be chosen by the client (an unknown property or query parameter): only a safe spelling of them
     * is ever answered, so an answer never echoes markup or data sent as a name.
     */
    public Violation {
        field = safe(field);
    }

    private static String safe(String field) {
        if (field == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(field.length(), MAX_FIELD));
        for (int i = 0; i < field.length() && out.length() < MAX_FIELD; i++) {
            char c = field.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "._-[]".indexOf(c) >= 0;
            out.append(plain ? c : '?');
        }
        return out.toString();
    }

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
