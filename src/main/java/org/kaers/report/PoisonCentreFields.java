package org.kaers.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.kaers.report.model.Care;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.PatientHistory;
import org.kaers.report.model.Toxicology;
import org.kaers.report.model.VitalSigns;

/**
 * The poison-centre part of a version as it is stored: one JSON document per version, written once.
 * Its own mapper, so that what is stored never depends on the API's JSON settings; unknown fields are
 * ignored when reading, so a later release may add fields without making older rows unreadable.
 */
record PoisonCentreFields(
        Exposure exposure,
        Care care,
        VitalSigns vitalSigns,
        List<Toxicology> toxicology,
        List<PatientHistory> history) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static final PoisonCentreFields NONE = new PoisonCentreFields(null, null, null, null, null);

    static PoisonCentreFields of(CaseReportRequest report) {
        return new PoisonCentreFields(
                report.exposure(),
                report.care(),
                report.vitalSigns(),
                report.toxicology(),
                report.patient().history());
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the poison-centre fields", e);
        }
    }

    static PoisonCentreFields fromJson(String json) {
        if (json == null) {
            return NONE;
        }
        try {
            return JSON.readValue(json, PoisonCentreFields.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored poison-centre fields are not readable", e);
        }
    }
}
