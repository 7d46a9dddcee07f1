package org.kaers.openfda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;
import org.kaers.openfda.FoodEventData.Report;

/**
 * openFDA's food/event contract over a known data set ({@link FoodEventData}), as a reviewer (exact numbers): the
 * example queries of ../shared/DOMAIN.md and more, through HTTP with the query strings written as openFDA users
 * write them ({@code +} for spaces). Every expected number is computed from the generated reports.
 */
@QuarkusTest
class FoodEventCompatibilityTest {

    static final String PATH = "/food/event.json";
    private static FoodEventData shared;

    static FoodEventData data() {
        if (shared == null) {
            shared = new FoodEventData();
        }
        return shared;
    }

    /**
     * A GET with a raw query string (not re-encoded: + stays openFDA's space); only the characters Java's URI
     * refuses are percent-encoded, as curl users type them.
     */
    static ExtractableResponse<Response> get(String path, String query) {
        String raw = query.replace("\"", "%22")
                .replace("[", "%5B")
                .replace("]", "%5D")
                .replace("{", "%7B")
                .replace("}", "%7D");
        return given().urlEncodingEnabled(false).get(path + "?" + raw).then().extract();
    }

    static ExtractableResponse<Response> get(String query) {
        return get(PATH, query);
    }

    private String tagged(String search) {
        return search + "+AND+report_number:" + data().tag;
    }

