package org.kaers.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A query parameter that could not be bound: thrown by parameter converters (a {@link WebApplicationException},
 * so that Quarkus REST passes it on instead of answering 404) and by {@link StrictQueryParameters}; mapped by
 * {@link QueryParameterMappers} to the usual 400 problem whose violations name the parameters.
 */
public class QueryParameterRejected extends WebApplicationException {

    private final transient List<Violation> violations;

    public QueryParameterRejected(List<Violation> violations) {
        super(Response.Status.BAD_REQUEST);
        this.violations = List.copyOf(violations);
    }

    public QueryParameterRejected(String name, String message) {
        this(List.of(Violation.query(name, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
