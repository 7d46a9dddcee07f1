package org.kaers.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Case numbers: {@code PREFIX-YEAR-NNNNNN}, e.g. KAE-2026-000123. The number comes from a database
 * sequence, so it is unique and never reused (a rolled-back submission leaves a gap); the year is the
 * year of receipt (UTC). A case keeps its number for life.
 */
@ApplicationScoped
class CaseNumbers {

    /** Settings of case numbering. */
    @ConfigMapping(prefix = "kaers.case-number")
    interface Config {
        /** Prefix of every case number. */
        @WithDefault("KAE")
        String prefix();
    }

    private final Config config;

    CaseNumbers(Config config) {
        this.config = config;
    }

    String format(Instant receivedAt, String sequence) {
        int year = receivedAt.atZone(ZoneOffset.UTC).getYear();
        return "%s-%d-%06d".formatted(config.prefix(), year, Long.parseLong(sequence));
    }
}
