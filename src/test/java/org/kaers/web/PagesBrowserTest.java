package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in a real headless Chromium (issue #19): a clinician submits, meets a validation error, fixes it and
 * gets a case number; a stale follow-up is refused and the form says why; a reviewer codes a verbatim from the
 * queue; a researcher's chart shows the API's numbers and a small cell as protected. Every page passes axe-core
 * without a serious violation. Screenshots go to docs/screenshots (README, "Pages").
 */
@QuarkusTest
class PagesBrowserTest {

    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void clinicianSubmitsMeetsAValidationErrorFixesItAndGetsACaseNumber() {
        String product = "Browser kratom " + CaseReports.uniqueToken();
        browser.signIn("dr.browser@clinic.example", "REPORTER");
        browser.open("/reports/new");
        browser.assertAccessible("the empty report form");
        browser.choose("reporter.qualification", "PHYSICIAN");
        browser.type("reporter.country", "US");
        browser.type("patient.age.value", "34");
        browser.choose("patient.age.unit", "YEAR");
        browser.choose("products[0].role", "SUSPECT");
        browser.type("products[0].name", product);
        browser.choose("products[0].form", "POWDER");
        browser.type("products[0].doseAmount", "5");
        browser.choose("products[0].doseUnit", "GRAM");
        browser.type("products[0].startDate", "2026-13-01"); // no 13th month
        browser.type("reactions[0].verbatim", "seizure");
        browser.choose("reactions[0].outcome", "RECOVERED");
        browser.driver
                .findElement(By.id("f-seriousnessCriteria-HOSPITALIZATION"))
                .click();
        browser.choose("labs[0].testCode", "ALT");
        browser.type("labs[0].value", "400");
        browser.type("labs[0].unit", "U/L");
        browser.type("labs[0].upperLimitOfNormal", "40");
        browser.driver.findElement(By.id("submit")).click();

        WebElement summary = browser.waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("products[0].startDate");
        WebElement date = browser.field("products[0].startDate");
        assertThat(date.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver
                        .findElement(By.id("f-products-0-startDate-error"))
                        .getText())
                .isNotBlank();
        // what was typed is kept
        assertThat(browser.field("products[0].name").getAttribute("value")).isEqualTo(product);
        assertThat(new Select(browser.field("reactions[0].outcome"))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("RECOVERED");
        assertThat(browser.field("labs[0].upperLimitOfNormal").getAttribute("value"))
                .isEqualTo("40");
        assertThat(browser.driver
                        .findElement(By.id("f-seriousnessCriteria-HOSPITALIZATION"))
                        .isSelected())
                .isTrue();
        assertThat(date.getAttribute("value")).isEqualTo("2026-13-01");
        browser.assertAccessible("the report form with an error");
        browser.screenshot("clinician-report-form-error");

        browser.type("products[0].startDate", "2026-10-01");
        browser.driver.findElement(By.id("submit")).click();
        String caseNumber = browser.waitFor(By.id("case-number")).getText();
        assertThat(caseNumber).matches("KAE-\\d{4}-\\d{6}");
        browser.assertAccessible("the case view");
        browser.screenshot("clinician-case-stored");

        // stored once, as typed, for this reporter
        String reporter = Tokens.of("dr.browser@clinic.example", "REPORTER");
        given().header("Authorization", Tokens.bearer(reporter))
                .queryParam("product", product)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].caseNumber", org.hamcrest.Matchers.equalTo(caseNumber));
        given().header("Authorization", Tokens.bearer(reporter))
                .get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("report.products[0].startDate", org.hamcrest.Matchers.equalTo("2026-10-01"))
                .body("report.labs[0].upperLimitOfNormal", org.hamcrest.Matchers.equalTo(40))
                .body("report.seriousnessCriteria", org.hamcrest.Matchers.contains("HOSPITALIZATION"));
    }

    @Test
    void aStaleFollowUpIsRefusedAndTheFormSaysWhy() {
        String reporter = Tokens.of("dr.stale@clinic.example", "REPORTER");
        String caseNumber = CaseReports.submit(CaseReports.minimal(), reporter);
        browser.signIn("dr.stale@clinic.example", "REPORTER");
        browser.open("/reports/" + caseNumber + "/follow-up");
        assertThat(browser.field("products[0].name").getAttribute("value")).isEqualTo("kratom capsules");
        browser.assertAccessible("the follow-up form");

        // meanwhile, a follow-up through the API makes version 2
        ObjectNode changed = CaseReports.minimal();
        CaseReports.reaction(changed, 0).put("outcome", "RECOVERING");
        given().header("Authorization", Tokens.bearer(reporter))
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body(changed.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);

        browser.choose("reactions[0].outcome", "RECOVERED");
        browser.driver.findElement(By.id("submit")).click();
        String message = browser.waitFor(By.id("form-message")).getText();
        assertThat(message)
                .contains("changed by someone else")
                .contains("version 1")
                .contains("version 2");
        assertThat(new Select(browser.field("reactions[0].outcome"))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("RECOVERED");
        assertThat(browser.driver.findElement(By.id("latest")).getAttribute("href"))
                .endsWith("/cases/" + caseNumber);
        browser.assertAccessible("the refused follow-up");
        browser.screenshot("clinician-stale-follow-up");
        given().header("Authorization", Tokens.bearer(reporter))
                .get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(2))
                .body("report.reactions[0].outcome", org.hamcrest.Matchers.equalTo("RECOVERING"));

        // started again from the latest version, it is stored as version 3
        browser.open("/reports/" + caseNumber + "/follow-up");
        browser.choose("reactions[0].outcome", "RECOVERED");
        browser.driver.findElement(By.id("submit")).click();
        browser.waitFor(By.id("stored"));
        assertThat(browser.driver.findElement(By.id("version")).getText()).isEqualTo("3 of 3");
    }

    @Test
    void aReviewerCodesAVerbatimFromTheQueue() {
        String verbatim = "glorbic " + CaseReports.uniqueToken().substring(3) + " wobble";
        ObjectNode report = CaseReports.minimal();
        CaseReports.reaction(report, 0).put("verbatim", verbatim);
        String caseNumber = CaseReports.submit(report, Tokens.of("dr.code@clinic.example", "REPORTER"));
        browser.signIn("reviewer.browser@centre.example", "REVIEWER");
        browser.open("/coding");
        WebElement row = row(verbatim);
        row.findElement(By.name("termCode")).sendKeys("KT0043"); // Dizziness
        browser.assertAccessible("the coding queue");
        browser.screenshot("reviewer-coding-queue");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("coded")).getText()).contains(verbatim);
        assertThat(browser.driver.findElements(
                        By.xpath("//table[@id='queue']//th[normalize-space()='" + verbatim + "']")))
                .isEmpty();
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("derived.reactions[0].coding.termCode", org.hamcrest.Matchers.equalTo("KT0043"));

        browser.open("/cases/" + caseNumber);
        assertThat(browser.driver.findElement(By.id("version")).getText()).isEqualTo("1 of 1");
        browser.assertAccessible("the reviewer's case view");
        browser.open("/cases");
        assertThat(browser.driver.findElement(By.linkText(caseNumber)).isDisplayed())
                .isTrue();
        browser.assertAccessible("the case list");
    }

    /** The queue's row of a verbatim, following the queue's pages (other tests leave verbatims there too). */
    private static WebElement row(String normalized) {
        By row = By.xpath("//table[@id='queue']//tr[th[normalize-space()='" + normalized + "']]");
        while (browser.driver.findElements(row).isEmpty()) {
            browser.driver.findElement(By.id("next-page")).click();
        }
        return browser.driver.findElement(row);
    }

    @Test
    void theResearchersChartShowsTheApisNumbersAndASmallCellAsProtected() {
        String reporter = Tokens.of("dr.stats@clinic.example", "REPORTER");
        for (int i = 0; i < 12; i++) {
            ObjectNode report = CaseReports.minimal();
            ((ObjectNode) report.get("reporter")).put("country", "NZ");
            CaseReports.submit(report, reporter);
        }
        for (int i = 0; i < 2; i++) { // a small cell
            ObjectNode report = CaseReports.minimal();
            ((ObjectNode) report.get("reporter")).put("country", "TV");
            CaseReports.submit(report, reporter);
        }
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        // Researchers read the latest frozen release (issue 14): cut one with these cases in it.
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);
        Map<String, Long> exact = counts(Tokens.ADMIN);
        assertThat(exact.get("TV")).as("the small cell, exactly").isBetween(1L, 5L);
        String researcher = Tokens.of("researcher.browser@uni.example", "RESEARCHER");
        Map<String, Long> api = counts(researcher);

        browser.signIn("researcher.browser@uni.example", "RESEARCHER");
        browser.open("/dashboard?by=country");
        browser.waitFor(By.cssSelector("#counts"));
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>)
                browser.driver.executeScript("var c = Chart.getChart(document.getElementById('chart'));"
                        + "return {labels: c.data.labels, data: c.data.datasets[0].data};");
        Map<String, Long> shown = new LinkedHashMap<>();
        List<?> labels = (List<?>) chart.get("labels");
        List<?> data = (List<?>) chart.get("data");
        for (int i = 0; i < labels.size(); i++) {
            shown.put(String.valueOf(labels.get(i)), ((Number) data.get(i)).longValue());
        }
        assertThat(shown).as("the chart's numbers").isEqualTo(api);
        assertThat(counts(researcher)).as("unchanged while the page was read").isEqualTo(api);
        assertThat(shown).containsKey("NZ");
        // the small cell: never its true size; absent (released as 0) or above the threshold, marked protected
        List<WebElement> tv = browser.driver.findElements(By.xpath("//table[@id='counts']//tr[td[1][.='TV']]"));
        if (tv.isEmpty()) {
            assertThat(shown).doesNotContainKey("TV");
        } else {
            assertThat(shown.get("TV")).isBetween(6L, 8L);
            assertThat(tv.get(0).findElement(By.cssSelector("td.count .tag")).getText())
                    .isEqualToIgnoringCase("protected");
        }
        assertThat(browser.driver.findElement(By.id("protection")).getText()).contains("Protected numbers");
        assertThat(browser.driver.findElement(By.id("caution")).getText()).contains("Caution");
        assertThat(browser.driver.findElement(By.id("data-version")).getText()).startsWith("Data as of 20");
        assertThat(browser.driver.findElement(By.id("csv")).getAttribute("href"))
                .endsWith("/dashboard/counts.csv?by=country");
        browser.assertAccessible("the dashboard");
        browser.screenshot("researcher-dashboard");

        // a reviewer sees the exact number of the same cell
        browser.signIn("reviewer.stats@centre.example", "REVIEWER");
        browser.open("/dashboard?by=country");
        assertThat(browser.driver
                        .findElement(By.xpath("//table[@id='counts']//tr[td[1][.='TV']]/td[@class='count']"))
                        .getText())
                .isEqualTo(String.valueOf(exact.get("TV")));
    }

    @Test
    void theSignedOutPagesAndTheSignInPassTheAccessibilityCheck() {
        browser.driver.manage().deleteAllCookies();
        browser.open("/");
        assertThat(browser.driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("KAERS");
        browser.assertAccessible("the home page");
        browser.open("/sign-in");
        browser.assertAccessible("the sign-in page");
        browser.signIn("everyone@test", "REPORTER", "REVIEWER", "RESEARCHER");
        browser.assertAccessible("the signed-in home page");
        browser.screenshot("home-signed-in");
    }

    /** Released counts by country (keys, as the page labels a dimension without labels) from the API. */
    private static Map<String, Long> counts(String token) {
        List<Map<String, Object>> results = given().header("Authorization", Tokens.bearer(token))
                .queryParam("by", "country")
                .queryParam("size", 100)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .path("results");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> group : new ArrayList<>(results)) {
            List<?> labels = (List<?>) group.get("labels");
            Object label = labels == null || labels.isEmpty() || labels.get(0) == null
                    ? ((List<?>) group.get("keys")).get(0)
                    : labels.get(0);
            counts.put(String.valueOf(label), ((Number) group.get("count")).longValue());
        }
        return counts;
    }
}
