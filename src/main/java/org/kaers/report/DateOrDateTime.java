package org.kaers.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A moment given as precisely as known: a date ({@code 2026-11-02}), a local date-time ({@code 2026-11-02T14:30}
 * or with seconds) or a date-time with an offset ({@code 2026-11-02T14:30:00-05:00}). Kept as written, never
 * truncated; parsed here for the rules and derivations.
 */
public final class DateOrDateTime {

    public static final String PATTERN =
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?)?";
    public static final String MESSAGE =
            "must be a date (2026-11-02) or a date-time (2026-11-02T14:30, optionally with seconds and an offset)";

    private DateOrDateTime() {}

    /** The date part, or null when the text is not a real date or date-time. */
    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            return hasOffset(text)
                    ? OffsetDateTime.parse(text).toLocalDate()
                    : LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whole hours from {@code from} to {@code to} when both carry a time (and both or neither an offset), else null. */
    static Long hoursBetween(String from, String to) {
        if (from == null
                || to == null
                || from.length() == 10
                || to.length() == 10
                || date(from) == null
                || date(to) == null
                || hasOffset(from) != hasOffset(to)) {
            return null;
        }
        if (hasOffset(from)) {
            return ChronoUnit.HOURS.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to));
        }
        return ChronoUnit.HOURS.between(LocalDateTime.parse(from), LocalDateTime.parse(to));
    }

    private static boolean hasOffset(String text) {
        return text.length() > 16
                && (text.endsWith("Z")
                        || text.charAt(text.length() - 6) == '+'
                        || text.charAt(text.length() - 6) == '-');
    }
}
