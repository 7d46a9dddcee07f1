package org.kaers.bench;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.vocabulary.ProductCoder;
import org.kaers.vocabulary.SymptomCoder;

/**
 * How long coding takes per reaction and what it adds to a submission. Not part of the test suite:
 * run with {@code ./mvnw -Pbench test -Dtest=CodingBenchmark} (see README, Benchmarks).
 */
@QuarkusTest
@Tag("benchmark")
class CodingBenchmark {

    private static final int ROUNDS = 400;

    @Inject
    SymptomCoder symptoms;

    @Inject
    ProductCoder products;

    @Inject
    Tx tx;

    @Test
    void codingCostPerReactionAndPerSubmission() {
        List<String> out = new ArrayList<>();
        out.add(time("symptom match, exact synonym (\"Fits\")", () -> tx.run(() -> symptoms.match("Fits"))));
        out.add(time(
                "symptom match, misspelt (\"vomitting\", fuzzy)", () -> tx.run(() -> symptoms.match("vomitting"))));
        out.add(time(
                "symptom match, no match (\"felt weird today\")",
                () -> tx.run(() -> symptoms.match("felt weird today"))));
        out.add(time(
                "product match, alias (\"Mitragyna speciosa\")",
                () -> tx.run(() -> products.match("Mitragyna speciosa"))));
        out.add(time(
                "product match, new name", () -> tx.run(() -> products.match("Acme " + CaseReports.uniqueToken()))));

        // Whole submissions over HTTP: verbatims already coded (lookup only) versus new verbatims (coded now).
        out.add(time("POST /reports, 3 known verbatims + 2 known products", () -> submit(false)));
        out.add(time("POST /reports, 3 new verbatims + 2 new products", () -> submit(true)));
        System.out.println("\n=== Coding benchmark (" + ROUNDS + " rounds each, after " + ROUNDS / 4 + " warm-up) ===");
        out.forEach(System.out::println);
        System.out.println();
    }

    private static int submit(boolean fresh) {
        String token = fresh ? CaseReports.uniqueToken() : "";
        ObjectNode report = CaseReports.withProduct(fresh ? "Brand " + token + " kratom" : "kratom capsules");
        report.withArray("products")
                .addObject()
                .put("role", "CONCOMITANT")
                .put("name", fresh ? "Pill " + token : "alcohol");
        CaseReports.reaction(report, 0).put("verbatim", fresh ? "nausea " + token : "nausea");
        report.withArray("reactions")
                .addObject()
                .put("verbatim", fresh ? "zz " + token : "fits")
                .put("outcome", "UNKNOWN");
        report.withArray("reactions")
                .addObject()
                .put("verbatim", fresh ? "vomitting " + token : "vomitting")
                .put("outcome", "UNKNOWN");
        return given().contentType(ContentType.JSON)
                .body(report.toString())
                .post("/api/v1/reports")
                .statusCode();
    }

    private static String time(String name, Supplier<?> action) {
        for (int i = 0; i < ROUNDS / 4; i++) {
            action.get();
        }
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            action.get();
            nanos[i] = System.nanoTime() - start;
        }
        return Timings.summary(name, nanos);
    }

    /** Runs a read in a transaction, as the services do. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Tx {
        @Transactional
        <T> T run(Supplier<T> work) {
            return work.get();
        }
    }
}
