package org.kaers.common;

/** CSV output, in one place: RFC 4180 quoting, and no spreadsheet formulas from data. */
public final class Csv {

    private Csv() {
    }

    public static final String MEDIA_TYPE = "text/csv";

    /** Whether the client's first choice is CSV (a wildcard is not: JSON stays the default). */
    public static boolean requested(jakarta.ws.rs.core.HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().findFirst()
                .map(t -> t.isCompatible(jakarta.ws.rs.core.MediaType.valueOf(MEDIA_TYPE)) && !t.isWildcardType())
                .orElse(false);
    }

    /** A CSV response body. */
    public static jakarta.ws.rs.core.Response response(String body) {
        return jakarta.ws.rs.core.Response.ok(body, MEDIA_TYPE + ";charset=UTF-8").build();
    }

    /** One cell: empty for null; a leading = + - @ is prefixed with ' (no formula injection when opened). */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
