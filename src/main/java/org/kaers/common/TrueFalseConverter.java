package org.kaers.common;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Binds a {@code Boolean} query parameter as exactly {@code true} or {@code false}: anything else is a 400 naming
 * the parameter (JAX-RS would read "yes" as false).
 */
@Provider
public class TrueFalseConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Boolean.class || annotations == null) {
            return null;
        }
        String name = null;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        String parameter = name;
        return (ParamConverter<T>) new ParamConverter<Boolean>() {
            @Override
            public Boolean fromString(String value) {
                if (value == null) {
                    return null;
                }
                return switch (value.strip()) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new QueryParameterRejected(parameter, "must be true or false");
                };
            }

            @Override
            public String toString(Boolean value) {
                return String.valueOf(value);
            }
        };
    }
}
