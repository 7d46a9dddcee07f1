package org.kaers.statistics;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReportFilters;
import org.kaers.statistics.model.StatsPage;

/**
 * Binds the query records of the statistics endpoints from a raw query, as Quarkus REST does for a well-formed
 * one (each component by its {@link QueryParam} name), and builds their requests: for tests that recount with the
 * API's own rules outside an HTTP request.
 */
final class BoundQuery {

    private BoundQuery() {}

    static <R extends Record> R bind(Class<R> type, MultivaluedMap<String, String> raw) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                String name = type.getDeclaredField(c.getName())
                        .getAnnotation(QueryParam.class)
                        .value();
                String value = raw.getFirst(name);
                values[i] = value == null || c.getType() == String.class ? value : Integer.valueOf(value.strip());
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static CountRequest filters(MultivaluedMap<String, String> raw, List<Dimension> by, StatsPage page) {
        StatsRequests.Raw values = StatsRequests.Raw.of(
                bind(CaseFilters.class, raw),
                bind(ReportFilters.class, raw),
                bind(CodedFilters.class, raw),
                bind(CountOnlyFilters.class, raw));
        return StatsRequests.request(
                by == null ? null : raw.getFirst("by"),
                by != null,
                values,
                page == null ? new StatsPage(null, null).request() : page.request(),
                new ArrayList<>());
    }

    static CountRequest counts(MultivaluedMap<String, String> raw) {
        return filters(raw, List.of(), bind(StatsPage.class, raw));
    }

    static CountRequest filters(MultivaluedMap<String, String> raw) {
        return filters(raw, null, null);
    }
}