    @Test
    void exampleCountOfReactionsOfKratomProducts() {
        JsonPath body = ok(get("search=" + tagged("products.name_brand:kratom") + "&count=reactions.exact"));
        List<Report> kratom = data().where(r -> r.brandHasWord("kratom"));
        assertThat(pairs(body)).containsExactlyElementsOf(FoodEventData.counts(kratom, Report::reactions));
        assertThat(body.getMap("meta")).containsKeys("disclaimer", "terms", "license", "last_updated");
        assertThat(body.getString("meta.disclaimer")).startsWith("Do not rely on openFDA to make decisions");
        assertThat(body.getString("meta.terms")).isEqualTo("https://open.fda.gov/terms/");
        assertThat(body.getString("meta.license")).isEqualTo("https://open.fda.gov/license/");
        assertThat(body.getString("meta.last_updated")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat((Object) body.get("meta.results"))
                .as("counts have no results block")
                .isNull();
        assertThat(body.getString("meta.disclosure.method")).isEqualTo("NONE");
        // Without .exact a text field counts its words.
        JsonPath words = ok(get("search=" + tagged("products.name_brand:kratom") + "&count=reactions&limit=3"));
        List<String> expected = FoodEventData.counts(
                kratom,
                r -> r.reactions().stream()
                        .flatMap(t -> FoodEventData.words(t).stream())
                        .toList());
        assertThat(pairs(words)).containsExactlyElementsOf(expected.subList(0, 3));
    }

    @Test
    void examplePhraseAndDateRangeWithSkipAndLimit() {
        List<Report> expected =
                data().where(r -> r.brandHasPhrase("maeng da") && r.created().getYear() == 2018);
        assertThat(expected).hasSizeBetween(101, 199);
        String search = tagged("products.name_brand:\"maeng+da\"+AND+date_created:[20180101+TO+20181231]");
        ExtractableResponse<Response> page = get("search=" + search + "&limit=100&skip=100");
        JsonPath body = ok(page);
        assertThat(body.getInt("meta.results.skip")).isEqualTo(100);
        assertThat(body.getInt("meta.results.limit")).isEqualTo(100);
        assertThat(body.getLong("meta.results.total")).isEqualTo(expected.size());
        assertThat(body.getList("results.report_number", String.class))
                .containsExactlyElementsOf(FoodEventData.numbers(expected).subList(100, expected.size()));
        assertThat(page.header("Link")).as("the last page").isNull();
        // The same range written YYYY-MM-DD, and the same under /api/v1/openfda.
        JsonPath dashed = ok(get(
                "/api/v1/openfda/food/event.json",
                "search="
                        + tagged("products.name_brand:\"maeng+da\"+AND+date_created:[2018-01-01+TO+2018-12-31]")
                        + "&limit=100&skip=100"));
        assertThat(dashed.getList("results")).isEqualTo(body.getList("results"));
        // Skip paging: rel="next" carries skip + limit while there is more.
        ExtractableResponse<Response> first = get("search=" + search + "&limit=50&skip=50");
        assertThat(first.header("Link"))
                .contains("skip=100")
                .contains("limit=50")
                .endsWith(">; rel=\"next\"");
    }

    @Test
    void exampleTotalOnlyOfDeaths() {
        JsonPath body =
                ok(get("search=" + tagged("products.name_brand:kratom+AND+outcomes.exact:\"DEATH\"") + "&limit=0"));
        long expected = data().where(
                        r -> r.brandHasWord("kratom") && r.outcomes().contains("DEATH"))
                .size();
        assertThat(expected).isPositive();
        assertThat(body.getLong("meta.results.total")).isEqualTo(expected);
        assertThat(body.getInt("meta.results.limit")).isZero();
        assertThat(body.getList("results")).isEmpty();
    }

    @Test
    void exampleDailySeries() {
        JsonPath body = ok(get("search=" + tagged("products.name_brand:kratom") + "&count=date_created"));
        List<String> series = new ArrayList<>();
        for (Map<String, Object> r : body.<Map<String, Object>>getList("results")) {
            series.add(r.get("time") + "=" + r.get("count"));
        }
        assertThat(series).containsExactlyElementsOf(FoodEventData.daily(data().where(r -> r.brandHasWord("kratom"))));
    }

    @Test
    void booleanOperatorsPhrasesWildcardsAndExistence() {
        total(
                "(products.name_brand:energy+products.name_brand:coffee)",
                r -> r.brandHasWord("energy") || r.brandHasWord("coffee"));
        total(
                "(products.name_brand:energy+OR+products.name_brand:coffee)",
                r -> r.brandHasWord("energy") || r.brandHasWord("coffee"));
        total("NOT+products.name_brand:kratom", r -> !r.brandHasWord("kratom"));
        total(
                "products.name_brand:kratom+AND+NOT+reactions.exact:VOMITING",
                r -> r.brandHasWord("kratom") && !r.reactions().contains("VOMITING"));
        total("products.name_brand:kra*", r -> r.brandHasWord("kratom"));
        total("products.name_brand:*atom", r -> r.brandHasWord("kratom"));
        total("products.name_brand.exact:Green*", r -> r.products().stream().anyMatch(p -> p[1].startsWith("Green")));
        // A phrase matches consecutive words whatever separates them (Maeng-Da); a lone word anywhere.
        total("products.name_brand:\"maeng+da\"", r -> r.brandHasPhrase("maeng da"));
        total("products.name_brand:\"da+maeng\"", r -> false);
        // Text fields ignore case, .exact fields do not.
        total("reactions:vomiting", r -> r.reactions().contains("VOMITING"));
        total("reactions.exact:vomiting", r -> false);
        total("reactions.exact:\"HEPATIC+ENZYME+INCREASED\"", r -> r.reactions().contains("HEPATIC ENZYME INCREASED"));
        total("_missing_:consumer.age", r -> r.age() == null);
        total("_exists_:consumer.gender", r -> r.gender() != null);
        total("_missing_:date_started", r -> r.started() == null);
        total(
                "consumer.gender:Female+AND+consumer.age:[30+TO+40]",
                r -> "Female".equals(r.gender())
                        && r.age() != null
                        && Integer.parseInt(r.age()) >= 30
                        && Integer.parseInt(r.age()) <= 40);
        total(
                "date_started:{20180101+TO+20180201}",
                r -> r.started() != null
                        && r.started().isAfter(java.time.LocalDate.of(2018, 1, 1))
                        && r.started().isBefore(java.time.LocalDate.of(2018, 2, 1)));
        total("date_created:[*+TO+20171231]", r -> r.created().getYear() == 2017);
        total("products.role:concomitant", r -> r.products().size() > 1);
        // A term without a field looks in every field.
        total("coffee", r -> r.brandHasWord("coffee"));
        // NOT on a missing value still matches the case (a missing gender is not Female).
        total("NOT+consumer.gender:Female", r -> !"Female".equals(r.gender()));
    }

    @Test
    void oneRecordInOpenFdasShape() {
        Report r = data().reports.get(5);
        JsonPath body = ok(get("search=report_number:\"" + r.number() + "\""));
        assertThat(body.getLong("meta.results.total")).isEqualTo(1);
        assertThat(body.getString("results[0].report_number")).isEqualTo(r.number());
        assertThat(body.getString("results[0].date_created")).isEqualTo(r.createdText());
        assertThat(body.getString("results[0].date_started"))
                .isEqualTo(r.started().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(body.getList("results[0].outcomes", String.class)).containsExactlyInAnyOrderElementsOf(r.outcomes());
        assertThat(body.getList("results[0].reactions", String.class)).containsExactlyElementsOf(r.reactions());
        assertThat(body.getMap("results[0].consumer"))
                .isEqualTo(Map.of("age", r.age(), "age_unit", "year(s)", "gender", r.gender()));
        assertThat(body.getList("results[0].products"))
                .isEqualTo(List.of(
                        Map.of("role", "SUSPECT", "name_brand", r.products().get(0)[1]),
                        Map.of("role", "CONCOMITANT", "name_brand", r.products().get(1)[1])));
        assertThat(body.getMap("results[0]").keySet())
                .containsExactlyInAnyOrder(
                        "report_number",
                        "date_created",
                        "date_started",
                        "outcomes",
                        "reactions",
                        "consumer",
                        "products");
    }

    @Test
    void sortAndSearchAfterWalkEveryRecordOnce() {
        List<String> expected = data().reports.stream()
                .sorted(FoodEventData.byCreatedDescending())
                .map(Report::number)
                .toList();
        List<String> seen = new ArrayList<>();
        String query = "search=report_number:" + data().tag + "&sort=date_created:desc&limit=70&api_key=ignored";
        int pages = 0;
        while (query != null) {
            ExtractableResponse<Response> page = get(query);
            JsonPath body = ok(page);
            assertThat(body.getLong("meta.results.total")).isEqualTo(FoodEventData.SIZE);
            seen.addAll(body.getList("results.report_number", String.class));
            String link = page.header("Link");
            query = link == null ? null : link.substring(link.indexOf('?') + 1, link.indexOf(">;"));
            if (link != null) {
                assertThat(link).contains("search_after=").doesNotContain("api_key");
            }
            assertThat(++pages).isLessThanOrEqualTo(5);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        // Default order, by search_after too.
        ExtractableResponse<Response> first = get("search=report_number:" + data().tag + "&limit=250");
        String link = first.header("Link");
        JsonPath rest = ok(get(link.substring(link.indexOf('?') + 1, link.indexOf(">;"))));
        List<String> all = new ArrayList<>(ok(first).getList("results.report_number", String.class));
        all.addAll(rest.getList("results.report_number", String.class));
        assertThat(all).containsExactlyElementsOf(FoodEventData.numbers(data().reports));
        // Sorting by a keyword field (as text, as openFDA does).
        JsonPath byAge = ok(
                get("search=report_number:" + data().tag + "+AND+_exists_:consumer.age&sort=consumer.age:asc&limit=3"));
        assertThat(byAge.getList("results.consumer.age", String.class)).containsExactly("18", "18", "18");
    }

    @Test
    void countsOfOutcomesGendersAndBrands() {
        String search = "search=report_number:" + data().tag;
        assertThat(pairs(ok(get(search + "&count=outcomes.exact"))))
                .containsExactlyElementsOf(FoodEventData.counts(data().reports, Report::outcomes));
        assertThat(pairs(ok(get(search + "&count=consumer.gender"))))
                .containsExactlyElementsOf(
                        FoodEventData.counts(data().where(r -> r.gender() != null), r -> List.of(r.gender())));
        List<String> brands = FoodEventData.counts(
                data().reports, r -> r.products().stream().map(p -> p[1]).toList());
        assertThat(pairs(ok(get(search + "&count=products.name_brand.exact&limit=2"))))
                .containsExactlyElementsOf(brands.subList(0, 2));
        assertThat(pairs(ok(get(search + "&count=products.role.exact"))))
                .containsExactly(
                        "SUSPECT=" + FoodEventData.SIZE,
                        "CONCOMITANT="
                                + data().where(r -> r.products().size() > 1).size());
    }

    @Inject
    TestDatabase db;

    @Test
    void onlyLatestVersionsOfActiveCasesInOurOwnCasesShape() {
        String token = CaseReports.uniqueToken();
        ObjectNode first = CaseReports.withProduct("Kratom Powder " + token);
        first.putObject("patient")
                .put("sex", "FEMALE")
                .putObject("age")
                .put("value", 30)
                .put("unit", "YEAR");
        CaseReports.criteria(first).add("HOSPITALIZATION");
        String a = CaseReports.submit(first);
        String b = CaseReports.submit(CaseReports.withProduct("Kratom " + token));
        given().contentType("application/json")
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + b + "/nullification")
                .then()
                .statusCode(200);
        String c = CaseReports.submit(CaseReports.withProduct("Kratom " + token));
        ObjectNode followUp = CaseReports.withProduct("Kratom " + token);
        CaseReports.reaction(followUp, 0).put("verbatim", "seizure");
        given().contentType("application/json")
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .post("/api/v1/reports/" + c + "/follow-ups")
                .then()
                .statusCode(201);

        JsonPath body = ok(get("search=products.name_brand:" + token + "&limit=10"));
        assertThat(body.getLong("meta.results.total")).isEqualTo(2);
        assertThat(body.getList("results.report_number", String.class))
                .containsExactlyElementsOf(
                        java.util.stream.Stream.of(a, c).sorted().toList());
        Map<String, Object> caseA = body.getMap("results.find { it.report_number == '" + a + "' }");
        assertThat(caseA.get("outcomes")).isEqualTo(List.of("HOSPITALIZATION"));
        assertThat(caseA.get("reactions")).isEqualTo(List.of("VOMITING"));
        assertThat(caseA.get("consumer")).isEqualTo(Map.of("age", "30", "age_unit", "year(s)", "gender", "Female"));
        assertThat(caseA.get("products"))
                .isEqualTo(List.of(Map.of("role", "SUSPECT", "name_brand", "Kratom Powder " + token)));
        assertThat(caseA.get("date_created"))
                .isEqualTo(db.string("select to_char(received_at at time zone 'UTC', "
                        + "'YYYYMMDD') from case_report where case_number = '" + a + "'"));
        Map<String, Object> caseC = body.getMap("results.find { it.report_number == '" + c + "' }");
        assertThat(caseC.get("reactions")).as("the follow-up's reactions only").isEqualTo(List.of("SEIZURE"));
        assertThat(caseC.get("outcomes")).isEqualTo(List.of("NON-SERIOUS INJURIES/ ILLNESS"));
        assertThat(pairs(ok(get("search=products.name_brand:" + token + "&count=reactions.exact"))))
                .containsExactly("SEIZURE=1", "VOMITING=1");
        error(get("search=report_number:\"" + b + "\"&limit=0"), 404, "NOT_FOUND", "No matches found!");
    }

    @Test
    void openFdasErrors() {
        error(get("search=report_number:" + data().tag + "&page=2"), 400, "BAD_REQUEST", "Invalid parameter: page");
        error(
                get("limit=1001"),
                400,
                "BAD_REQUEST",
                "Limit cannot exceed 1000 results for search requests. Use the skip "
                        + "or search_after param to get additional results.");
        error(
                get("count=reactions.exact&limit=1001"),
                400,
                "BAD_REQUEST",
                "Limit cannot exceed 1000 results for count requests.");
        error(get("limit=ten"), 400, "BAD_REQUEST", "Invalid limit parameter value.");
        error(get("limit=-1"), 400, "BAD_REQUEST", "Invalid limit parameter value.");
        error(get("skip=25001"), 400, "BAD_REQUEST", "Skip value must 25000 or less.");
        error(get("count=reactions.exact&skip=5"), 400, "BAD_REQUEST", "Should not use skip param when using count.");
        error(
                get("search_after=0%3DX&skip=5"),
                400,
                "BAD_REQUEST",
                "The skip parameter is not supported when using search_after.");
        error(get("search=reactions:vomiting!"), 400, "BAD_REQUEST", "Search not supported: reactions:vomiting!");
        error(get("sort=reactions:asc"), 400, "BAD_REQUEST", "Sorting allowed by non-analyzed fields only: reactions");
        assertThat(error(get("search=products.name_brand:(kratom"), 400, "BAD_REQUEST", null))
                .startsWith("Search not supported");
        assertThat(error(get("search=colour:red"), 400, "BAD_REQUEST", null)).contains("unknown field colour");
        assertThat(error(get("search=date_created:[2018-13-01+TO+2018-12-31]"), 400, "BAD_REQUEST", null))
                .contains("Invalid date in search: 2018-13-01");
        error(
                get("search=report_number:" + data().tag + "+AND+reactions:unheardof"),
                404,
                "NOT_FOUND",
                "No matches found!");
        error(get("search=report_number:" + data().tag + "&skip=400"), 404, "NOT_FOUND", "No matches found!");
        error(
                get("search=report_number:" + data().tag + "&count=products.industry_code"),
                404,
                "NOT_FOUND",
                "Nothing to count");
        error(
                get("search=report_number:" + data().tag + "&search_after=0%3D1%3B1%3D2"),
                400,
                "BAD_REQUEST",
                "Invalid search_after parameter value.");
        // Quotes and SQL in values are values: no match, never a 500.
        error(get("search=products.name_brand.exact:\"x'+or+'1'='1\""), 404, "NOT_FOUND", "No matches found!");
        error(
                get("search=consumer.gender:O%5C'Brien*+OR+report_number:%22')+drop+table+case_report+--%22"),
                404,
                "NOT_FOUND",
                "No matches found!");
    }

    private void total(String search, java.util.function.Predicate<Report> expected) {
        long n = data().where(expected).size();
        ExtractableResponse<Response> r = get("search=" + tagged(search) + "&limit=0");
        if (n == 0) {
            error(r, 404, "NOT_FOUND", "No matches found!");
        } else {
            assertThat(ok(r).getLong("meta.results.total")).as(search).isEqualTo(n);
        }
    }

    static JsonPath ok(ExtractableResponse<Response> r) {
        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.jsonPath();
    }

    /** Asserts openFDA's error body; returns its message. */
    static String error(ExtractableResponse<Response> r, int status, String code, String message) {
        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        JsonPath body = r.jsonPath();
        assertThat(body.getString("error.code")).isEqualTo(code);
        if (message != null) {
            assertThat(body.getString("error.message")).isEqualTo(message);
        }
        return body.getString("error.message");
    }

    static List<String> pairs(JsonPath body) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : body.<Map<String, Object>>getList("results")) {
            out.add(r.get("term") + "=" + r.get("count"));
        }
        return out;
    }
}
