package org.kaers.common;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Binds a text ({@code String}) query parameter stripped of leading and trailing white space, before Bean
 * Validation checks it ({@link QueryText}): the one place query texts are stripped, for a parameter declared on a
 * resource method or in a {@code @BeanParam} record alike. Path, header, form and cookie parameters are left as
 * sent.
 */
@Provider
public class TextConverter implements ParamConverterProvider {

    private static final ParamConverter<String> STRIPPED = new ParamConverter<>() {
        @Override
        public String fromString(String value) {
            return value == null ? null : value.strip();
        }

        @Override
        public String toString(String value) {
            return value;
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (QueryParameterConverters.name(rawType == String.class, annotations) == null) {
            return null;
        }
        return (ParamConverter<T>) STRIPPED;
    }
}
