package org.kaers.common;

import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;

/** What the query parameter converters share: the name of the query parameter being bound. */
final class QueryParameterConverters {

    private QueryParameterConverters() {}

    /** The query parameter's name, or null when the type is not the converter's or it is not a query parameter. */
    static String name(boolean convertible, Annotation[] annotations) {
        if (!convertible || annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }
}
