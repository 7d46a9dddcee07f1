package org.kaers.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the FDA CAERS CSV export as published: one row per report x product, report-level fields repeated
 * on each row of a report. Rows are grouped by report number (they need not be adjacent). A row that
 * cannot be read is reported by its line number and its report is left out whole.
 */
final class CaersFile {

    static final String REPORT = "RA_Report #";
    static final String CREATED = "RA_CAERS Created Date";
    static final String EVENT_START = "AEC_Event Start Date";
    static final String ROLE = "PRI_Product Role";
    static final String PRODUCT = "PRI_Reported Brand/Product Name";
    static final String INDUSTRY_CODE = "PRI_FDA Industry Code";
    static final String INDUSTRY_NAME = "PRI_FDA Industry Name";
    static final String AGE = "CI_Age at Adverse Event";
    static final String AGE_UNIT = "CI_Age Unit";
    static final String GENDER = "CI_Gender";
    static final String OUTCOMES = "AEC_One Row Outcomes";
    static final String SYMPTOMS = "SYM_One Row Coded Symptoms";

    static final Set<String> REQUIRED = Set.of(REPORT, CREATED, EVENT_START, ROLE, PRODUCT, AGE, AGE_UNIT, GENDER,
            OUTCOMES, SYMPTOMS);

    /** One product row of a report, with its line number in the file. */
    record Row(long line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.strip();
        }
    }

    /** A row or report that was not imported, and why. */
    record Problem(long line, String reportNumber, String reason) {
    }

    /** The reports of a file (rows grouped by report number, in file order) and the rows that failed. */
    record Contents(Map<String, List<Row>> reports, List<Problem> problems, long rows, int reportCount) {
    }

    private CaersFile() {
    }

    static Contents read(Reader reader) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        Map<String, List<Row>> reports = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> broken = new java.util.HashSet<>();
        long rows = 0;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
            List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new CaersFormatException("the header lacks the CAERS columns " + String.join(", ", missing));
            }
            var iterator = parser.iterator();
            while (true) {
                CSVRecord record;
                long line = parser.getCurrentLineNumber() + 1;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    problems.add(new Problem(line, null, "unreadable CSV from this line on (unbalanced quotes?)"));
                    break;
                }
                rows++;
                long recordLine = line;
                if (record.size() != header.size()) {
                    problems.add(new Problem(recordLine, record.size() > 0 ? record.get(0).strip() : null,
                            "expected " + header.size() + " fields, found " + record.size()));
                    if (record.size() > 0 && !record.get(0).isBlank()) {
                        broken.add(record.get(0).strip());
                    }
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.put(header.get(i), record.get(i));
                }
                Row row = new Row(recordLine, values);
                String number = row.get(REPORT);
                if (number.isEmpty()) {
                    problems.add(new Problem(recordLine, null, "no report number"));
                    continue;
                }
                reports.computeIfAbsent(number, k -> new ArrayList<>()).add(row);
            }
        } catch (IOException | UncheckedIOException e) {
            // Rows are read one by one above; what fails here is the header itself.
            throw new CaersFormatException("the header line is not readable CSV (unbalanced quotes?)");
        }
        Set<String> numbers = new java.util.HashSet<>(reports.keySet());
        numbers.addAll(broken);
        for (String number : broken) {
            if (reports.remove(number) != null) {
                problems.add(new Problem(0, number, "report left out because one of its rows could not be read"));
            }
        }
        return new Contents(reports, problems, rows, numbers.size());
    }

    /** The file is not a CAERS export at all (wrong header). */
    static final class CaersFormatException extends RuntimeException {
        CaersFormatException(String message) {
            super(message, null, false, false);
        }
    }
}
