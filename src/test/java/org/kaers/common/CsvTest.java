package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** OWASP CSV injection: every formula start, behind every kind of ignorable prefix, is neutralised; data is not. */
class CsvTest {

    private static final List<String> STARTS =
            List.of("=", "+", "-", "@", "\t", "\r", "|", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20");
    private static final List<String> PREFIXES =
            List.of("", " ", "   ", "\u00A0", "\u200B", "\uFEFF", "\u2028", "\n", "\u0001", " \u200B ");
    private static final List<String> PAYLOADS =
            List.of("cmd|' /C calc'!A0", "HYPERLINK(\"http://x\",\"y\")", "1+1", "SUM(A1:A9)");

    @Test
    void everyFormulaStartBehindEveryPrefixIsNeutralisedAndReadsBackAsText() {
        List<List<?>> rows = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String start : STARTS) {
            for (String prefix : PREFIXES) {
                for (String payload : PAYLOADS) {
                    String value = prefix + start + payload;
                    written.add(value);
                    rows.add(List.of(value, -1.5, 42, true));
                }
            }
        }
        String csv = Csv.write(List.of("text", "negative", "count", "flag"), rows);
        List<CSVRecord> records = parse(csv);
        assertThat(records).hasSize(rows.size() + 1);
        for (int i = 0; i < written.size(); i++) {
            CSVRecord record = records.get(i + 1);
            assertThat(record.get(0))
                    .as(
                            "%s",
                            written.get(i)
                                    .codePoints()
                                    .mapToObj(Integer::toHexString)
                                    .toList())
                    .isEqualTo("'" + written.get(i));
            assertThat(record.get(1)).isEqualTo("-1.5"); // numbers are numbers, not formulas
            assertThat(record.get(2)).isEqualTo("42");
            assertThat(record.get(3)).isEqualTo("true");
        }
        assertThat(STARTS.size() * PREFIXES.size() * PAYLOADS.size()).isEqualTo(written.size());
    }

    @Test
    void plainTextIsWrittenAsItIsAndQuotedWhereRfc4180Needs() {
        List<CSVRecord> records = parse(Csv.write(
                List.of("a", "b", "c"),
                List.of(
                        java.util.Arrays.asList("Maeng Da, red", "say \"hi\"", null),
                        List.of("KRATOM", " a-b", "x=1"))));
        assertThat(records.get(1).values()).containsExactly("Maeng Da, red", "say \"hi\"", "");
        assertThat(records.get(2).values()).containsExactly("KRATOM", " a-b", "x=1");
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
