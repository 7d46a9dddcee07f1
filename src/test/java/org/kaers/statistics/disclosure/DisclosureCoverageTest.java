package org.kaers.statistics.disclosure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kaers.statistics.Dimension;

/**
 * Adding a statistics or signals operation, or a dimension, without placing it in the disclosure model fails
 * here: every operation the served OpenAPI document lists under /api/v1/stats, /api/v1/signals, /api/v1/products,
 * /api/v1/substances, openFDA's door (/food, /api/v1/openfda), the vocabulary (/api/v1/vocabulary) and the public tier (/api/v1/public) (the paths that serve case counts) must be in
 * {@link Disclosure#OPERATIONS} (and nothing stale there), and every dimension must be offered by the counts
 * operation and classified by {@link Disclosure#kind}.
 */
@QuarkusTest
class DisclosureCoverageTest {

    @Test
    void everyStatisticsAndSignalsOperationIsRegistered() {
        Map<String, Map<String, Map<String, Object>>> paths = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        Set<String> served = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/v1/stats")
                    || path.startsWith("/api/v1/signals")
                    || path.startsWith("/api/v1/products")
                    || path.startsWith("/api/v1/substances")
                    || path.startsWith("/api/v1/openfda")
                    || path.startsWith("/food")
                    || path.startsWith("/api/v1/vocabulary")
                    || path.startsWith(org.kaers.security.PublicApi.PREFIX)) {
                operations.values().forEach(op -> served.add((String) op.get("operationId")));
            }
        });
        assertThat(served).as("operations without a disclosure entry").isSubsetOf(Disclosure.OPERATIONS.keySet());
        assertThat(Disclosure.OPERATIONS.keySet())
                .as("disclosure entries without an operation")
                .isSubsetOf(served);
    }

    /**
     * The public tier counts only by closed, coarse dimensions (never free text, products or terms), and offers exactly
     * those: a dimension added to the public list without being documented, or a documented one not served, fails.
     */
    @Test
    void thePublicTierOffersOnlyCoarseClosedDimensions() {
        given().post("/api/v1/stats/releases").then().statusCode(201);
        String offered = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString(
                        "paths.'/api/v1/public/stats/counts'.get.parameters.find { it.name == 'by' }" + ".schema.enum");
        assertThat(offered)
                .isEqualTo(Disclosure.PUBLIC_DIMENSIONS.stream()
                        .map(Dimension::code)
                        .toList()
                        .toString());
        for (Dimension d : Disclosure.PUBLIC_DIMENSIONS) {
            assertThat(Disclosure.kind(d)).as(d.code()).isEqualTo(Disclosure.ValueKind.CATEGORY);
            assertThat(d).as(d.code()).isNotIn(Dimension.SYMPTOM, Dimension.COUNTRY, Dimension.SOURCE);
        }
        for (Dimension d : Dimension.values()) {
            int status = given().queryParam("by", d.code())
                    .get("/api/v1/public/stats/counts")
                    .then()
                    .extract()
                    .statusCode();
            assertThat(status).as(d.code()).isEqualTo(Disclosure.PUBLIC_DIMENSIONS.contains(d) ? 200 : 400);
        }
    }

    @Test
    void everyDimensionIsClassifiedAndOffered() {
        String by = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("paths.'/api/v1/stats/counts'.get.parameters.find { it.name == 'by' }.description");
        for (Dimension d : Dimension.values()) {
            assertThat(Disclosure.kind(d)).as(d.code()).isNotNull();
            assertThat(by).as("the by parameter offers " + d.code()).containsPattern("\\b" + d.code() + "\\b");
        }
    }
}
