package org.kaers.common;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The rows of one table in PostgreSQL's COPY text format, sent with {@code COPY ... FROM STDIN} in one round trip
 * ({@link #copy}). A value is written as PostgreSQL reads its text form: NULL as {@code \N}; backslash, tab, newline
 * and carriage return escaped; an instant in UTC with microseconds, a date as ISO (years after 9999 and BC as the
 * server reads them), a boolean as {@code t}/{@code f}, an enum by its name, a decimal as plain digits. COPY fires
 * the table's row and statement triggers and checks its constraints as an insert does. Rows are either buffered and
 * sent at once ({@link #copy}) or streamed in chunks while they are added ({@link #streamTo}, {@link #finish}).
 */
public final class CopyRows {

    private final String sql;
    private final StringBuilder out = new StringBuilder(1 << 14);
    private boolean rowStart = true;
    private int rows;

    /** Rows for {@code table (columns)}, e.g. {@code new CopyRows("case_lab", "id, case_version_id, seq")}. */
    public CopyRows(String table, String columns) {
        this.sql = "copy " + table + " (" + columns + ") from stdin";
    }

    public int rows() {
        return rows;
    }

    private StringBuilder next() {
        if (!rowStart) {
            out.append('\t');
        }
        rowStart = false;
        return out;
    }

    public CopyRows nul() {
        next().append("\\N");
        return this;
    }

    public CopyRows add(long value) {
        next().append(value);
        return this;
    }

    public CopyRows add(Integer value) {
        if (value == null) {
            return nul();
        }
        next().append(value.intValue());
        return this;
    }

    public CopyRows add(Long value) {
        if (value == null) {
            return nul();
        }
        next().append(value.longValue());
        return this;
    }

    public CopyRows add(boolean value) {
        next().append(value ? 't' : 'f');
        return this;
    }

    public CopyRows add(Boolean value) {
        return value == null ? nul() : add(value.booleanValue());
    }

    public CopyRows add(BigDecimal value) {
        if (value == null) {
            return nul();
        }
        next().append(value.toPlainString());
        return this;
    }

    public CopyRows add(Enum<?> value) {
        if (value == null) {
            return nul();
        }
        next().append(value.name());
        return this;
    }

    public CopyRows add(String value) {
        if (value == null) {
            return nul();
        }
        next().append(escape(value));
        return this;
    }

    /** A text as it is written in COPY's text format (for a value written many times, escaped once: {@link #addEscaped}). */
    public static String escape(String value) {
        int i = 0;
        while (i < value.length() && !special(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    /** A text already {@link #escape escaped}. */
    public CopyRows addEscaped(String escaped) {
        next().append(escaped);
        return this;
    }

    public CopyRows add(LocalDate value) {
        if (value == null) {
            return nul();
        }
        date(next(), value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        return this;
    }

    /** An instant as {@code yyyy-mm-dd hh:mm:ss.uuuuuu+00} (truncated to microseconds, PostgreSQL's precision). */
    public CopyRows add(Instant value) {
        if (value == null) {
            return nul();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        StringBuilder b = next();
        int year = t.getYear();
        pad(b, year > 0 ? year : 1 - year, 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, t.getNano() / 1000, 6).append("+00");
        if (year <= 0) {
            b.append(" BC");
        }
        return this;
    }

    /** Ends the current row. */
    public CopyRows end() {
        out.append('\n');
        rowStart = true;
        rows++;
        return this;
    }

    /** Of {@link #streamTo streamed} rows, sends those buffered when they fill a chunk. */
    public void sendIfFull() throws SQLException {
        if (out.length() >= CHUNK) {
            send();
        }
    }

    /** Sends the rows (none: nothing is sent); the number of rows copied. */
    public long copy(Connection c) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        streamTo(c);
        return finish();
    }

    /**
     * Starts the COPY now; rows are then sent in chunks of about {@link #CHUNK} characters as they are added (the
     * caller calls {@link #sendIfFull} after each row), so that millions of rows never sit in memory at once;
     * {@link #finish} ends it. On an exception before the end,
     * {@link #cancel} (the COPY is otherwise left open on the connection).
     */
    public CopyRows streamTo(Connection c) throws SQLException {
        stream = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        send();
        return this;
    }

    /** Ends a streamed COPY: the number of rows copied. */
    public long finish() throws SQLException {
        try {
            send();
            return stream.endCopy();
        } finally {
            cancel();
        }
    }

    /** Abandons a streamed COPY that has not ended (nothing of it is stored). */
    public void cancel() throws SQLException {
        if (stream != null && stream.isActive()) {
            stream.cancelCopy();
        }
    }

    private void send() throws SQLException {
        if (out.length() == 0) {
            return;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        out.setLength(0);
        stream.writeToCopy(bytes, 0, bytes.length);
    }

    /** Characters buffered before a streamed COPY sends them on. */
    static final int CHUNK = 1 << 20;

    private CopyIn stream;

    private static void date(StringBuilder b, int year, int month, int day) {
        pad(b, year > 0 ? year : 1 - year, 4).append('-');
        pad(b, month, 2).append('-');
        pad(b, day, 2);
        if (year <= 0) {
            b.append(" BC");
        }
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    /** For tests: the COPY text of the rows so far. */
    String text() {
        return out.toString();
    }
}
