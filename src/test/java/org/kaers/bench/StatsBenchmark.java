package org.kaers.bench;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.vocabulary.CodingSweep;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Seeds realistic cases straight into the tables (default 1,000,000; -Dbench.cases=N), codes their texts,
 * then times the main statistics queries over HTTP. Run:
 * {@code ./mvnw -B -Pbench test -Dtest=StatsBenchmark [-Dbench.cases=200000]}.
 */
@QuarkusTest
@Tag("benchmark")
class StatsBenchmark {

    private static final String PRODUCTS = "array['KRATOM','Maeng Da Kratom','KRATOM CAPSULES','MIT45 GOLD','OPMS LIQUID KRATOM',"
            + "'7OH TABLETS','Red Bali Kratom Powder','Feel Free Tonic','alcohol','XANAX','fentanyl','kava','coffee',"
            + "'gabapentin','cannabis','Green Malay Kratom','kratom extract shot','7-OH gummies','heroin','suboxone']";
    private static final String VERBATIMS = "array['vomiting','nausea','seizure','fits','tachycardia','jaundice','dark urine',"
            + "'itching','drug withdrawal syndrome','addiction','drowsiness','agitation','confusion','death','cardiac arrest',"
            + "'respiratory depression','abdominal pain','constipation','dizziness','headache','insomnia','anxiety',"
            + "'liver damage','elevated liver enzymes','hallucinations','tremor','sweating','felt weird','palpitations','coma']";

    @Inject
    DataSource dataSource;

    @Inject
    CodingSweep sweep;

    @Test
    void statisticsLatency() throws Exception {
        int cases = Integer.getInteger("bench.cases", 1_000_000);
        long seedStart = System.nanoTime();
        seed(cases);
        while (sweep.sweepBatch() > 0) {
            // code every distinct verbatim and product name
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        String[][] queries = {
                {"counts by substance", "/api/v1/stats/counts?by=substance"},
                {"counts by symptom, substance=KRATOM", "/api/v1/stats/counts?by=symptom&substance=KRATOM"},
                {"counts by sex, serious=true", "/api/v1/stats/counts?by=sex&serious=true"},
                {"counts by substance x symptom (page of 100)", "/api/v1/stats/counts?by=substance,symptom"},
                {"trend by month, substance=KRATOM", "/api/v1/stats/trends?substance=KRATOM"},
                {"summary substance=KRATOM", "/api/v1/stats/summary?substance=KRATOM"}};
        List<String> lines = new ArrayList<>();
        int rounds = Integer.getInteger("bench.rounds", 10);
        for (String[] q : queries) {
            given().get(q[1]).then().statusCode(200); // warm-up
            long[] nanos = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                given().get(q[1]).then().statusCode(200);
                nanos[i] = System.nanoTime() - start;
            }
            lines.add(Timings.summary(q[0], nanos));
        }
        System.out.printf("%n=== Statistics benchmark: %,d cases seeded and coded in %.1f s; %d rounds each ===%n",
                cases, seedSeconds, rounds);
        lines.forEach(System.out::println);
        System.out.println();
    }

    private void seed(int n) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("""
                    insert into case_report (id, case_number, status, current_version, source, received_at, updated_at,
                        nullified_at, nullification_reason)
                    select i, 'BEN-2026-' || lpad(i::text, 7, '0'),
                        case when i %% 50 = 0 then 'NULLIFIED' else 'ACTIVE' end, 1,
                        case when i %% 3 = 0 then 'CAERS' else 'DIRECT' end,
                        timestamptz '2016-01-01' + (i %% 3650) * interval '1 day', now(),
                        case when i %% 50 = 0 then now() end, case when i %% 50 = 0 then 'DUPLICATE' end
                    from generate_series(1, %d) i""".formatted(n));
            s.execute("""
                    insert into case_version (id, case_id, version, version_type, received_at, reporter_qualification,
                        reporter_country, patient_sex, serious, derived_age_group)
                    select i, i, 1, 'INITIAL', now(),
                        (array['PHYSICIAN','PHARMACIST','NURSE','POISON_CENTRE','CONSUMER'])[1 + i %% 5],
                        (array['US','US','US','CA','GB'])[1 + (i / 7) %% 5],
                        (array['FEMALE','MALE','MALE',null])[1 + (i / 3) %% 4],
                        i %% 5 < 2,
                        (array['ADULT','ADULT','ADULT','ELDERLY','ADOLESCENT',null])[1 + (i / 11) %% 6]
                    from generate_series(1, %d) i""".formatted(n));
            s.execute("""
                    insert into case_product (case_version_id, seq, role, name_reported)
                    select i, k, case when k = 0 then 'SUSPECT' else 'CONCOMITANT' end,
                        (%s)[1 + ((i * 7 + k * 13) %% 20)]
                    from generate_series(1, %d) i, generate_series(0, 2) k
                    where k <= (i %% 10) / 6""".formatted(PRODUCTS, n));
            s.execute("""
                    insert into case_reaction (case_version_id, seq, verbatim, outcome, onset_date)
                    select i, k, (%s)[1 + ((i * 31 + k * 17) %% 30)], 'UNKNOWN',
                        date '2016-01-01' + (i %% 3650) - 3
                    from generate_series(1, %d) i, generate_series(0, 3) k
                    where k <= i %% 4""".formatted(VERBATIMS, n));
            s.execute("""
                    insert into case_seriousness (case_version_id, criterion)
                    select i, 'HOSPITALIZATION' from generate_series(1, %d) i where i %% 5 < 2""".formatted(n));
            s.execute("select setval('case_report_seq', %d), setval('case_version_seq', %d)".formatted(n + 100, n + 100));
            s.execute("analyze");
        }
    }
}
