package org.kaers.common;

import java.time.Instant;

/** Values as native queries return them, converted in one place. */
public final class SqlValues {

    private SqlValues() {}

    /** A timestamptz column as an Instant (the driver may give an Instant, an OffsetDateTime or a Timestamp). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
