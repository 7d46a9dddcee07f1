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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The query contract of every resource method: the query parameters it declares with {@link QueryParam} (directly
 * or in a {@link BeanParam}) are the only ones it takes, each at most once (a collection-typed parameter may be
 * repeated); any other, or a repeated one, is a 400 naming it. A method without query parameters refuses any. A
 * declared parameter given empty or blank ({@code sex=}, {@code page=}) is a 400 "must not be blank" naming it:
 * Quarkus REST would bind it as absent, silently dropping a filter or taking a default the client did not ask for.
 * Methods or classes marked {@link Lenient} are exempt: their contract is someone else's (openFDA's), they are
 * pages a browser or identity provider adds parameters to, or they still parse their parameters by hand.
 */
public class StrictQueryParameters {

    /**
     * Exempts a resource method, or every method of a resource class, from the check: it takes query parameters
     * it does not declare (say why where it is used).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    public @interface Lenient {}

    private final Map<Method, Contract> contracts = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Contract contract = contracts.computeIfAbsent(method, m -> contract(m, resource.getResourceClass()));
        if (contract == Contract.LENIENT) {
            return;
        }
        MultivaluedMap<String, String> raw = request.getUriInfo().getQueryParameters();
        if (raw.isEmpty()) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        for (String name : new TreeSet<>(raw.keySet())) {
            if (!contract.allowed().contains(name)) {
                violations.add(
                        Violation.query(name, "unknown parameter; allowed: " + String.join(", ", contract.allowed())));
            } else if (raw.get(name).size() > 1 && !contract.repeatable().contains(name)) {
                violations.add(Violation.query(name, "given more than once"));
            }
        }
        if (violations.isEmpty()) {
            for (String name : new TreeSet<>(raw.keySet())) {
                if (raw.get(name).stream().anyMatch(v -> v == null || v.isBlank())) {
                    violations.add(Violation.query(name, "must not be blank"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new QueryParameterRejected(violations);
        }
    }

    /** The declared names, or {@link Contract#LENIENT}. */
    static Contract contract(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(Lenient.class)) {
            return Contract.LENIENT;
        }
        boolean lenientClass = (resourceClass != null && resourceClass.isAnnotationPresent(Lenient.class))
                || method.getDeclaringClass().isAnnotationPresent(Lenient.class);
        if (lenientClass) {
            return Contract.LENIENT;
        }
        Set<String> names = new TreeSet<>();
        Set<String> repeatable = new TreeSet<>();
        Annotation[][] all = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < all.length; i++) {
            for (Annotation a : all[i]) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                    if (Collection.class.isAssignableFrom(types[i])) {
                        repeatable.add(q.value());
                    }
                } else if (a instanceof BeanParam) {
                    for (Class<?> c = types[i]; c != null && c != Object.class; c = c.getSuperclass()) {
                        for (Field f : c.getDeclaredFields()) {
                            QueryParam q = f.getAnnotation(QueryParam.class);
                            if (q != null) {
                                names.add(q.value());
                                if (Collection.class.isAssignableFrom(f.getType())) {
                                    repeatable.add(q.value());
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Contract(Set.copyOf(names), Set.copyOf(repeatable));
    }

    record Contract(Set<String> allowed, Set<String> repeatable) {
        static final Contract LENIENT = new Contract(Set.of(), Set.of());

        Contract {
            allowed = java.util.Collections.unmodifiableSet(new TreeSet<>(allowed));
        }
    }
}
