package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The researcher's dashboard views in a real headless Chromium (issue #19): the trend's line chart, the product x
 * symptom heat map and the signal table's forest plot hold the API's numbers for the same question (read from the
 * Chart.js instances and the tables on the page, compared with the API's answer to the same user), every number is
 * marked protected for researchers, the caution and data version are on every view, each view's CSV is the API's;
 * the eDISH plot shows a reviewer the peaks of a liver case and is refused to researchers. Every view passes
 * axe-core. Screenshots go to docs/screenshots (README, "Pages").
 */
@QuarkusTest
@NoDefaultToken
class ResearcherPagesBrowserTest {

    private static final String RESEARCHER_NAME = "researcher.views@uni.example";
    private static final String RESEARCHER = Tokens.of(RESEARCHER_NAME, "RESEARCHER");
    private static final String COOKIE = "__Host-kaers-session";
    static Browser browser;

    private static boolean released;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    /** Cases of known symptoms in a frozen release, once for the class (RestAssured's port is set per test). */
    @BeforeEach
    void releaseKnownCases() {
        if (released) {
            return;
        }
        String reporter = Tokens.of("dr.views@clinic.example", "REPORTER");
        // three products x three symptoms, 2 to 10 cases a pair: a heat map with shades, small cells among them
        String[] products = {"kratom capsules", "red vein kratom", "green vein kratom"};
        String[] symptoms = {"seizure", "vomiting", "nausea"};
        for (int p = 0; p < products.length; p++) {
            for (int r = 0; r < symptoms.length; r++) {
                for (int i = 0; i < 2 + (p * 3 + r) % 9; i++) {
                    ObjectNode report = CaseReports.minimal();
                    CaseReports.product(report, 0).put("name", products[p]);
                    CaseReports.reaction(report, 0)
                            .put("verbatim", symptoms[r])
                            .put("onsetDate", "2026-0" + (1 + p * 3 + r) + "-15"); // a month of onset per pair
                    CaseReports.submit(report, reporter);
                }
            }
        }
        // the same symptoms with another substance, so that kratom's 2x2 tables have c > 0 (PRR and ROR defined)
        for (int i = 0; i < 27; i++) {
            ObjectNode report = CaseReports.minimal();
            CaseReports.product(report, 0).put("name", "Alprazolam");
            CaseReports.reaction(report, 0).put("verbatim", symptoms[i % 3]);
            CaseReports.submit(report, reporter);
        }
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        // researchers read the latest frozen release: cut one with these cases in it
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);
        released = true;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void assertCautionAndVersion() {
        assertThat(browser.driver.findElement(By.id("caution")).getText()).contains("Caution");
        assertThat(browser.driver.findElement(By.id("data-version")).getText()).startsWith("Data as of 20");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> chart(String canvas) {
        return (Map<String, Object>) browser.driver.executeScript("var c = Chart.getChart(document.getElementById('"
                + canvas + "')); return {labels: c.data.labels || [], datasets: c.data.datasets.map(function (d) {"
                + " return {label: d.label, data: d.data}; })};");
    }

    @Test
    void theTrendsLineChartHoldsTheApisSeries() {
        List<Map<String, Object>> series = given().header("Authorization", Tokens.bearer(RESEARCHER))
                .queryParam("date", "onset")
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(200)
                .extract()
                .path("series");
        Map<String, Long> api = new LinkedHashMap<>();
        series.forEach(p -> api.put(String.valueOf(p.get("period")), ((Number) p.get("count")).longValue()));

        browser.signIn(RESEARCHER_NAME, "RESEARCHER");
        browser.open("/dashboard/trends?date=onset");
        browser.waitFor(By.id("trend"));
        Map<String, Object> chart = chart("trend-chart");
        List<?> labels = (List<?>) chart.get("labels");
        List<?> data = (List<?>) ((Map<?, ?>) ((List<?>) chart.get("datasets")).get(0)).get("data");
        Map<String, Long> shown = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            shown.put(String.valueOf(labels.get(i)), ((Number) data.get(i)).longValue());
        }
        assertThat(shown).as("the line chart's points").isEqualTo(api).isNotEmpty();
        assertThat(browser.driver
                        .findElement(By.cssSelector("#trend tbody td.count .tag"))
                        .getText())
                .isEqualToIgnoringCase("protected");
        assertThat(browser.driver.findElement(By.id("protection")).getText()).contains("Protected numbers");
        assertThat(browser.driver.findElement(By.id("release")).getText()).isNotBlank();
        assertCautionAndVersion();
        assertThat(browser.driver.findElement(By.id("csv")).getAttribute("href"))
                .endsWith("/dashboard/trends.csv?date=onset&interval=MONTH");
        browser.assertAccessible("the trends view");
        browser.screenshot("researcher-trends");
    }

    @Test
    void theHeatMapHoldsTheApisCrossOfProductAndSymptom() {
        List<Map<String, Object>> groups = given().header("Authorization", Tokens.bearer(RESEARCHER))
                .queryParam("by", "product,symptom")
                .queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .path("results");
        Map<String, Long> api = new LinkedHashMap<>();
        groups.forEach(g -> api.put(
                ((List<?>) g.get("keys")).get(0) + " x " + ((List<?>) g.get("keys")).get(1),
                ((Number) g.get("count")).longValue()));

        browser.signIn(RESEARCHER_NAME, "RESEARCHER");
        browser.open("/dashboard/heatmap");
        WebElement table = browser.waitFor(By.id("heatmap"));
        List<String> columns = table.findElements(By.cssSelector("thead th[data-key]")).stream()
                .map(th -> th.getAttribute("data-key"))
                .toList();
        int cells = 0;
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            String product = row.findElement(By.cssSelector("th")).getAttribute("data-key");
            List<WebElement> tds = row.findElements(By.cssSelector("td"));
            for (int i = 0; i < tds.size(); i++) {
                String count = tds.get(i).getAttribute("data-count");
                Long expected = api.get(product + " x " + columns.get(i));
                if (count == null) {
                    assertThat(expected)
                            .as("a cell the API does not list is shown empty")
                            .isNull();
                } else {
                    assertThat(Long.valueOf(count))
                            .as(product + " x " + columns.get(i))
                            .isEqualTo(expected);
                    assertThat(tds.get(i).findElement(By.cssSelector(".tag")).getText())
                            .isEqualToIgnoringCase("protected");
                    assertThat(tds.get(i).getAttribute("class")).matches("heat-[1-5]");
                    cells++;
                }
            }
        }
        assertThat(cells).as("listed cells on the page").isPositive();
        assertCautionAndVersion();
        assertThat(browser.driver.findElement(By.id("csv")).getAttribute("href"))
                .endsWith("/dashboard/heatmap.csv?columns=symptom&rows=product");
        browser.assertAccessible("the heat map");
        browser.screenshot("researcher-heatmap");
    }

    @Test
    void theForestPlotHoldsTheApisIntervalsAndTheTableTheFlags() {
        List<Map<String, Object>> rows = given().header("Authorization", Tokens.bearer(RESEARCHER))
                .queryParam("substance", "KRATOM")
                .queryParam("against", "symptom")
                .queryParam("sort", "ic025")
                .queryParam("size", 100)
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE))
                .getList("results");
        List<List<Double>> prr = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<?, ?> m = (Map<?, ?>) row.get("prr");
            if (m.get("value") != null && ((Number) m.get("value")).doubleValue() > 0) {
                prr.add(java.util.Arrays.asList(
                        number(m.get("value")), number(m.get("lower")), number(m.get("upper"))));
            }
        }

        browser.signIn(RESEARCHER_NAME, "RESEARCHER");
        browser.open("/dashboard/signals");
        browser.waitFor(By.id("signals"));
        List<?> datasets = (List<?>) chart("forest").get("datasets");
        assertThat(((Map<?, ?>) datasets.get(0)).get("label")).isEqualTo("PRR");
        List<List<Double>> plotted = new ArrayList<>();
        for (Object p : (List<?>) ((Map<?, ?>) datasets.get(0)).get("data")) {
            Map<?, ?> point = (Map<?, ?>) p;
            plotted.add(
                    java.util.Arrays.asList(number(point.get("x")), number(point.get("lo")), number(point.get("hi"))));
        }
        assertThat(plotted)
                .as("PRR and its interval per row, as the API gave them")
                .isEqualTo(prr)
                .isNotEmpty();
        List<WebElement> tableRows = browser.driver.findElements(By.cssSelector("#signals tbody tr"));
        assertThat(tableRows).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> flags = (Map<?, ?>) rows.get(i).get("signals");
            String shown =
                    tableRows.get(i).findElement(By.cssSelector("td.flags")).getText();
            assertThat(shown.contains("Evans")).as("Evans flag of row " + i).isEqualTo(flags.get("evans"));
            assertThat(shown.contains("IC025 > 0")).as("IC flag of row " + i).isEqualTo(flags.get("ic"));
            assertThat(tableRows.get(i).findElement(By.cssSelector("td.count")).getAttribute("data-count"))
                    .isEqualTo(
                            rows.get(i).get("a") == null
                                    ? ""
                                    : String.valueOf(((Number) rows.get(i).get("a")).longValue()));
        }
        assertThat(tableRows.get(0).findElement(By.cssSelector("td.count .tag")).getText())
                .isEqualToIgnoringCase("protected");
        assertCautionAndVersion();
        assertThat(browser.driver.findElement(By.id("csv")).getAttribute("href"))
                .contains("/dashboard/signals.csv?");
        browser.assertAccessible("the signal table");
        browser.screenshot("researcher-signals");
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    @Test
    void aReviewerSeesTheLiverCaseOnTheEdishPlotAndAResearcherIsRefused() {
        ObjectNode report = CaseReports.minimal();
        ArrayNode labs = report.putArray("labs");
        labs.addObject()
                .put("testCode", "ALT")
                .put("value", 480)
                .put("unit", "U/L")
                .put("upperLimitOfNormal", 40);
        labs.addObject()
                .put("testCode", "TOTAL_BILIRUBIN")
                .put("value", 3.6)
                .put("unit", "mg/dL")
                .put("upperLimitOfNormal", 1.2);
        String caseNumber = CaseReports.submit(report, Tokens.of("dr.liver@clinic.example", "REPORTER"));

        browser.signIn("reviewer.liver@centre.example", "REVIEWER");
        browser.open("/dashboard/liver");
        browser.waitFor(By.id("liver"));
        List<?> points = (List<?>) ((Map<?, ?>) ((List<?>) chart("edish").get("datasets")).get(0)).get("data");
        Map<?, ?> point = points.stream()
                .map(p -> (Map<?, ?>) p)
                .filter(p -> caseNumber.equals(p.get("label")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(caseNumber + " not on the plot"));
        assertThat(number(point.get("x"))).isEqualTo(12.0);
        assertThat(number(point.get("y"))).isEqualTo(3.0);
        WebElement canvas = browser.driver.findElement(By.id("edish"));
        assertThat(canvas.getAttribute("data-alt-line")).isEqualTo("3");
        assertThat(canvas.getAttribute("data-bilirubin-line")).isEqualTo("2");
        assertThat(browser.driver
                        .findElement(By.xpath("//table[@id='liver']//tr[th/a[.='" + caseNumber + "']]"))
                        .getAttribute("data-quadrant"))
                .isEqualTo("POTENTIAL_HYS_LAW");
        assertCautionAndVersion();
        browser.assertAccessible("the eDISH plot");
        browser.screenshot("reviewer-edish");

        browser.signIn(RESEARCHER_NAME, "RESEARCHER");
        assertThat(browser.driver.findElements(By.linkText("Liver (eDISH)"))).isEmpty();
        browser.open("/dashboard/liver");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    void eachViewsCsvIsTheApisTable() {
        String session = PagesTest.signIn(RESEARCHER_NAME, "RESEARCHER");
        String trends = given().cookie(COOKIE, session)
                .get("/dashboard/trends.csv?interval=YEAR")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("kaers-trends.csv"))
                .extract()
                .asString();
        assertThat(trends)
                .isEqualTo(given().header("Authorization", Tokens.bearer(RESEARCHER))
                        .accept("text/csv")
                        .queryParam("date", "received")
                        .queryParam("interval", "YEAR")
                        .get("/api/v1/stats/trends")
                        .asString());
        String cross = given().cookie(COOKIE, session)
                .get("/dashboard/heatmap.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(cross)
                .isEqualTo(given().header("Authorization", Tokens.bearer(RESEARCHER))
                        .accept("text/csv")
                        .queryParam("by", "product,symptom")
                        .queryParam("size", 1000)
                        .get("/api/v1/stats/counts")
                        .asString());
        assertThat(given().cookie(COOKIE, session)
                        .get("/dashboard/signals.csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .startsWith("key,");
        given().cookie(COOKIE, session).get("/dashboard/liver.csv").then().statusCode(403);
        String reviewer = PagesTest.signIn("reviewer.csv@centre.example", "REVIEWER");
        assertThat(given().cookie(COOKIE, reviewer)
                        .get("/dashboard/liver.csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .startsWith("caseNumber,altXUln,bilirubinXUln,");
        // a bad value is the API's violation, on the page
        given().cookie(COOKIE, session)
                .get("/dashboard/trends?interval=WEEK")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.containsString("interval"));
    }
}
