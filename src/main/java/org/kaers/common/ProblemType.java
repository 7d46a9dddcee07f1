package org.kaers.common;

import jakarta.ws.rs.core.Response.Status;

/** The problem types this service answers with: one stable URN, title and status each. */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    ALREADY_NULLIFIED("already-nullified", "Case is nullified", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    URI_TOO_LONG("uri-too-long", "Request URI too long", 414),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", 431),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with a different request", 422),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    SERVICE_UNAVAILABLE("service-unavailable", "Service temporarily unavailable", 503),
    INTERNAL("internal", "Internal error", 500);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return "urn:kaers:problem:" + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The problem type for a bare HTTP status raised by the framework (404 for an unknown path, 405, 415...), or null. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status
                    && type != ALREADY_NULLIFIED
                    && type != MALFORMED_JSON
                    && type != IDEMPOTENCY_KEY_REUSED) {
                return type;
            }
        }
        return null;
    }

    public static String reasonPhrase(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
