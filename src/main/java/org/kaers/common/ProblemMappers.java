package org.kaers.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problem+json responses. Bodies never carry stack traces,
 * class names, SQL or the rejected values themselves (they may be patient data); unexpected failures are
 * logged with the occurrence id that the client sees as {@code instance}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Retry-After while the database is unavailable: PostgreSQL restarts in seconds. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "2";
    /** Serialization failure, deadlock detected, lock not available: the transaction was rolled back whole. */
    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem) {
        Response.ResponseBuilder builder = builder(problem.type(), problem.getMessage(), problem.violations());
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    /** No token, or a token that is invalid, expired, signed by another key or from another issuer. */
    @ServerExceptionMapper({
        io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class
    })
    public Response unauthorized(RuntimeException e) {
        return builder(ProblemType.UNAUTHORIZED, "a valid bearer token is required", List.of())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /** A valid token whose roles do not include one this operation needs. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return builder(ProblemType.FORBIDDEN, "your role does not allow this operation", List.of())
                .build();
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> QueryParameterNames.of(v).orElseGet(() -> toViolation(v)))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return apiProblem(ApiProblem.invalid(violations));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return fieldProblem(
                e,
                "unknown field; allowed here: "
                        + e.getKnownPropertyIds().stream()
                                .map(String::valueOf)
                                .sorted()
                                .collect(Collectors.joining(", ")));
    }

    @ServerExceptionMapper
    public Response propertyBinding(PropertyBindingException e) {
        return fieldProblem(e, "unexpected field");
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return fieldProblem(e, "not one of the allowed values: " + allowed);
        }
        return fieldProblem(e, "must be " + describe(target));
    }

    @ServerExceptionMapper
    public Response invalidNull(InvalidNullException e) {
        return fieldProblem(e, "must not be null");
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            String detail = e.getTargetType() == null
                    ? "the request body is not the expected JSON document"
                    : "the request body must be a JSON " + describe(e.getTargetType());
            return builder(ProblemType.MALFORMED_JSON, detail, List.of()).build();
        }
        return fieldProblem(e, "must be " + describe(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BoundedCollections.TooManyElements tooMany) {
                return fieldProblem(e, "must hold at most " + tooMany.max + " elements");
            }
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
                return jsonLimit(limit);
            }
        }
        if (e.getPath().isEmpty()) {
            return builder(
                            ProblemType.MALFORMED_JSON,
                            "the request body could not be read as the expected JSON document",
                            List.of())
                    .build();
        }
        return fieldProblem(e, "has an invalid value");
    }

    /** A nesting, string, number, name, token or document limit of JsonConfig. */
    @ServerExceptionMapper
    public Response jsonLimit(com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        return builder(
                        ProblemType.MALFORMED_JSON,
                        "the request body exceeds a JSON limit (nesting depth "
                                + JsonConfig.MAX_NESTING + ", strings of " + JsonConfig.MAX_STRING
                                + " characters, numbers of "
                                + JsonConfig.MAX_NUMBER + " digits, " + JsonConfig.MAX_TOKENS + " tokens)",
                        List.of())
                .build();
    }

    @ServerExceptionMapper
    public Response malformed(StreamReadException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return builder(ProblemType.MALFORMED_JSON, "the request body is not well-formed JSON" + where, List.of())
                .build();
    }

    @ServerExceptionMapper
    public Response otherJson(JacksonException e) {
        return builder(ProblemType.MALFORMED_JSON, "the request body is not well-formed JSON", List.of())
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jsonCause) {
            return dispatchJson(jsonCause);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        ProblemType type = ProblemType.forStatus(status);
        Response.ResponseBuilder builder = type != null
                ? builder(type, detailFor(status), List.of())
                : Response.status(status)
                        .type(Problem.MEDIA_TYPE)
                        .entity(write(new Problem(
                                "about:blank",
                                ProblemType.reasonPhrase(status),
                                status,
                                detailFor(status),
                                "urn:uuid:" + UUID.randomUUID(),
                                List.of())));
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof JsonProcessingException jsonProblem) {
            return dispatchJson(jsonProblem);
        }
        if (DatabaseFailures.queryCancelled(e)) {
            return builder(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "the query took longer than the service allows; narrow the filters or try again later",
                            List.of())
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .build();
        }
        if (DatabaseFailures.sqlState(e).startsWith("22")) {
            // A data exception (SQLSTATE class 22: 22001 too long, 22003 out of range, 22P02 invalid text...) comes
            // from a value the client sent that validation let through; checked before "unavailable", as a failed
            // flush at commit arrives wrapped in a RollbackException. Logged as classes and SQLSTATEs: no SQL.
            LOG.warnf("a request value the database refused: %s", FailureLog.chain(e));
            return builder(
                            ProblemType.VALIDATION,
                            "a value in the request cannot be stored: "
                                    + DatabaseFailures.dataProblem(DatabaseFailures.sqlState(e))
                                    + "; nothing was stored",
                            List.of())
                    .build();
        }
        if (DatabaseFailures.databaseUnavailable(e)) {
            // Expected while PostgreSQL restarts or fails over: readiness is DOWN meanwhile, and clients retry.
            LOG.warnf("database unavailable: %s", FailureLog.chain(e));
            return builder(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "the database cannot be reached right now, so the request "
                                    + "may not have been stored; retry after Retry-After seconds (with the same Idempotency-Key, a "
                                    + "retried submission is stored once)",
                            List.of())
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        if (DatabaseFailures.transientConflict(e)) {
            // The database rolled the transaction back to resolve a conflict with a concurrent one: retrying works.
            LOG.warnf("transaction rolled back by a conflict, answered 503: %s", FailureLog.chain(e));
            return builder(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "the request collided with a concurrent one and was "
                                    + "rolled back; nothing was stored; retry it (with the same Idempotency-Key)",
                            List.of())
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build();
        }
        if (DatabaseFailures.clientGone(e)) {
            // The client closed the connection mid-body: nobody reads this answer, and it is not a server failure.
            LOG.debugf("the client closed the connection before its request was read: %s", FailureLog.chain(e));
            return builder(ProblemType.VALIDATION, "the request body ended before it was complete", List.of())
                    .build();
        }
        String id = UUID.randomUUID().toString();
        // Exception classes and code locations only: messages can quote SQL or values.
        LOG.errorf("unexpected failure %s: %s", id, FailureLog.describe(e));
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(write(new Problem(
                        ProblemType.INTERNAL.uri(),
                        ProblemType.INTERNAL.title(),
                        500,
                        "The server failed to handle the request; quote the instance when reporting it.",
                        "urn:uuid:" + id,
                        List.of())))
                .build();
    }

    private Response dispatchJson(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException c) {
            return jsonLimit(c);
        } else if (e instanceof UnrecognizedPropertyException u) {
            return unknownField(u);
        } else if (e instanceof PropertyBindingException p) {
            return propertyBinding(p);
        } else if (e instanceof InvalidFormatException f) {
            return invalidFormat(f);
        } else if (e instanceof InvalidNullException n) {
            return invalidNull(n);
        } else if (e instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        } else if (e instanceof JsonMappingException m) {
            return mapping(m);
        } else if (e instanceof StreamReadException r) {
            return malformed(r);
        }
        return otherJson(e);
    }

    private Response fieldProblem(JsonMappingException e, String message) {
        return apiProblem(ApiProblem.invalid(Violation.body(jsonPath(e.getPath()), message)));
    }

    private Response.ResponseBuilder builder(ProblemType type, String detail, List<Violation> violations) {
        Problem problem = new Problem(
                type.uri(), type.title(), type.status(), detail, "urn:uuid:" + UUID.randomUUID(), violations);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(write(problem));
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    public static Violation toViolation(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue; // body paths; query parameters are named by QueryParameterNames before this
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return Violation.body(field.isEmpty() ? "body" : field.toString(), violation.getMessage());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.LocalDate.class) {
            return "a date as YYYY-MM-DD";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return "a value of the documented type";
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "nothing exists at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "the response can be JSON (application/json) only";
            case 415 -> "the request body must be sent as application/json";
            default -> ProblemType.reasonPhrase(status);
        };
    }
}
