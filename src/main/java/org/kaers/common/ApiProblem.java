package org.kaers.common;

import java.util.List;
import java.util.Map;

/**
 * A client-visible failure. Services throw it; {@link ProblemMappers} turns it into problem+json.
 * The detail is shown to the client, so it never carries patient or reporter data.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiProblem(ProblemType type, String detail, List<Violation> violations, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ApiProblem(ProblemType.VALIDATION, detail, violations, Map.of());
    }

    public static ApiProblem invalid(Violation violation) {
        return invalid(List.of(violation));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
