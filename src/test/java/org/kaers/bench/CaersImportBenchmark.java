package org.kaers.bench;

import static io.restassured.RestAssured.given;

import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Imports a generated 100,000-row CAERS export (realistic mix: 1-3 products per report, 1-5 symptoms,
 * quoted lists, empty dates, several age units) and prints the wall time, then re-imports it.
 * Run: {@code ./mvnw -B -Pbench test -Dtest=CaersImportBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class CaersImportBenchmark {

    private static final String[] PRODUCTS = {"KRATOM", "Maeng Da Kratom", "KRATOM CAPSULES", "MIT45 GOLD",
            "OPMS LIQUID KRATOM", "7OH TABLETS", "RED BALI KRATOM POWDER", "Feel Free Tonic", "ALCOHOL", "XANAX",
            "FENTANYL", "KAVA", "COFFEE", "VITAMIN D", "FISH OIL", "GREEN TEA EXTRACT"};
    private static final String[] SYMPTOMS = {"VOMITING", "NAUSEA", "CONVULSION", "SEIZURE", "TACHYCARDIA",
            "JAUNDICE", "HEPATOTOXICITY", "DRUG WITHDRAWAL SYNDROME", "DRUG DEPENDENCE", "SOMNOLENCE", "AGITATION",
            "CONFUSIONAL STATE", "DEATH", "CARDIAC ARREST", "RESPIRATORY DEPRESSION", "HALLUCINATION, VISUAL",
            "ABDOMINAL PAIN UPPER", "PRURITUS", "CHROMATURIA", "DIZZINESS", "HEADACHE", "INSOMNIA", "ANXIETY"};
    private static final String[] OUTCOMES = {"HOSPITALIZATION", "VISITED AN ER", "NON-SERIOUS INJURIES/ ILLNESS",
            "LIFE THREATENING", "OTHER SERIOUS (IMPORTANT MEDICAL EVENTS)", "VISITED A HEALTH CARE PROVIDER", "NONE"};
    private static final String[] UNITS = {"Year(s)", "Year(s)", "Year(s)", "Month(s)", "Decade(s)", "Not Available"};
    private static final String[] GENDERS = {"Female", "Male", "Unknown", "Not Reported"};

    @Test
    void import100kRows() {
        String csv = generate(100_000, new Random(42));
        System.out.printf("%n=== CAERS import benchmark: %,d bytes ===%n", csv.length());
        for (String round : new String[] {"first import", "re-import (all present)"}) {
            long start = System.nanoTime();
            var response = given().contentType("text/csv").body(csv).post("/api/v1/imports/caers");
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.asString());
            }
            var summary = response.jsonPath();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-26s %6.1f s  rows=%d reports=%d imported=%d alreadyPresent=%d skipped=%d (%.0f rows/s)%n",
                    round, seconds, summary.getLong("rows"), summary.getInt("reports"), summary.getInt("imported"),
                    summary.getInt("alreadyPresent"), summary.getInt("skipped"), summary.getLong("rows") / seconds);
            if (round.startsWith("first")) {
                // The statistics aggregates lag behind a bulk load until the worker has folded it in.
                long foldStart = System.nanoTime();
                long folded = given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200).extract()
                        .jsonPath().getLong("folded");
                double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
                System.out.printf("%-26s %6.1f s  %,d queued changes folded into the statistics aggregates (%.0f/s)%n",
                        "aggregates catch-up", foldSeconds, folded, folded / foldSeconds);
            }
        }
    }

    static String generate(int rows, Random random) {
        StringBuilder out = new StringBuilder(rows * 220);
        out.append("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
        int written = 0;
        int report = 100_000;
        while (written < rows) {
            report++;
            int products = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
            String created = (1 + random.nextInt(12)) + "/" + (1 + random.nextInt(28)) + "/" + (2014 + random.nextInt(11));
            String event = random.nextInt(4) == 0 ? "" : created;
            String unit = UNITS[random.nextInt(UNITS.length)];
            String age = unit.equals("Not Available") ? "" : String.valueOf(unit.startsWith("Decade") ? 1 + random.nextInt(8)
                    : unit.startsWith("Month") ? 1 + random.nextInt(23) : 15 + random.nextInt(70));
            String gender = GENDERS[random.nextInt(GENDERS.length)];
            String outcomes = pick(OUTCOMES, 1 + random.nextInt(2), random);
            String symptoms = pick(SYMPTOMS, 1 + random.nextInt(5), random);
            if (outcomes.contains("DEATH") || symptoms.contains("DEATH")) {
                outcomes = outcomes + ", DEATH";
            }
            for (int p = 0; p < products && written < rows; p++, written++) {
                String role = p == 0 ? "Suspect" : "Concomitant";
                out.append(report).append(',').append(created).append(',').append(event).append(',').append(role)
                        .append(",\"").append(PRODUCTS[random.nextInt(PRODUCTS.length)]).append("\",54,")
                        .append("\"Vit/Min/Prot/Unconv Diet(Human/Animal)\",").append(age).append(',').append(unit)
                        .append(',').append(gender).append(",\"").append(outcomes).append("\",\"").append(symptoms)
                        .append("\"\n");
            }
        }
        return out.toString();
    }

    private static String pick(String[] pool, int n, Random random) {
        java.util.LinkedHashSet<String> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(pool[random.nextInt(pool.length)]);
        }
        return String.join(", ", chosen);
    }
}
