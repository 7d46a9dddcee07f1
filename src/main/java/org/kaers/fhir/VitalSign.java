package org.kaers.fhir;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The vital signs KAERS records, as FHIR R4's vital-signs Observations name them (LOINC code, UCUM unit; the codes
 * and units of the vital signs profiles, http://hl7.org/fhir/R4/observation-vitalsigns.html). One place for the
 * mapping, read by the writer and the reader. The Glasgow coma score is not a vital sign in FHIR: a survey
 * Observation without the profile.
 */
enum VitalSign {
    RESPIRATORY_RATE("9279-1", "Respiratory rate", "/min", "breaths/minute"),
    OXYGEN_SATURATION("2708-6", "Oxygen saturation in Arterial blood", "%", "%"),
    HEART_RATE("8867-4", "Heart rate", "/min", "beats/minute"),
    BODY_TEMPERATURE("8310-5", "Body temperature", "Cel", "C"),
    BODY_WEIGHT("29463-7", "Body weight", "kg", "kg"),
    BLOOD_PRESSURE("85354-9", "Blood pressure panel with all children optional", null, null),
    SYSTOLIC("8480-6", "Systolic blood pressure", "mm[Hg]", "mmHg"),
    DIASTOLIC("8462-4", "Diastolic blood pressure", "mm[Hg]", "mmHg"),
    GLASGOW_COMA_SCORE("9269-2", "Glasgow coma score total", null, null);

    static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns";

    private final String loinc;
    private final String display;
    private final String ucum;
    private final String unit;

    VitalSign(String loinc, String display, String ucum, String unit) {
        this.loinc = loinc;
        this.display = display;
        this.ucum = ucum;
        this.unit = unit;
    }

    String loinc() {
        return loinc;
    }

    String ucum() {
        return ucum;
    }

    boolean vital() {
        return this != GLASGOW_COMA_SCORE;
    }

    String category() {
        return vital() ? "vital-signs" : "survey";
    }

    CodeableConcept code() {
        return new CodeableConcept(new Coding(Fhir.LOINC, loinc, display)).setText(display);
    }

    Quantity quantity(BigDecimal value) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(Fhir.UCUM).setCode(ucum);
    }

    static VitalSign byLoinc(String code) {
        for (VitalSign s : values()) {
            if (s.loinc.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
