package org.kaers.common;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names a Bean Validation failure on a query parameter as the client sent it: a property path such as
 * {@code search.arg0.size} (a field of a {@code @BeanParam}) or {@code search.arg1} (a {@code @QueryParam} method
 * parameter) becomes the violation of the query parameter {@code size}, found through its {@link QueryParam}.
 */
final class QueryParameterNames {

    private QueryParameterNames() {}

    /** The query violation, or empty when the failure is not on a query parameter (a request body, say). */
    static Optional<Violation> of(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        if (nodes.size() < 2
                || nodes.get(0).getKind() != ElementKind.METHOD
                || nodes.get(1).getKind() != ElementKind.PARAMETER) {
            return Optional.empty();
        }
        if (nodes.size() == 2) {
            return parameter(violation, nodes.get(0), nodes.get(1))
                    .map(name -> Violation.query(name, violation.getMessage()));
        }
        if (nodes.size() == 3 && nodes.get(2).getKind() == ElementKind.PROPERTY && violation.getLeafBean() != null) {
            return field(violation.getLeafBean().getClass(), nodes.get(2).getName())
                    .map(name -> Violation.query(name, violation.getMessage()));
        }
        return Optional.empty();
    }

    private static Optional<String> field(Class<?> type, String property) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(property);
                QueryParam q = f.getAnnotation(QueryParam.class);
                return q == null ? Optional.empty() : Optional.of(q.value());
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        return Optional.empty();
    }

    private static Optional<String> parameter(ConstraintViolation<?> violation, Path.Node method, Path.Node parameter) {
        List<Class<?>> types = method.as(Path.MethodNode.class).getParameterTypes();
        int index = parameter.as(Path.ParameterNode.class).getParameterIndex();
        for (Class<?> c = violation.getRootBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(method.getName(), types.toArray(Class<?>[]::new));
                for (var a : m.getParameterAnnotations()[index]) {
                    if (a instanceof QueryParam q) {
                        return Optional.of(q.value());
                    }
                }
                // an override without the annotations (a generated subclass): the declaration is higher up
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return Optional.empty();
    }
}
