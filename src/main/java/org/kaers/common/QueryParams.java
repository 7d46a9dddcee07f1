package org.kaers.common;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Strict parsing of query parameters: unknown names, repeated names and unparseable values are
 * collected as violations and reported together as one 400 problem ({@link #throwIfInvalid()}).
 * JAX-RS would answer a bad typed query parameter with 404; we answer 400 and say what is allowed.
 */
public final class QueryParams {

    private final MultivaluedMap<String, String> raw;
    private final List<Violation> violations = new ArrayList<>();

    private QueryParams(MultivaluedMap<String, String> raw, Set<String> allowed) {
        this.raw = raw;
        for (String name : new TreeSet<>(raw.keySet())) {
            if (!allowed.contains(name)) {
                violations.add(Violation.query(
                        name, "unknown parameter; allowed: " + String.join(", ", new TreeSet<>(allowed))));
            } else if (raw.get(name).size() > 1) {
                violations.add(Violation.query(name, "given more than once"));
            }
        }
    }

    public static QueryParams of(MultivaluedMap<String, String> raw, Set<String> allowed) {
        return new QueryParams(raw, allowed);
    }

    public String string(String name, int maxLength) {
        String value = raw.getFirst(name);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            violations.add(Violation.query(name, "must not be blank"));
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            violations.add(Violation.query(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return stripped;
    }

    /** A string parameter that must be present and not blank. */
    public String requiredString(String name, int maxLength) {
        if (raw.getFirst(name) == null) {
            violations.add(Violation.query(name, "is required"));
            return null;
        }
        return string(name, maxLength);
    }

    public Integer integer(String name, int defaultValue, int min, int max) {
        String value = raw.getFirst(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                violations.add(Violation.query(name, "must be between " + min + " and " + max));
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            violations.add(Violation.query(name, "must be a whole number between " + min + " and " + max));
            return defaultValue;
        }
    }

    public Boolean bool(String name) {
        String value = raw.getFirst(name);
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                violations.add(Violation.query(name, "must be true or false"));
                yield null;
            }
        };
    }

    public LocalDate date(String name) {
        String value = raw.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(Violation.query(name, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    public <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        String value = raw.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            violations.add(Violation.query(
                    name,
                    "not one of the allowed values: "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))));
            return null;
        }
    }

    public PageRequest page() {
        return new PageRequest(
                integer("page", 0, 0, 1_000_000), integer("size", PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE));
    }

    /**
     * The page asked for; for a whole export (CSV, NDJSON: every page in one file) page and size are refused
     * instead, so that nobody takes one page's file for the whole list.
     */
    public PageRequest page(Exports.Format format) {
        if (format == Exports.Format.JSON) {
            return page();
        }
        for (String name : List.of("page", "size")) {
            if (raw.containsKey(name)) {
                reject(name, "not taken by a CSV or NDJSON export: the file holds every page");
            }
        }
        return new PageRequest(0, PageRequest.MAX_SIZE);
    }

    /** Adds a cross-parameter violation (for example a range whose start is after its end). */
    public void reject(String name, String message) {
        violations.add(Violation.query(name, message));
    }

    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }
}
