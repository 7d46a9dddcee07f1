package org.kaers.report;

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
 * the table's row and statement triggers and checks its constraints as an insert does.
 */
final class CopyRows {

    private final String sql;
    private final StringBuilder out = new StringBuilder(1 << 14);
    private boolean rowStart = true;
    private int rows;

    /** Rows for {@code table (columns)}, e.g. {@code new CopyRows("case_lab", "id, case_version_id, seq")}. */
    CopyRows(String table, String columns) {
        this.sql = "copy " + table + " (" + columns + ") from stdin";
    }

    int rows() {
        return rows;
    }

    private StringBuilder next() {
        if (!rowStart) {
            out.append('\t');
        }
        rowStart = false;
        return out;
    }

    CopyRows nul() {
        next().append("\\N");
        return this;
    }

    CopyRows add(long value) {
        next().append(value);
        return this;
    }

    CopyRows add(Integer value) {
        if (value == null) {
            return nul();
        }
        next().append(value.intValue());
        return this;
    }

    CopyRows add(Long value) {
        if (value == null) {
            return nul();
        }
        next().append(value.longValue());
        return this;
    }

    CopyRows add(boolean value) {
        next().append(value ? 't' : 'f');
        return this;
    }

    CopyRows add(Boolean value) {
        return value == null ? nul() : add(value.booleanValue());
    }

    CopyRows add(BigDecimal value) {
        if (value == null) {
            return nul();
        }
        next().append(value.toPlainString());
        return this;
    }

    CopyRows add(Enum<?> value) {
        if (value == null) {
            return nul();
        }
        next().append(value.name());
        return this;
    }

    CopyRows add(String value) {
        if (value == null) {
            return nul();
        }
        StringBuilder b = next();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return this;
    }

    CopyRows add(LocalDate value) {
        if (value == null) {
            return nul();
        }
        date(next(), value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        return this;
    }

    /** An instant as {@code yyyy-mm-dd hh:mm:ss.uuuuuu+00} (truncated to microseconds, PostgreSQL's precision). */
    CopyRows add(Instant value) {
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
    CopyRows end() {
        out.append('\n');
        rowStart = true;
        rows++;
        return this;
    }

    /** Sends the rows (none: nothing is sent); the number of rows copied. */
    long copy(Connection c) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

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
