package org.kaers.report.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The controlled list of laboratory test codes: our short code, the LOINC code beside it and the units
 * accepted (the first is the usual one). A lab with a code outside this list is refused, so that a
 * misspelt code can never silently switch off a derivation (Hy's law, the R ratio, RUCAM).
 */
public enum LabTest {
    ALT("1742-6", "Alanine aminotransferase", "U/L", "IU/L"),
    AST("1920-8", "Aspartate aminotransferase", "U/L", "IU/L"),
    ALP("6768-6", "Alkaline phosphatase", "U/L", "IU/L"),
    GGT("2324-2", "Gamma glutamyl transferase", "U/L", "IU/L"),
    TOTAL_BILIRUBIN("1975-2", "Bilirubin, total", "mg/dL", "umol/L", "µmol/L"),
    DIRECT_BILIRUBIN("1968-7", "Bilirubin, direct", "mg/dL", "umol/L", "µmol/L"),
    INR("6301-6", "INR", "{INR}", "ratio"),
    ALBUMIN("1751-7", "Albumin", "g/dL", "g/L"),
    CREATININE("2160-0", "Creatinine", "mg/dL", "umol/L", "µmol/L"),
    CK("2157-6", "Creatine kinase", "U/L", "IU/L"),
    SODIUM("2951-2", "Sodium", "mmol/L", "mEq/L"),
    POTASSIUM("2823-3", "Potassium", "mmol/L", "mEq/L"),
    GLUCOSE("2345-7", "Glucose", "mg/dL", "mmol/L"),
    LACTATE("2524-7", "Lactate", "mmol/L", "mg/dL"),
    TROPONIN_I("10839-9", "Troponin I, cardiac", "ng/mL", "ng/L"),
    ETHANOL("5640-8", "Ethanol", "mg/dL", "g/L", "mmol/L"),
    ACETAMINOPHEN("3298-7", "Acetaminophen", "ug/mL", "mg/L", "umol/L");

    private final String loinc;
    private final String display;
    private final List<String> units;

    LabTest(String loinc, String display, String... units) {
        this.loinc = loinc;
        this.display = display;
        this.units = List.of(units);
    }

    public String loinc() {
        return loinc;
    }

    public String display() {
        return display;
    }

    public List<String> units() {
        return units;
    }

    /** The test with this short code. */
    public static Optional<LabTest> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }

    /** The known short codes, for messages. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
