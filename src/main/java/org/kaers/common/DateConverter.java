package org.kaers.common;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Binds a {@link LocalDate} query parameter as YYYY-MM-DD (stripped): anything else, an impossible day included, is a
 * 400 naming the parameter (Quarkus REST would answer 404).
 */
@Provider
public class DateConverter implements ParamConverterProvider {

    static final String MESSAGE = "must be a date as YYYY-MM-DD";

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = QueryParameterConverters.name(rawType == LocalDate.class, annotations);
        if (name == null) {
            return null;
        }
        return (ParamConverter<T>) new ParamConverter<LocalDate>() {
            @Override
            public LocalDate fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return LocalDate.parse(value.strip());
                } catch (DateTimeParseException e) {
                    throw new QueryParameterRejected(name, MESSAGE);
                }
            }

            @Override
            public String toString(LocalDate value) {
                return value.toString();
            }
        };
    }
}
