package org.kaers.signals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestRole;
import org.kaers.fixtures.Tokens;

/**
 * openEBGM's published CAERS fit through the service: its CAERS 2012 data (see {@link OpenEbgmCaersTest} for
 * where the data comes from) imported with the CAERS importer, one row per report x product,
 * each term on a row of its own so that no list is split or joined; then the prior at the level as reported
 * (GET /api/v1/signals/prior?against=verbatim) and the published pairs (GET /api/v1/signals?productName=...).
 * Its own profile: a database holding only these reports.
 */
@QuarkusTest
@TestRole("RESEARCHER")
@TestProfile(OpenEbgmServiceTest.Profile.class)
class OpenEbgmServiceTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kaers.stats.aggregate-interval", "off", "kaers.signals.refit-check", "off");
        }
    }

    /** The import, the catch-up and the fit each take minutes on a loaded 2-core machine. */
    private static final io.restassured.config.RestAssuredConfig SLOW = io.restassured.RestAssured.config()
            .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 1_800_000));

    @Test
    void theAsReportedPriorAndPairsAreOpenEbgms() throws IOException {
        Map<String, Set<String>> products = new LinkedHashMap<>();
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        try (Reader in = OpenEbgmCaersTest.openData()) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(in)) {
                products.computeIfAbsent(r.get("id"), k -> new LinkedHashSet<>())
                        .add(r.get("var1"));
                terms.computeIfAbsent(r.get("id"), k -> new LinkedHashSet<>()).add(r.get("var2"));
            }
        }
        StringBuilder csv = new StringBuilder("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
        for (String id : products.keySet()) {
            List<String> p = new ArrayList<>(products.get(id));
            List<String> t = new ArrayList<>(terms.get(id));
            for (int i = 0; i < Math.max(p.size(), t.size()); i++) {
                csv.append(id)
                        .append(",1/1/2012,,Suspect,")
                        .append(quoted(p.get(Math.min(i, p.size() - 1))))
                        .append(",54,,,,,,")
                        .append(quoted(t.get(Math.min(i, t.size() - 1))))
                        .append('\n');
            }
        }
        // 3,356 reports with 2,874 new product names: the synchronous import takes minutes on this machine.
        given().config(SLOW)
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200)
                .body("imported", org.hamcrest.Matchers.equalTo(3356));
        given().config(SLOW)
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200);
        // Researchers read the latest frozen release: cut one holding the import.
        given().config(SLOW)
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);

        JsonPath prior = given().config(SLOW)
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .queryParam("against", "verbatim")
                .post("/api/v1/signals/prior")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(prior.getLong("totalCases")).isEqualTo(3356);
        assertThat(prior.getInt("cells")).isEqualTo(17_189);
        assertThat(prior.getBoolean("converged"))
                .as("warnings %s", prior.getList("warnings"))
                .isTrue();
        assertThat(prior.getDouble("alpha1")).isCloseTo(3.25379356, within(0.01 * 3.25379356));
        assertThat(prior.getDouble("beta1")).isCloseTo(0.39988854, within(0.01 * 0.39988854));
        assertThat(prior.getDouble("alpha2")).isCloseTo(2.02612692, within(0.01 * 2.02612692));
        assertThat(prior.getDouble("beta2")).isCloseTo(1.90807970, within(0.01 * 1.90807970));
        assertThat(prior.getDouble("p")).isCloseTo(0.06534557, within(0.01 * 0.06534557));

        // REUMOFAN PLUS x WEIGHT INCREASED: N 16, E 0.40643623, EB05 15.68, EBGM 23.26, EB95 33.48 (openEBGM),
        // at exact counts: a reviewer's table (a researcher's is computed from the released, perturbed counts).
        JsonPath table = given().config(SLOW)
                .header("Authorization", Tokens.bearer(Tokens.of("ebgm-reviewer@test", "REVIEWER")))
                .queryParam("productName", "REUMOFAN PLUS")
                .queryParam("against", "verbatim")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> row = table.<Map<String, Object>>getList("results").stream()
                .filter(r -> "WEIGHT INCREASED".equals(r.get("key")))
                .findFirst()
                .orElseThrow();
        assertThat(((Number) row.get("a")).intValue()).isEqualTo(16);
        assertThat(((Number) row.get("expected")).doubleValue()).isCloseTo(0.40643623, within(1e-6));
        Map<?, ?> ebgm = (Map<?, ?>) row.get("ebgm");
        assertThat(((Number) ebgm.get("lower")).doubleValue()).isCloseTo(15.68, within(0.01));
        assertThat(((Number) ebgm.get("value")).doubleValue()).isCloseTo(23.26, within(0.01));
        assertThat(((Number) ebgm.get("upper")).doubleValue()).isCloseTo(33.48, within(0.01));
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
