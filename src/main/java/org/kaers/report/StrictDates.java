package org.kaers.report;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A date field takes a date and nothing else: Jackson's default would accept "2026-11-02T14:30:00" as a date
 * and throw the time away. With an explicit pattern the time is refused (400 naming the field); fields that
 * may carry a time are date-or-date-time strings ({@link DateOrDateTime}).
 */
@Singleton
class StrictDates implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configOverride(java.time.LocalDate.class)
                .setFormat(JsonFormat.Value.forPattern("uuuu-MM-dd").withLenient(Boolean.FALSE));
    }
}
