package org.kaers.statistics;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kaers.common.QueryParameterRejected;
import org.kaers.common.Violation;

/**
 * An empty or blank query value on a statistics or signal endpoint ({@code sex=}, {@code page=}) is a 400 naming
 * the parameter, as it was when these endpoints parsed their queries by hand: Quarkus REST binds an empty value
 * as absent, which would silently drop a filter. Runs after {@code StrictQueryParameters} (unknown and repeated
 * parameters are reported first).
 */
public class EmptyQueryValues {

    /** Marks a resource method whose query parameters must not be given empty. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Refused {}

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(Refused.class)) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> e :
                new TreeMap<>(request.getUriInfo().getQueryParameters()).entrySet()) {
            if (e.getValue().stream().anyMatch(v -> v == null || v.isBlank())) {
                violations.add(Violation.query(e.getKey(), "must not be blank"));
            }
        }
        if (!violations.isEmpty()) {
            throw new QueryParameterRejected(violations);
        }
    }
}
