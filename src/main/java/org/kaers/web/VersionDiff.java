package org.kaers.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two versions of a case: both reports (as the API returns them) flattened to their JSON
 * paths ({@code patient.age.value}, {@code reactions[0].outcome}, the names the form and the API's violations use),
 * then compared path by path. Lists compare by position, as the versions store them.
 */
final class VersionDiff {

    enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** One field that differs: its path, its value in each version (empty when absent) and how it changed. */
    @TemplateData
    record Change(String field, String before, String after, Kind kind) {
        public String kindLabel() {
            return switch (kind) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                case CHANGED -> "changed";
            };
        }
    }

    private VersionDiff() {}

    /** The fields that differ, in the order of the later version (then the fields only the earlier one has). */
    static List<Change> between(Map<String, Object> before, Map<String, Object> after) {
        Map<String, String> from = flatten(before);
        Map<String, String> to = flatten(after);
        Set<String> fields = new LinkedHashSet<>(to.keySet());
        fields.addAll(from.keySet());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            String a = from.get(field);
            String b = to.get(field);
            if (a == null) {
                changes.add(new Change(field, "", b, Kind.ADDED));
            } else if (b == null) {
                changes.add(new Change(field, a, "", Kind.REMOVED));
            } else if (!a.equals(b)) {
                changes.add(new Change(field, a, b, Kind.CHANGED));
            }
        }
        return changes;
    }

    /** Every leaf of a JSON object by its path; a list of plain values (criteria, history) is one field. */
    static Map<String, String> flatten(Map<String, Object> json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json != null) {
            walk("", json, out);
        }
        return out;
    }

    private static void walk(String path, Object value, Map<String, String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> walk(path.isEmpty() ? String.valueOf(key) : path + "." + key, inner, out));
        } else if (value instanceof List<?> list) {
            if (list.stream().allMatch(v -> !(v instanceof Map<?, ?>) && !(v instanceof List<?>))) {
                if (!list.isEmpty()) {
                    out.put(
                            path,
                            String.join(", ", list.stream().map(String::valueOf).toList()));
                }
            } else {
                for (int i = 0; i < list.size(); i++) {
                    walk(path + "[" + i + "]", list.get(i), out);
                }
            }
        } else {
            out.put(
                    path,
                    value instanceof java.math.BigDecimal d
                            ? d.stripTrailingZeros().toPlainString()
                            : String.valueOf(value));
        }
    }
}
