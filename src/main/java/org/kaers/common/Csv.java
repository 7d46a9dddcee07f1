package org.kaers.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV the service writes, in one place (Commons CSV): RFC 4180 quoting, and no spreadsheet formulas from
 * data (OWASP, "CSV Injection"). A text cell whose first visible character is {@code = + - @ | TAB CR} (or a
 * full-width {@code ＝ ＋ － ＠}), also behind leading spaces, control or invisible characters, is prefixed with
 * {@code '}. Numbers and booleans are written as they are (a negative number is a number, not a formula).
 */
public final class Csv {

    private Csv() {}

    public static final String MEDIA_TYPE = "text/csv";
    private static final String FORMULA_STARTS = "=+-@|\t\r\uFF1D\uFF0B\uFF0D\uFF20";
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /** Whether the client's first choice is CSV (a wildcard is not: JSON stays the default). */
    public static boolean requested(jakarta.ws.rs.core.HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream()
                .findFirst()
                .map(t -> t.isCompatible(jakarta.ws.rs.core.MediaType.valueOf(MEDIA_TYPE)) && !t.isWildcardType())
                .orElse(false);
    }

    /** A CSV response body. */
    public static jakarta.ws.rs.core.Response response(String body) {
        return jakarta.ws.rs.core.Response.ok(body, MEDIA_TYPE + ";charset=UTF-8")
                .build();
    }

    /** A whole CSV document: the header row, then one row per element; cells as {@link #value(Object)}. */
    public static String write(List<String> header, Iterable<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (Printer printer = printer(out, header)) {
            for (List<?> row : rows) {
                printer.row(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A CSV document written row by row to {@code out} (streamed exports): the header row now, then {@link Printer#row}. */
    public static Printer printer(Appendable out, List<String> header) throws IOException {
        Printer printer = new Printer(new CSVPrinter(out, FORMAT));
        printer.row(header);
        return printer;
    }

    /** Writes rows, each cell as {@link #value(Object)}; closing flushes, and closes the underlying output. */
    public static final class Printer implements java.io.Closeable {

        private final CSVPrinter printer;

        private Printer(CSVPrinter printer) {
            this.printer = printer;
        }

        public void row(List<?> row) throws IOException {
            List<String> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                cells.add(value(cell));
            }
            printer.printRecord(cells);
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }

    /** One cell's text before quoting: empty for null, numbers and booleans as they are, text neutralised. */
    static String value(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return cell.toString();
        }
        return neutralised(cell.toString());
    }

    /** Text that no spreadsheet reads as a formula. */
    static String neutralised(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (FORMULA_STARTS.indexOf(c) >= 0) {
                return "'" + text;
            }
            if (!ignorable(c)) {
                return text;
            }
        }
        return text;
    }

    /** Characters a spreadsheet may skip before a formula: spaces, controls, invisible formatting (U+200B, U+FEFF). */
    private static boolean ignorable(char c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || type == Character.CONTROL
                || type == Character.FORMAT;
    }
}
