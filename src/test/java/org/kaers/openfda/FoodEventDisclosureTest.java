package org.kaers.openfda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.openfda.FoodEventCompatibilityTest.error;
import static org.kaers.openfda.FoodEventCompatibilityTest.ok;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;
import org.kaers.openfda.FoodEventData.Report;
import org.kaers.statistics.disclosure.PerturbationTable;

/**
 * Who gets what from /food/event.json: researchers count and total with the cell key method (each released value
 * recomputed here from the published table, the true counts of the known data set and the cases' keys read from
 * the database), never records; reporters nothing.
 */
@QuarkusTest
class FoodEventDisclosureTest {

    private static final String RESEARCHER = Tokens.bearer(Tokens.of("researcher@test", "RESEARCHER"));
    private static final PerturbationTable TABLE = new PerturbationTable(5);

    @Inject
    TestDatabase db;

    private static ExtractableResponse<Response> get(String token, String query) {
        String raw = query.replace("\"", "%22");
        return RestAssured.given()
                .urlEncodingEnabled(false)
                .header("Authorization", token)
                .get(FoodEventCompatibilityTest.PATH + "?" + raw)
                .then()
                .extract();
    }

    private Map<String, Long> keys(FoodEventData data) {
        Map<String, Long> keys = new HashMap<>();
        for (Report r : data.reports) {
            keys.put(
                    r.number(),
                    db.count("select disclosure_key from case_report where source = 'CAERS' and external_id = '"
                            + r.number() + "'"));
        }
        return keys;
    }

    @Test
    void researchersGetProtectedTotalsAndCountsButNoRecords() {
        FoodEventData data = FoodEventCompatibilityTest.data();
        cutRelease();
        Map<String, Long> keys = keys(data);
        String search = "search=products.name_brand:kratom+AND+report_number:" + data.tag;
        List<Report> kratom = data.where(r -> r.brandHasWord("kratom"));

        // Records: 403 in openFDA's shape, pointing to count= and limit=0.
        assertThat(error(get(RESEARCHER, search), 403, "FORBIDDEN", null))
                .contains("count=")
                .contains("limit=0");
        // The total of a search is a cell of its own.
        JsonPath total = ok(get(RESEARCHER, search + "&limit=0"));
        assertThat(total.getLong("meta.results.total")).isEqualTo(released(kratom, keys));
        assertThat(total.getString("meta.disclosure.method")).isEqualTo("CELL_KEY");
        assertThat(total.getInt("meta.disclosure.smallCellThreshold")).isEqualTo(5);

        // Each bucket is a cell: noise from its cases' keys; reporters' text (reactions) only from 6 cases.
        List<String> expected = counts(kratom, Report::reactions, keys, true);
        assertThat(FoodEventCompatibilityTest.pairs(ok(get(RESEARCHER, search + "&count=reactions.exact"))))
                .containsExactlyElementsOf(expected);
        // Outcomes are a closed list: every released bucket, small ones included (released as 0 or above 5).
        assertThat(FoodEventCompatibilityTest.pairs(ok(get(RESEARCHER, search + "&count=outcomes.exact"))))
                .containsExactlyElementsOf(counts(kratom, Report::outcomes, keys, false));
        // A report number's words are counted only when they occur in 6 cases or more: the run's tag, never the
        // number that identifies one case.
        assertThat(ok(get(RESEARCHER, search + "&count=report_number")).getList("results.term", String.class))
                .containsExactly(data.tag);

        // A single case: released as 0 (404, as no match) or as at least 6, never as 1.
        Report one = data.reports.get(7);
        ExtractableResponse<Response> single = get(RESEARCHER, "search=report_number:\"" + one.number() + "\"&limit=0");
        long released = TABLE.release(1, keys.get(one.number()));
        if (released == 0) {
            error(single, 404, "NOT_FOUND", "No matches found!");
        } else {
            assertThat(ok(single).getLong("meta.results.total"))
                    .isEqualTo(released)
                    .isGreaterThan(5);
        }
        // The same question asked again gets the same answer.
        assertThat(get(RESEARCHER, search + "&limit=0").body().asString())
                .isEqualTo(get(RESEARCHER, search + "&limit=0").body().asString());
    }

    @Test
    void reportersAndAnonymousCallersGetNothing() {
        assertThat(get(Tokens.bearer(Tokens.of("reporter@test", "REPORTER")), "limit=0")
                        .statusCode())
                .isEqualTo(403);
        assertThat(RestAssured.given()
                        .urlEncodingEnabled(false)
                        .header("Authorization", "Bearer x")
                        .get(FoodEventCompatibilityTest.PATH + "?limit=0")
                        .statusCode())
                .isEqualTo(401);
    }

    private static long keySum(List<Report> rs, Map<String, Long> keys) {
        return rs.stream().mapToLong(r -> keys.get(r.number())).sum();
    }

    /** Researchers read the latest frozen release (issue 14): one is cut after the data are in. */
    private static void cutRelease() {
        RestAssured.given()
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);
    }

    /**
     * The frozen-release attack through openFDA's door: cases arriving after a release change nothing a researcher
     * can count until the next release (a reviewer sees them at once), and then change it the cell-key way only.
     */
    @Test
    void researchersCountTheLatestReleaseNotTheLiveCases() {
        String token = org.kaers.fixtures.CaseReports.uniqueToken();
        String search = "search=products.name_brand:" + token + "&limit=0";
        cutRelease();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cases.add(org.kaers.fixtures.CaseReports.submit(
                    org.kaers.fixtures.CaseReports.withProduct(token + " kratom powder"), Tokens.ADMIN));
        }
        // Reviewers and administrators read live: all eight at once.
        assertThat(ok(get(Tokens.bearer(Tokens.ADMIN), search)).getLong("meta.results.total"))
                .isEqualTo(8);
        // Researchers: not in the release, so no match at all (openFDA's 404), however often they ask.
        error(get(RESEARCHER, search), 404, "NOT_FOUND", null);
        error(get(RESEARCHER, search.replace("&limit=0", "&count=consumer.gender")), 404, "NOT_FOUND", null);
        cutRelease();
        long keySum = 0;
        for (String number : cases) {
            keySum += db.count("select disclosure_key from case_report where case_number = '" + number + "'");
        }
        long expected = TABLE.release(8, keySum);
        ExtractableResponse<Response> after = get(RESEARCHER, search);
        if (expected == 0) {
            error(after, 404, "NOT_FOUND", null);
        } else {
            assertThat(ok(after).getLong("meta.results.total")).isEqualTo(expected);
        }
    }

    private static long released(List<Report> rs, Map<String, Long> keys) {
        return TABLE.release(rs.size(), keySum(rs, keys));
    }

    /** The released counts per value, released-0 values absent, by released count descending then term. */
    private static List<String> counts(
            List<Report> rs, Function<Report, List<String>> values, Map<String, Long> keys, boolean reportersText) {
        Map<String, List<Report>> byValue = new HashMap<>();
        for (Report r : rs) {
            for (String v : new LinkedHashSet<>(values.apply(r))) {
                byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(r);
            }
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        byValue.forEach((v, cases) -> {
            long n = released(cases, keys);
            if (n > 0 && (!reportersText || cases.size() >= 6)) {
                out.add(Map.entry(v, n));
            }
        });
        return out.stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }
}
