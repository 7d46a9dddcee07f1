package org.kaers.imports;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.kaers.imports.CaersLayout.Field;

/**
 * Reads an FDA CAERS export in any of its layouts ({@link CaersLayout}), streaming from a file in two passes
 * so that memory holds the report numbers, not the rows: the first counts the rows of each report (rows of a
 * report need not be adjacent), the second hands over each report as soon as its last row is read. A row that
 * cannot be read is reported by its line number and its report is left out whole. Values are read as the
 * source has them, except that C1 control characters (cp1252 text decoded as Latin-1 upstream) are mapped
 * back to the characters they were ({@link #repairC1}).
 */
final class CaersFile {

    /** One product row of a report, with its line number in the file. */
    record Row(long line, String[] values) {
        String get(Field field) {
            String v = values[field.ordinal()];
            return v == null ? "" : v;
        }
    }

    /** A row or report that was not imported, and why. */
    record Problem(long line, String reportNumber, String reason) {}

    /** What the first pass found: rows per report, reports with an unreadable row, and the problems. */
    record Scan(
            CaersLayout.Recognised layout,
            Map<String, Integer> rowsPerReport,
            Set<String> broken,
            List<Problem> problems,
            long rows) {
        int reportCount() {
            Set<String> all = new HashSet<>(rowsPerReport.keySet());
            all.addAll(broken);
            return all.size();
        }
    }

    private CaersFile() {}

    /** The layout of the file's header; {@link CaersLayout.UnknownLayoutException} when it is none. */
    static CaersLayout.Recognised layout(Path file) {
        try (Reader reader = open(file);
                CSVParser parser = CSVParser.parse(reader, format())) {
            return CaersLayout.recognise(parser.getHeaderNames());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new CaersLayout.UnknownLayoutException("the header line is not readable CSV (unbalanced quotes?)");
        }
    }

    /** First pass: counts the rows of each report and notes the rows that cannot be read. */
    static Scan scan(Path file, CaersLayout.Recognised layout) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> broken = new HashSet<>();
        List<Problem> problems = new ArrayList<>();
        long[] rows = {0};
        each(file, layout, problems, (line, record) -> {
            rows[0]++;
            String number = record.size() > layout.of(Field.REPORT)
                    ? record.get(layout.of(Field.REPORT)).strip()
                    : "";
            if (record.size() != layout.width()) {
                problems.add(new Problem(
                        line,
                        number.isEmpty() ? null : number,
                        "expected " + layout.width() + " fields, found " + record.size()));
                if (!number.isEmpty()) {
                    broken.add(number);
                }
            } else if (number.isEmpty()) {
                problems.add(new Problem(line, null, "no report number"));
            } else {
                counts.merge(number, 1, Integer::sum);
            }
        });
        for (String number : broken) {
            if (counts.remove(number) != null) {
                problems.add(new Problem(0, number, "report left out because one of its rows could not be read"));
            }
        }
        return new Scan(layout, counts, broken, problems, rows[0]);
    }

    /** Second pass: hands over every readable report, with its rows in file order, once its last row is read. */
    static void reports(Path file, Scan scan, Consumer<List<Row>> consumer) {
        CaersLayout.Recognised layout = scan.layout();
        Map<String, List<Row>> open = new LinkedHashMap<>();
        each(file, layout, new ArrayList<>(), (line, record) -> {
            if (record.size() != layout.width()) {
                return;
            }
            String number = record.get(layout.of(Field.REPORT)).strip();
            Integer expected = scan.rowsPerReport().get(number);
            if (expected == null) {
                return;
            }
            String[] values = new String[Field.values().length];
            for (Field field : Field.values()) {
                int at = layout.of(field);
                values[field.ordinal()] = at < 0 ? "" : repairC1(record.get(at)).strip();
            }
            List<Row> rows = open.computeIfAbsent(number, k -> new ArrayList<>(expected));
            rows.add(new Row(line, values));
            if (rows.size() == expected) {
                open.remove(number);
                consumer.accept(rows);
            }
        });
    }

    private interface RecordHandler {
        void handle(long line, CSVRecord record);
    }

    private static void each(Path file, CaersLayout.Recognised layout, List<Problem> problems, RecordHandler handler) {
        try (Reader reader = open(file);
                CSVParser parser = CSVParser.parse(reader, format())) {
            Iterator<CSVRecord> iterator = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(new Problem(line, null, "unreadable CSV from this line on (unbalanced quotes?)"));
                    break;
                }
                handler.handle(line, record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(Path file) throws IOException {
        // Malformed UTF-8 becomes U+FFFD rather than failing the whole file.
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
    }

    private static CSVFormat format() {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .get();
    }

    /** cp1252 characters for the C1 control characters U+0080-U+009F (0 where cp1252 defines none). */
    private static final char[] CP1252 = {
        '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039',
        '\u0152', 0, '\u017D', 0, 0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC',
        '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'
    };

    /**
     * Maps C1 control characters back to the cp1252 characters they were (U+0092 is a right single quote,
     * U+0096 an en dash); the five C1 codes that cp1252 leaves undefined are kept.
     */
    static String repairC1(String value) {
        int i = 0;
        while (i < value.length() && (value.charAt(i) < '\u0080' || value.charAt(i) > '\u009F')) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value);
        for (; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c >= '\u0080' && c <= '\u009F' && CP1252[c - 0x80] != 0) {
                out.setCharAt(i, CP1252[c - 0x80]);
            }
        }
        return out.toString();
    }
}
