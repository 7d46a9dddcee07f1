package org.kaers.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clock rules of intake and imports, in one place: which day is "today" for the dates of a report, and the
 * precision of the instants stored.
 */
final class CaseClock {

    /** Dates may not lie after today in the earliest time zone on Earth (UTC+14). */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private CaseClock() {}

    /** Today in the earliest time zone on Earth: no date of a report may lie after it. */
    static LocalDate today() {
        return LocalDate.now(EARLIEST_ZONE);
    }

    /** Now, to microsecond precision, as PostgreSQL stores it, so what is returned now equals what is read later. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
