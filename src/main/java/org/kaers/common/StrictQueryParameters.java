package org.kaers.common;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The query contract of endpoints that bind their parameters with {@link QueryParam} (directly or in a
 * {@link BeanParam}) and are marked {@link Strict}: a parameter the method does not declare, or one given more
 * than once, is a 400 naming it, as {@link QueryParams} does for the endpoints that still parse by hand.
 */
public class StrictQueryParameters {

    /** Marks a resource method whose declared query parameters are the only ones it takes, each at most once. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Strict {}

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(Strict.class)) {
            return;
        }
        Set<String> allowed = declared(method);
        MultivaluedMap<String, String> raw = request.getUriInfo().getQueryParameters();
        List<Violation> violations = new ArrayList<>();
        for (String name : new TreeSet<>(raw.keySet())) {
            if (!allowed.contains(name)) {
                violations.add(Violation.query(
                        name, "unknown parameter; allowed: " + String.join(", ", new TreeSet<>(allowed))));
            } else if (raw.get(name).size() > 1) {
                violations.add(Violation.query(name, "given more than once"));
            }
        }
        if (!violations.isEmpty()) {
            throw new QueryParameterRejected(violations);
        }
    }

    static Set<String> declared(Method method) {
        Set<String> names = new TreeSet<>();
        Annotation[][] all = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < all.length; i++) {
            for (Annotation a : all[i]) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                } else if (a instanceof BeanParam) {
                    for (Field f : types[i].getDeclaredFields()) {
                        QueryParam q = f.getAnnotation(QueryParam.class);
                        if (q != null) {
                            names.add(q.value());
                        }
                    }
                }
            }
        }
        return names;
    }
}
