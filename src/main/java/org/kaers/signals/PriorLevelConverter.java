package org.kaers.signals;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.kaers.common.QueryParameterRejected;

/** Binds a {@link PriorLevel} query parameter by its code; any other value is a 400 naming the parameter. */
@Provider
public class PriorLevelConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != PriorLevel.class) {
            return null;
        }
        String name = "against";
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        String parameter = name;
        return (ParamConverter<T>) new ParamConverter<PriorLevel>() {
            @Override
            public PriorLevel fromString(String value) {
                if (value == null || value.isBlank()) {
                    throw new QueryParameterRejected(parameter, "must not be blank");
                }
                PriorLevel level = PriorLevel.of(value.strip());
                if (level == null) {
                    throw new QueryParameterRejected(parameter, "one of: " + String.join(", ", PriorLevel.codes()));
                }
                return level;
            }

            @Override
            public String toString(PriorLevel level) {
                return level.code;
            }
        };
    }
}
