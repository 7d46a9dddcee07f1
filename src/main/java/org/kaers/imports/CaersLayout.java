package org.kaers.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The three layouts FDA has published its food adverse-event data in, recognised from the header (case,
 * surrounding spaces, a UTF-8 BOM and the MedRA/MedDRA spelling do not matter), with the columns each gives
 * for each field (as openFDA's loader, {@code openfda/caers/pipeline.py}, maps them).
 */
enum CaersLayout {
    CAERS_2004_2017(
            "2004-2017 CAERS extract",
            "RA_Report #",
            "RA_CAERS Created Date",
            "AEC_Event Start Date",
            "PRI_Product Role",
            "PRI_Reported Brand/Product Name",
            "PRI_FDA Industry Code",
            "PRI_FDA Industry Name",
            "CI_Age at Adverse Event",
            "CI_Age Unit",
            "CI_Gender",
            "AEC_One Row Outcomes",
            "SYM_One Row Coded Symptoms"),
    CAERS_2020_2025(
            "2020-2025 CAERS file",
            "Report ID",
            "CAERS Created Date",
            "Date of Event",
            "Product Type",
            "Product",
            "Product Code",
            "Description",
            "Patient Age",
            "Age Units",
            "Sex",
            "Outcomes",
            "MedDRA Preferred Terms"),
    HFCS_2026(
            "2026 HFCS product-based file",
            "report_id",
            "date_fda_first_received_report",
            "date_event",
            "product_type",
            "product",
            "product_code",
            "description",
            "patient_age",
            "age_units",
            "sex",
            "case_outcome",
            "case_meddra_preferred_terms");

    /** What a row says, whatever the layout calls it. */
    enum Field {
        REPORT,
        CREATED,
        EVENT_START,
        ROLE,
        PRODUCT,
        INDUSTRY_CODE,
        INDUSTRY_NAME,
        AGE,
        AGE_UNIT,
        GENDER,
        OUTCOMES,
        SYMPTOMS
    }

    /** Columns a file may lack (FDA left them out of some extracts); every other one is required. */
    private static final Set<Field> OPTIONAL = Set.of(Field.INDUSTRY_CODE, Field.INDUSTRY_NAME);

    final String title;
    private final Map<Field, String> columns = new EnumMap<>(Field.class);

    CaersLayout(String title, String... names) {
        this.title = title;
        Field[] fields = Field.values();
        for (int i = 0; i < fields.length; i++) {
            columns.put(fields[i], names[i]);
        }
    }

    String column(Field field) {
        return columns.get(field);
    }

    /** A header recognised as one layout: the index of each field's column (-1 when an optional one is absent). */
    record Recognised(CaersLayout layout, int[] index, int width) {
        int of(Field field) {
            return index[field.ordinal()];
        }
    }

    /** The header is none of FDA's layouts. */
    static final class UnknownLayoutException extends RuntimeException {
        UnknownLayoutException(String message) {
            super(message, null, false, false);
        }
    }

    /** Recognises the layout of a header, or says which columns the closest layout lacks. */
    static Recognised recognise(List<String> header) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            position.putIfAbsent(key(header.get(i)), i);
        }
        CaersLayout closest = null;
        List<String> closestMissing = null;
        int closestFound = -1;
        for (CaersLayout layout : values()) {
            int[] index = new int[Field.values().length];
            List<String> missing = new ArrayList<>();
            int found = 0;
            for (Field field : Field.values()) {
                Integer at = position.get(key(layout.column(field)));
                if (at == null && field == Field.ROLE) {
                    at = prefixed(position, key(layout.column(field)));
                }
                index[field.ordinal()] = at == null ? -1 : at;
                if (at != null) {
                    found++;
                } else if (!OPTIONAL.contains(field)) {
                    missing.add(layout.column(field));
                }
            }
            if (missing.isEmpty()) {
                return new Recognised(layout, index, header.size());
            }
            if (found > closestFound) {
                closest = layout;
                closestMissing = missing;
                closestFound = found;
            }
        }
        if (closestFound == 0) {
            throw new UnknownLayoutException("the header lacks the CAERS columns of every FDA layout (" + titles()
                    + "), among them a report number (RA_Report #, Report ID or report_id)");
        }
        throw new UnknownLayoutException("the header lacks the CAERS columns " + String.join(", ", closestMissing)
                + " (closest layout: " + closest.title + ")");
    }

    private static Integer prefixed(Map<String, Integer> position, String prefix) {
        // "Product Type (Suspect/Concomitant)" in some 2020-2025 files.
        return position.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix + " ") || e.getKey().startsWith(prefix + "("))
                .map(Map.Entry::getValue)
                .min(Integer::compare)
                .orElse(null);
    }

    private static String titles() {
        List<String> out = new ArrayList<>();
        for (CaersLayout layout : values()) {
            out.add(layout.title);
        }
        return String.join(", ", out);
    }

    /** How header names are compared: BOM and spaces stripped, lower case, MedRA spelled MedDRA. */
    static String key(String name) {
        return name.replace("\uFEFF", "")
                .strip()
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT)
                .replace("medra", "meddra");
    }
}
