package org.kaers.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Binds an {@code Integer} query parameter bounded by {@link Min}/{@link Max}: a value that is not a whole number is
 * a 400 naming the parameter and its range (Quarkus REST would answer 404); the range itself is Bean Validation's.
 */
@Provider
public class WholeNumberConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Integer.class || annotations == null) {
            return null;
        }
        String name = null;
        long min = Integer.MIN_VALUE;
        long max = Integer.MAX_VALUE;
        boolean bounded = false;
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            } else if (a instanceof Min m) {
                min = m.value();
                bounded = true;
            } else if (a instanceof Max m) {
                max = m.value();
                bounded = true;
            }
        }
        if (name == null || !bounded) {
            return null;
        }
        String parameter = name;
        String message = "must be a whole number between " + min + " and " + max;
        return (ParamConverter<T>) new ParamConverter<Integer>() {
            @Override
            public Integer fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return Integer.valueOf(value.strip());
                } catch (NumberFormatException e) {
                    throw new QueryParameterRejected(parameter, message);
                }
            }

            @Override
            public String toString(Integer value) {
                return String.valueOf(value);
            }
        };
    }
}
