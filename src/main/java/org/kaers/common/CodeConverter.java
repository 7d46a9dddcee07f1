package org.kaers.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Binds an enum query parameter by its code (the constant's name, stripped): any other value is a 400 naming the
 * parameter and listing the codes (Quarkus REST would answer 404). After the other converters, so that an enum with
 * a converter of its own (signals' PriorLevel) keeps it.
 */
@Provider
@Priority(Priorities.USER + 1000)
public class CodeConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = QueryParameterConverters.name(rawType.isEnum(), annotations);
        if (name == null) {
            return null;
        }
        Class<? extends Enum> type = (Class<? extends Enum>) rawType;
        String message = "not one of the allowed values: "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return (ParamConverter<T>) new ParamConverter<Enum>() {
            @Override
            public Enum fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return Enum.valueOf(type, value.strip());
                } catch (IllegalArgumentException e) {
                    throw new QueryParameterRejected(name, message);
                }
            }

            @Override
            public String toString(Enum value) {
                return value.name();
            }
        };
    }
}
