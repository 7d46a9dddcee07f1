package org.kaers.web;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's views show, read from the API's answers (maps and lists) and nothing else: the caution and
 * data version of every view, the heat map's grid, the signal table's rows and the eDISH plot's cases.
 */
final class DashboardViews {

    private DashboardViews() {}

    /**
     * The box on top of every view: the API's caution, the data version (or the frozen release), and how the numbers
     * were protected ({@code protectedNumbers}: researchers' perturbed cells; reviewers read exact numbers).
     */
    @TemplateData
    record Caution(
            String text,
            String dataVersion,
            Map<String, Object> release,
            Long pendingCases,
            boolean protectedNumbers,
            Object maxNoise,
            Object threshold) {

        static Caution of(Map<String, Object> meta) {
            Map<String, Object> protection = map(meta.get("protection"));
            Object text = meta.containsKey("disclaimer") ? meta.get("disclaimer") : meta.get("caution");
            Object version = meta.get("lastUpdated");
            if (meta.containsKey("dataVersion")) {
                version = meta.get("dataAsOf") + " (data version " + meta.get("dataVersion") + ")";
            }
            Object pending = meta.get("pendingCases");
            return new Caution(
                    text == null ? "Spontaneous reports cannot show causation or incidence." : text.toString(),
                    version == null ? null : version.toString(),
                    meta.get("release") == null ? null : map(meta.get("release")),
                    pending instanceof Number n ? n.longValue() : null,
                    "CELL_KEY".equals(protection.get("method")),
                    protection.get("maxNoise"),
                    protection.get("smallCellThreshold"));
        }
    }

    /** A product x symptom (or other) cross as a grid: the rows and columns with most cases, cells shaded by count. */
    @TemplateData
    record HeatMap(List<Line> lines, List<Header> columns, long max, int listed) {}

    /** A row of the heat map: its header and its cells, one per column. */
    @TemplateData
    record Line(Header header, List<Cell> cells) {}

    @TemplateData
    record Header(String key, String label, long total) {}

    /** A cell: its released count (null when not listed: no case, or released as 0) and its shade, 0 to 5. */
    @TemplateData
    record Cell(Long count, int shade) {}

    static HeatMap heatMap(Object results, int limit) {
        Map<String, Header> rows = new LinkedHashMap<>();
        Map<String, Header> columns = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long max = 0;
        int listed = 0;
        for (Object o : list(results)) {
            Map<String, Object> g = map(o);
            List<?> keys = list(g.get("keys"));
            List<?> labels = list(g.get("labels"));
            if (keys.size() != 2 || !(g.get("count") instanceof Number number)) {
                continue;
            }
            long count = number.longValue();
            String row = String.valueOf(keys.get(0));
            String column = String.valueOf(keys.get(1));
            rows.merge(row, new Header(row, label(labels, 0, row), count), DashboardViews::add);
            columns.merge(column, new Header(column, label(labels, 1, column), count), DashboardViews::add);
            counts.put(row + "\u0000" + column, count);
            max = Math.max(max, count);
            listed++;
        }
        List<Header> topRows = top(rows, limit);
        List<Header> topColumns = top(columns, limit);
        List<Line> lines = new ArrayList<>();
        for (Header row : topRows) {
            List<Cell> line = new ArrayList<>();
            for (Header column : topColumns) {
                Long count = counts.get(row.key() + "\u0000" + column.key());
                line.add(new Cell(
                        count, count == null || max == 0 ? 0 : (int) Math.max(1, Math.ceil(5.0 * count / max))));
            }
            lines.add(new Line(row, line));
        }
        return new HeatMap(lines, topColumns, max, listed);
    }

    private static Header add(Header a, Header b) {
        return new Header(a.key(), a.label(), a.total() + b.total());
    }

    private static List<Header> top(Map<String, Header> headers, int limit) {
        return headers.values().stream()
                .sorted(Comparator.comparingLong(Header::total).reversed().thenComparing(Header::key))
                .limit(limit)
                .toList();
    }

    private static String label(List<?> labels, int i, String key) {
        return labels.size() > i && labels.get(i) != null ? String.valueOf(labels.get(i)) : key;
    }

    /** One row of the signal table: the 2x2 table's a and E, PRR, ROR and IC with their intervals, EBGM, the flags. */
    @TemplateData
    record SignalRow(
            String key,
            String label,
            Object a,
            Object expected,
            Measure prr,
            Measure ror,
            Measure ic,
            Measure ebgm,
            List<String> flags) {
        public String expectedText() {
            return round(expected);
        }
    }

    /** A measure and its interval as the API gave them (null when the table does not define it). */
    @TemplateData
    record Measure(Object value, Object lower, Object upper) {
        static Measure of(Object m) {
            Map<String, Object> measure = map(m);
            return new Measure(measure.get("value"), measure.get("lower"), measure.get("upper"));
        }

        public boolean defined() {
            return value != null;
        }

        /** The value and its interval for reading, to 3 decimals: "1.234 [0.987, 1.543]" (the chart gets them exact). */
        public String text() {
            return round(value) + " [" + round(lower) + ", " + round(upper) + "]";
        }
    }

    /** A number for reading (3 decimals), or "–". */
    static String round(Object value) {
        return value instanceof Number n ? String.format(java.util.Locale.ROOT, "%.3f", n.doubleValue()) : "\u2013";
    }

    static List<SignalRow> signalRows(Object results) {
        List<SignalRow> out = new ArrayList<>();
        for (Object o : list(results)) {
            Map<String, Object> r = map(o);
            Map<String, Object> signals = map(r.get("signals"));
            List<String> flags = new ArrayList<>();
            if (Boolean.TRUE.equals(signals.get("evans"))) {
                flags.add("Evans");
            }
            if (Boolean.TRUE.equals(signals.get("ror"))) {
                flags.add("ROR025 > 1");
            }
            if (Boolean.TRUE.equals(signals.get("ic"))) {
                flags.add("IC025 > 0");
            }
            if (Boolean.TRUE.equals(signals.get("ebgm"))) {
                flags.add("EB05 \u2265 2");
            }
            Object label = r.get("label");
            out.add(new SignalRow(
                    String.valueOf(r.get("key")),
                    label == null ? String.valueOf(r.get("key")) : label.toString(),
                    r.get("a"),
                    r.get("expected"),
                    Measure.of(r.get("prr")),
                    Measure.of(r.get("ror")),
                    Measure.of(r.get("ic")),
                    Measure.of(r.get("ebgm")),
                    flags));
        }
        return out;
    }

    /** One case of the eDISH plot. */
    @TemplateData
    record LiverCase(
            String caseNumber,
            BigDecimal alt,
            BigDecimal bilirubin,
            Object ast,
            Object alp,
            Object hysLaw,
            Object pattern,
            String quadrant) {}

    static List<LiverCase> liverCases(Object items) {
        List<LiverCase> out = new ArrayList<>();
        for (Object o : list(items)) {
            Map<String, Object> c = map(o);
            out.add(new LiverCase(
                    String.valueOf(c.get("caseNumber")),
                    decimal(c.get("altXUln")),
                    decimal(c.get("bilirubinXUln")),
                    c.get("astXUln"),
                    c.get("alpXUln"),
                    c.get("hysLaw"),
                    c.get("pattern"),
                    String.valueOf(c.get("quadrant"))));
        }
        return out;
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
