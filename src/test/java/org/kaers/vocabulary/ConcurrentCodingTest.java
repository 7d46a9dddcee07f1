package org.kaers.vocabulary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;

/**
 * Reports that arrive together, each naming the same new reaction texts and product names in opposite orders,
 * are all stored: new codings are inserted in one order whatever the report's order, so two transactions
 * cannot deadlock on the codings' unique index (the load harness found such a deadlock, then a 500).
 */
@QuarkusTest
class ConcurrentCodingTest {

    @Test
    void oppositeOrdersOfNewTextsAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 15; round++) {
                String a = CaseReports.uniqueToken();
                String b = CaseReports.uniqueToken();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String body = report(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a).toString();
                    statuses.add(pool.submit(() -> {
                        go.await();
                        return given().contentType("application/json")
                                .body(body)
                                .post("/api/v1/reports")
                                .statusCode();
                    }));
                }
                go.countDown();
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).as("round " + round).isEqualTo(201);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ObjectNode report(String first, String second) {
        ObjectNode report = CaseReports.minimal();
        ArrayNode reactions = report.putArray("reactions");
        reactions.addObject().put("verbatim", "felt " + first).put("outcome", "UNKNOWN");
        reactions.addObject().put("verbatim", "felt " + second).put("outcome", "UNKNOWN");
        ArrayNode products = report.putArray("products");
        products.addObject().put("role", "SUSPECT").put("name", "kratom " + first);
        products.addObject().put("role", "CONCOMITANT").put("name", "kratom " + second);
        return report;
    }
}
