package org.kaers.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kaers.common.PageRequest;

/** A validated count request: one or two dimensions, equality filters (any of the values), a receipt-date range. */
record CountRequest(List<Dimension> by, Map<Dimension, List<String>> filters, LocalDate receivedFrom,
        LocalDate receivedTo, PageRequest page) {

    /**
     * The requests that differ from this one by one filter value: one value fewer in a filter that lists
     * several, a one-value filter dropped, a date bound dropped. Whatever a researcher could learn by subtracting
     * one of them from this one is checked by {@link SmallCellPolicy#differences}; the other direction (one value
     * more) is checked when that request is the one asked.
     */
    List<CountRequest> differingByOneFilter() {
        List<CountRequest> out = new ArrayList<>();
        for (Map.Entry<Dimension, List<String>> filter : filters.entrySet()) {
            List<String> values = filter.getValue();
            if (values.size() == 1) {
                Map<Dimension, List<String>> fewer = new EnumMap<>(Dimension.class);
                fewer.putAll(filters);
                fewer.remove(filter.getKey());
                out.add(new CountRequest(by, fewer, receivedFrom, receivedTo, page));
            } else {
                for (String value : values) {
                    Map<Dimension, List<String>> fewer = new EnumMap<>(Dimension.class);
                    fewer.putAll(filters);
                    fewer.put(filter.getKey(), values.stream().filter(v -> !v.equals(value)).toList());
                    out.add(new CountRequest(by, fewer, receivedFrom, receivedTo, page));
                }
            }
        }
        if (receivedFrom != null) {
            out.add(new CountRequest(by, filters, null, receivedTo, page));
        }
        if (receivedTo != null) {
            out.add(new CountRequest(by, filters, receivedFrom, null, page));
        }
        return out;
    }
}
