package org.kaers.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Varied, realistic case reports for the load harness: product names and reactions as clinicians write them
 * (brand names, misspellings, lay terms), one to three products with co-ingestants, one to four reactions,
 * labs on a third of cases, seriousness on about half. Each report carries its Idempotency-Key in the
 * narrative, so that the harness can count duplicates from the raw rows.
 */
public final class LoadReports {

    static final String KEY_MARK = "load-key:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KRATOM = {
        "Maeng Da Kratom",
        "KRATOM CAPSULES",
        "MIT45 GOLD",
        "OPMS LIQUID KRATOM",
        "7OH TABLETS",
        "Red Bali Kratom Powder",
        "Feel Free Tonic",
        "Green Malay Kratom",
        "kratom extract shot",
        "7-OH gummies",
        "kratom",
        "Red Vein Thai",
        "white vein kratom powder",
        "kratum",
        "MIT 45 extract shot",
        "Kratom (unknown brand)",
        "7-hydroxymitragynine tablets",
        "Super Green Malay"
    };
    private static final String[] FORMS = {
        "POWDER", "CAPSULE", "LIQUID_EXTRACT", "TABLET", "GUMMY", "SEVEN_OH_PRODUCT", "LEAF", "OTHER"
    };
    private static final String[] CO_INGESTED = {
        "alcohol",
        "XANAX",
        "fentanyl",
        "kava",
        "coffee",
        "gabapentin",
        "cannabis",
        "heroin",
        "suboxone",
        "phenibut",
        "tramadol",
        "energy drink",
        "oxycodone"
    };
    private static final String[] REACTIONS = {
        "vomiting",
        "nausea",
        "seizure",
        "fits",
        "tachycardia",
        "jaundice",
        "dark urine",
        "itching",
        "drug withdrawal syndrome",
        "addiction",
        "drowsiness",
        "agitation",
        "confusion",
        "respiratory depression",
        "abdominal pain",
        "constipation",
        "dizziness",
        "headache",
        "insomnia",
        "anxiety",
        "liver damage",
        "elevated liver enzymes",
        "hallucinations",
        "tremor",
        "sweating",
        "felt weird",
        "palpitations",
        "yellow eyes",
        "couldnt stop shaking",
        "withdrawls",
        "passed out",
        "hard to breathe"
    };
    private static final String[] OUTCOMES = {
        "RECOVERED", "RECOVERING", "NOT_RECOVERED", "UNKNOWN", "RECOVERED_WITH_SEQUELAE"
    };
    private static final String[] CRITERIA = {
        "HOSPITALIZATION", "LIFE_THREATENING", "OTHER_MEDICALLY_IMPORTANT", "DISABILITY"
    };
    private static final String[] QUALIFICATIONS = {
        "PHYSICIAN", "PHARMACIST", "NURSE", "OTHER_HEALTH_PROFESSIONAL", "POISON_CENTRE"
    };
    private static final String[] COUNTRIES = {"US", "US", "US", "CA", "GB", "AU", "TH", "DE"};
    private static final String[] SEXES = {"MALE", "FEMALE", "UNKNOWN"};

    private LoadReports() {}

    /** A report whose content follows from {@code seed}; {@code key} goes into the narrative. */
    public static ObjectNode report(long seed, String key) {
        SplittableRandom r = new SplittableRandom(seed);
        LocalDate today = LocalDate.now();
        ObjectNode report = JSON.createObjectNode();
        ObjectNode reporter = report.putObject("reporter");
        reporter.put("qualification", pick(r, QUALIFICATIONS));
        reporter.put("country", pick(r, COUNTRIES));
        ObjectNode patient = report.putObject("patient");
        int age = r.nextInt(15, 85);
        patient.putObject("age").put("value", age).put("unit", "YEAR");
        patient.put("sex", pick(r, SEXES));
        if (r.nextBoolean()) {
            patient.put("weightKg", 45 + r.nextInt(75));
        }
        LocalDate start = today.minusDays(30 + r.nextInt(300));
        ArrayNode products = report.putArray("products");
        ObjectNode suspect = products.addObject()
                .put("role", "SUSPECT")
                .put("name", pick(r, KRATOM))
                .put("form", pick(r, FORMS))
                .put("route", "ORAL")
                .put("startDate", start.toString());
        if (r.nextBoolean()) {
            suspect.put("doseAmount", 1 + r.nextInt(15)).put("doseUnit", "GRAM").put("dosesPerDay", 1 + r.nextInt(4));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            products.addObject().put("role", "CONCOMITANT").put("name", pick(r, CO_INGESTED));
        }
        ArrayNode reactions = report.putArray("reactions");
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            reactions
                    .addObject()
                    .put("verbatim", pick(r, REACTIONS))
                    .put("onsetDate", start.plusDays(r.nextInt(25)).toString())
                    .put("outcome", pick(r, OUTCOMES));
        }
        if (r.nextBoolean()) {
            report.putArray("seriousnessCriteria").add(pick(r, CRITERIA));
        }
        if (r.nextInt(3) == 0) {
            LocalDate labDate = start.plusDays(26);
            report.putArray("labs")
                    .add(JSON.createObjectNode()
                            .put("testCode", "ALT")
                            .put("value", 30 + r.nextInt(3000))
                            .put("unit", "U/L")
                            .put("upperLimitOfNormal", 40)
                            .put("date", labDate.toString()))
                    .add(JSON.createObjectNode()
                            .put("testCode", "ALP")
                            .put("value", 60 + r.nextInt(400))
                            .put("unit", "U/L")
                            .put("upperLimitOfNormal", 120)
                            .put("date", labDate.toString()));
        }
        report.put(
                "narrative",
                age + "-year-old using kratom for " + (r.nextBoolean() ? "pain" : "opioid withdrawal")
                        + " presented to the emergency department. " + KEY_MARK + key);
        return report;
    }

    public static String json(ObjectNode node) {
        return node.toString();
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
