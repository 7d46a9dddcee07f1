package org.kaers.common;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps {@link QueryParameterRejected} to the same 400 problem as every other invalid request. */
public class QueryParameterMappers {

    private final ProblemMappers problems;

    public QueryParameterMappers(ProblemMappers problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response rejected(QueryParameterRejected e) {
        return problems.apiProblem(ApiProblem.invalid(e.violations()));
    }
}
