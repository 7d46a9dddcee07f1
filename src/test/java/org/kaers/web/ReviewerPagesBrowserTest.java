package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.DuplicateScreening;
import org.kaers.fixtures.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinician's derived values and printable summary, and the reviewer's desk, in a real headless Chromium
 * (issue #19): a clinician sees the derived values before submitting and prints a summary; a reviewer diffs two
 * versions, nullifies a case (a stale attempt refused first), completes a causality assessment, confirms a
 * duplicate and acknowledges a cluster alert. Every page passes axe-core; screenshots go to docs/screenshots.
 */
@QuarkusTest
class ReviewerPagesBrowserTest {

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

    private static String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    /** Waits until the element's text contains the expected words (an htmx swap after a change). */
    private static void waitForText(String id, String expected) {
        browser.waitFor(By.id(id));
        try {
            new WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id(id)).getText().contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("#" + id + " never showed \"" + expected + "\"; it shows \"" + text(id) + "\"", e);
        }
    }

    @Test
    void aClinicianSeesTheDerivedValuesBeforeSubmittingAndPrintsASummary() {
        String product = "Derived kratom " + CaseReports.uniqueToken();
        browser.signIn("dr.derived@clinic.example", "REPORTER");
        browser.open("/reports/new");
        assertThat(text("d-ageGroup")).isEqualTo("not known yet");
        browser.choose("reporter.qualification", "PHYSICIAN");
        browser.type("patient.age.value", "70");
        browser.choose("patient.age.unit", "YEAR");
        waitForText("d-ageGroup", "ELDERLY");
        browser.choose("products[0].role", "SUSPECT");
        browser.type("products[0].name", product);
        browser.type("products[0].startDate", "2026-09-01");
        browser.type("reactions[0].verbatim", "jaundice");
        browser.type("reactions[0].onsetDate", "2026-09-20");
        browser.choose("reactions[0].outcome", "RECOVERING");
        browser.choose("labs[0].testCode", "ALT");
        browser.type("labs[0].value", "400");
        browser.type("labs[0].upperLimitOfNormal", "40");
        browser.choose("labs[1].testCode", "ALP");
        browser.type("labs[1].value", "100");
        browser.type("labs[1].upperLimitOfNormal", "120");
        browser.field("labs[1].upperLimitOfNormal").sendKeys(Keys.TAB); // the change event
        waitForText("d-pattern", "HEPATOCELLULAR");

        // the page shows what the API derives for the same draft
        JsonPath api = given().header(
                        "Authorization", Tokens.bearer(Tokens.of("dr.derived@clinic.example", "REPORTER")))
                .contentType(ContentType.JSON)
                .body("""
                        {"patient": {"age": {"value": 70, "unit": "YEAR"}},
                         "products": [{"role": "SUSPECT", "name": "x", "startDate": "2026-09-01"}],
                         "reactions": [{"verbatim": "jaundice", "onsetDate": "2026-09-20"}],
                         "labs": [{"testCode": "ALT", "value": 400, "upperLimitOfNormal": 40},
                                  {"testCode": "ALP", "value": 100, "upperLimitOfNormal": 120}]}""")
                .post("/api/v1/reports/derived-preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(text("d-ageGroup")).isEqualTo(api.getString("ageGroup")).isEqualTo("ELDERLY");
        assertThat(new java.math.BigDecimal(text("d-rRatio")))
                .isEqualByComparingTo(api.getString("liverInjury.rRatio"))
                .isEqualByComparingTo("12"); // (400/40) / (100/120)
        assertThat(text("d-pattern")).isEqualTo(api.getString("liverInjury.pattern"));
        assertThat(api.getString("liverInjury.hysLaw")).isNull(); // no bilirubin
        assertThat(text("d-hysLaw")).isEqualTo("not assessable from these labs");
        assertThat(text("derived-values"))
                .contains("Time to onset of reactions[0]")
                .contains("19 day(s)");
        assertThat(text("d-serious")).isEqualTo("no");
        browser.driver
                .findElement(By.id("f-seriousnessCriteria-HOSPITALIZATION"))
                .click();
        waitForText("d-serious", "yes");
        browser.assertAccessible("the report form with derived values");
        browser.screenshot("clinician-derived-values");

        // a value the service refuses: the panel says which field, the form keeps it
        browser.type("labs[0].upperLimitOfNormal", "-4");
        browser.field("labs[0].upperLimitOfNormal").sendKeys(Keys.TAB);
        waitForText("derived-values", "labs[0].upperLimitOfNormal");
        browser.type("labs[0].upperLimitOfNormal", "40");
        browser.field("labs[0].upperLimitOfNormal").sendKeys(Keys.TAB);
        waitForText("d-pattern", "HEPATOCELLULAR");

        browser.driver.findElement(By.id("submit")).click();
        String caseNumber = browser.waitFor(By.id("case-number")).getText();
        browser.driver.findElement(By.id("print-summary")).click();
        browser.waitFor(By.id("summary"));
        assertThat(text("summary-version")).startsWith("1 of 1");
        assertThat(text("summary-derived"))
                .contains("ELDERLY")
                .contains("HEPATOCELLULAR")
                .contains("12");
        assertThat(text("summary")).contains(product).contains("jaundice");
        browser.assertAccessible("the printable summary");
        // the print style sheet leaves out the header, the navigation and the links back
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.driver.findElement(By.cssSelector("header.top")).isDisplayed())
                    .isFalse();
            assertThat(browser.driver.findElement(By.cssSelector("p.no-print")).isDisplayed())
                    .isFalse();
            assertThat(browser.driver.findElement(By.id("summary-derived")).isDisplayed())
                    .isTrue();
            browser.screenshot("clinician-case-summary-print");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        assertThat(caseNumber).matches("KAE-\\d{4}-\\d{6}");
    }

    @Test
    void aReviewerSeesWhatChangedBetweenTwoVersionsOfHisChoice() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        ObjectNode v2 = CaseReports.minimal();
        CaseReports.reaction(v2, 0).put("outcome", "RECOVERING");
        followUp(caseNumber, "1", v2, "FOLLOW_UP");
        ObjectNode v3 = v2.deepCopy();
        ((ObjectNode) v3.get("patient")).put("sex", "FEMALE");
        CaseReports.product(v3, 0).put("name", "kratom capsules 500 mg");
        followUp(caseNumber, "2", v3, "AMENDMENT");

        browser.signIn("reviewer.diff@centre.example", "REVIEWER");
        browser.open("/cases/" + caseNumber);
        // the default pair is the last change (2 -> 3); the reviewer picks 1 -> 3
        assertThat(new Select(browser.field("from")).getFirstSelectedOption().getText())
                .isEqualTo("2");
        new Select(browser.field("from")).selectByValue("1");
        new Select(browser.field("to")).selectByValue("3");
        browser.driver.findElement(By.id("diff-submit")).click();
        browser.waitFor(By.id("diff"));
        Map<String, List<String>> rows = rows("diff");
        assertThat(rows).containsOnlyKeys("reactions[0].outcome", "patient.sex", "products[0].name");
        assertThat(rows.get("reactions[0].outcome"))
                .containsExactly(
                        CaseReports.minimal()
                                .get("reactions")
                                .get(0)
                                .get("outcome")
                                .asText(),
                        "RECOVERING",
                        "changed");
        assertThat(rows.get("patient.sex")).containsExactly("", "FEMALE", "added");
        assertThat(rows.get("products[0].name"))
                .containsExactly("kratom capsules", "kratom capsules 500 mg", "changed");
        browser.assertAccessible("the version diff");
        browser.screenshot("reviewer-version-diff");

        // 2 -> 3 only: the outcome did not change then
        browser.open("/cases/" + caseNumber + "/diff?from=2&to=3");
        assertThat(rows("diff")).containsOnlyKeys("patient.sex", "products[0].name");
    }

    @Test
    void aReviewerNullifiesACaseAfterAStaleAttemptIsRefused() {
        String reporter = Tokens.of("dr.nullify@clinic.example", "REPORTER");
        String caseNumber = CaseReports.submit(CaseReports.minimal(), reporter);
        browser.signIn("reviewer.nullify@centre.example", "REVIEWER");
        browser.open("/cases/" + caseNumber);
        browser.assertAccessible("the case view with the nullification form");

        // OTHER needs a comment: the API's violation lands on the form, nothing changes
        new Select(browser.field("reason")).selectByValue("OTHER");
        browser.driver.findElement(By.id("nullify-submit")).click();
        browser.waitFor(By.id("nullify-error"));
        assertThat(text("nullify-error")).contains("comment");
        assertThat(new Select(browser.field("reason")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("OTHER");
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // meanwhile the reporter sends a follow-up: the form's If-Match ("1") is stale
        ObjectNode changed = CaseReports.minimal();
        CaseReports.reaction(changed, 0).put("outcome", "RECOVERED");
        given().header("Authorization", Tokens.bearer(reporter))
                .header("If-Match", "\"1\"")
                .contentType(ContentType.JSON)
                .body(changed.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);
        browser.type("comment", "Test entry by the centre's trainer.");
        browser.driver.findElement(By.id("nullify-submit")).click();
        browser.waitFor(By.id("nullify-error"));
        assertThat(text("nullify-error")).contains("you saw version 1, the latest is 2");
        browser.assertAccessible("the refused nullification");
        browser.screenshot("reviewer-nullify-stale");
        given().get("/api/v1/reports/" + caseNumber).then().body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));

        // the page now shows version 2; nullifying from it succeeds
        new Select(browser.field("reason")).selectByValue("OTHER");
        browser.type("comment", "Test entry by the centre's trainer.");
        browser.driver.findElement(By.id("nullify-submit")).click();
        browser.waitFor(By.id("nullified"));
        assertThat(text("nullification")).contains("OTHER: Test entry by the centre's trainer.");
        assertThat(browser.driver.findElements(By.id("nullify-form"))).isEmpty();
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("NULLIFIED"))
                .body("nullification.reason", org.hamcrest.Matchers.equalTo("OTHER"))
                .body("latestVersion", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void aReviewerCompletesACausalityAssessment() {
        String caseNumber = CaseReports.submit(CaseReports.liverInjury());
        browser.signIn("reviewer.causality@centre.example", "REVIEWER");
        browser.open("/cases/" + caseNumber);
        browser.driver.findElement(By.id("causality-link")).click();
        browser.waitFor(By.id("rucam-items"));
        assertThat(text("rucam-scale")).isEqualTo("HEPATOCELLULAR");
        // the items the service computes are shown with their basis; the reviewer answers the rest
        List<WebElement> toAnswer = browser.driver.findElements(By.cssSelector("tr.to-answer select"));
        List<String> items = toAnswer.stream().map(s -> s.getAttribute("name")).toList();
        assertThat(items).contains("rucam.answers.ALTERNATIVE_CAUSES");
        JsonPath preview = given().queryParam("productIndex", 0)
                .queryParam("reactionIndex", 0)
                .get("/api/v1/reports/" + caseNumber + "/causality/rucam")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(items)
                .containsExactlyElementsOf(preview.getList("itemsToAnswer", String.class).stream()
                        .map(i -> "rucam.answers." + i)
                        .toList());
        browser.assertAccessible("the causality form");

        // Naranjo with one answer left out: the API names it, what was chosen stays
        new Select(browser.field("whoUmc")).selectByValue("PROBABLE");
        String[] answers = {"YES", "YES", "YES", "DONT_KNOW", "NO", "DONT_KNOW", "DONT_KNOW", "DONT_KNOW", "NO"};
        String[] names = {
            "previousConclusiveReports",
            "appearedAfterProduct",
            "improvedOnStopOrAntagonist",
            "reappearedOnReadministration",
            "alternativeCauses",
            "reactionToPlacebo",
            "toxicConcentration",
            "doseRelated",
            "similarReactionBefore"
        };
        for (int i = 0; i < names.length; i++) {
            new Select(browser.field("naranjo." + names[i])).selectByValue(answers[i]);
        }
        for (String item : items) {
            new Select(browser.field(item)).selectByIndex(1);
        }
        browser.driver.findElement(By.id("assess")).click();
        browser.waitFor(By.id("causality-error"));
        assertThat(text("causality-error")).contains("naranjo.objectiveEvidence");
        assertThat(browser.field("naranjo.objectiveEvidence").getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(new Select(browser.field("whoUmc")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("PROBABLE");

        new Select(browser.field("naranjo.objectiveEvidence")).selectByValue("YES");
        browser.type("comment", "Serology negative; ultrasound normal.");
        browser.driver.findElement(By.id("assess")).click();
        browser.waitFor(By.id("assessment-stored"));
        browser.assertAccessible("the causality form after storing");
        browser.screenshot("reviewer-causality");

        JsonPath stored = given().get("/api/v1/reports/" + caseNumber + "/causality")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stored.getList("$")).hasSize(1);
        assertThat(stored.getString("[0].whoUmc")).isEqualTo("PROBABLE");
        assertThat(stored.getString("[0].assessor")).isEqualTo("reviewer.causality@centre.example");
        // 1 + 2 + 1 + 0 + 2 + 0 + 0 + 0 + 0 + 1 (Naranjo's weights for these answers)
        assertThat(stored.getInt("[0].naranjo.score")).isEqualTo(7);
        assertThat(stored.getString("[0].naranjo.band")).isEqualTo("PROBABLE");
        assertThat(stored.getObject("[0].rucam.score", Integer.class)).isNotNull();
        String row = browser.driver
                .findElement(By.cssSelector("#assessments tbody tr"))
                .getText();
        assertThat(row)
                .contains("PROBABLE")
                .contains("7 (PROBABLE)")
                .contains(stored.getInt("[0].rucam.score") + " (" + stored.getString("[0].rucam.band") + ")");
    }

    @Test
    void aReviewerConfirmsADuplicateFromTheQueue() {
        String token = CaseReports.uniqueToken();
        String first = CaseReports.submit(CaseReports.parse("""
                {"reporter": {"qualification": "PHYSICIAN", "country": "US"},
                 "patient": {"age": {"value": 27, "unit": "YEAR"}, "sex": "MALE"},
                 "products": [{"role": "SUSPECT", "name": "Kratom shot %1$s", "vendor": "Vendor %1$s"}],
                 "reactions": [{"verbatim": "seizure", "onsetDate": "2025-08-14", "outcome": "RECOVERED"}],
                 "seriousnessCriteria": ["HOSPITALIZATION"], "centreReference": "PC-%1$s"}""".formatted(token)));
        String second = CaseReports.submit(CaseReports.parse("""
                {"reporter": {"qualification": "PHARMACIST", "country": "US"},
                 "patient": {"sex": "MALE"},
                 "products": [{"role": "SUSPECT", "name": "kratom shot %1$s"}],
                 "reactions": [{"verbatim": "seizure", "onsetDate": "2025-08-15", "outcome": "RECOVERED"}],
                 "seriousnessCriteria": ["HOSPITALIZATION"], "centreReference": "PC-%1$s"}""".formatted(token)));
        DuplicateScreening.catchUp(); // screened in the background: have it done now
        int id = given().queryParam("caseNumber", second)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .extract()
                .path("items[0].id");

        browser.signIn("reviewer.duplicates@centre.example", "REVIEWER");
        browser.open("/duplicates?caseNumber=" + second);
        WebElement pair = browser.waitFor(By.id("pair-" + id));
        assertThat(pair.getText()).contains(first).contains(second).contains("CENTRE_REFERENCE");
        browser.assertAccessible("the duplicate queue");
        browser.screenshot("reviewer-duplicates");
        new Select(browser.field("keep")).selectByValue(first);
        browser.type("comment", "Same patient: ED and poison centre.");
        browser.driver.findElement(By.id("confirm-" + id)).click();
        browser.waitFor(By.id("decided"));
        assertThat(browser.driver.findElements(By.id("pair-" + id)))
                .as("no longer open")
                .isEmpty();

        given().get("/api/v1/duplicates/" + id)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CONFIRMED"))
                .body("decidedBy", org.hamcrest.Matchers.equalTo("reviewer.duplicates@centre.example"));
        given().get("/api/v1/reports/" + second)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("NULLIFIED"))
                .body("nullification.reason", org.hamcrest.Matchers.equalTo("DUPLICATE"))
                .body("nullification.duplicateOf", org.hamcrest.Matchers.equalTo(first));
        given().get("/api/v1/reports/" + first).then().body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
    }

    @Test
    void aReviewerAcknowledgesAClusterAlertWithAReason() {
        String t = CaseReports.uniqueToken();
        String lot = "9Q" + t.toUpperCase();
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(400);
        for (int i = 0; i < 3; i++) {
            ObjectNode r = CaseReports.minimal();
            CaseReports.product(r, 0).put("name", "cluster capsules " + t).put("lotNumber", "LOT 9Q-" + t);
            CaseReports.reaction(r, 0).put("onsetDate", day.minusDays(i).toString());
            r.putArray("seriousnessCriteria").add("HOSPITALIZATION");
            CaseReports.submit(r);
        }
        given().queryParam("asOf", day.toString())
                .post("/api/v1/clusters/alerts/scan")
                .then()
                .statusCode(200);
        int id = given().queryParam("kind", "LOT")
                .queryParam("key", lot)
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .extract()
                .path("items[0].id");

        browser.signIn("reviewer.alerts@centre.example", "REVIEWER");
        browser.open("/cluster-alerts?key=" + lot);
        WebElement row = browser.waitFor(By.id("alert-" + id));
        assertThat(row.getText()).contains("LOT " + lot).contains("OPEN");
        browser.assertAccessible("the cluster alerts");
        browser.type("reason", "Lot recalled; FDA notified.");
        browser.driver.findElement(By.id("ack-" + id)).click();
        browser.waitFor(By.id("decided"));
        assertThat(text("alert-" + id))
                .contains("ACKNOWLEDGED")
                .contains("acknowledged by reviewer.alerts@centre.example: Lot recalled; FDA notified.");
        browser.screenshot("reviewer-cluster-alerts");
        given().get("/api/v1/clusters/alerts/" + id)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"))
                .body("acknowledged.reason", org.hamcrest.Matchers.equalTo("Lot recalled; FDA notified."));
    }

    @Test
    void aReviewerMergesANewProductAndKeepsAnotherAsItsOwn() {
        String t = CaseReports.uniqueToken();
        String survivor = "Review survivor " + t + " powder";
        String duplicate = "Review merge " + t + " capsules";
        String own = "Review own " + t + " tincture";
        long into = productOf(CaseReports.submit(CaseReports.withProduct(survivor)));
        long merged = productOf(CaseReports.submit(CaseReports.withProduct(duplicate)));
        long kept = productOf(CaseReports.submit(CaseReports.withProduct(own)));
        assertThat(merged).isNotEqualTo(into);

        browser.signIn("reviewer.products@centre.example", "REVIEWER");
        browser.open("/product-review?page=" + queuePageOf(merged));
        browser.waitFor(By.id("merge-" + merged));
        browser.assertAccessible("the product review queue");
        browser.screenshot("reviewer-product-review");
        WebElement form = browser.driver.findElement(By.id("merge-" + merged)).findElement(By.xpath("./.."));
        WebElement target = form.findElement(By.name("into"));
        target.clear();
        target.sendKeys(String.valueOf(into));
        browser.driver.findElement(By.id("merge-" + merged)).click();
        browser.waitFor(By.id("decided"));
        given().get("/api/v1/products/" + merged)
                .then()
                .statusCode(200)
                .body("mergedInto", org.hamcrest.Matchers.equalTo((int) into));

        browser.open("/product-review?page=" + queuePageOf(kept));
        browser.waitFor(By.id("keep-" + kept)).click();
        browser.waitFor(By.id("decided"));
        given().get("/api/v1/products/" + kept)
                .then()
                .statusCode(200)
                .body("curated", org.hamcrest.Matchers.equalTo(true))
                .body("mergedInto", org.hamcrest.Matchers.nullValue());
    }

    /** The product the case's first product name is coded to. */
    private static long productOf(String caseNumber) {
        return ((Number) given().get("/api/v1/reports/" + caseNumber)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("derived.products[0].coding.productId"))
                .longValue();
    }

    /** The page (of 20) of the review queue that lists the product. */
    private static int queuePageOf(long product) {
        for (int page = 0; page < 200; page++) {
            List<Number> ids = given().queryParam("page", page)
                    .queryParam("size", 20)
                    .get("/api/v1/products/review-queue")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.product.id");
            if (ids.isEmpty()) {
                break;
            }
            if (ids.stream().anyMatch(id -> id.longValue() == product)) {
                return page;
            }
        }
        throw new AssertionError("product " + product + " is not in the review queue");
    }

    private static void followUp(String caseNumber, String version, ObjectNode body, String type) {
        given().header("If-Match", "\"" + version + "\"")
                .queryParam("type", type)
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);
    }

    /** A diff table's rows: field -> [before, after, change]. */
    private static Map<String, List<String>> rows(String table) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#" + table + " tbody tr"))) {
            List<String> cells = row.findElements(By.tagName("td")).stream()
                    .map(WebElement::getText)
                    .toList();
            out.put(row.findElement(By.tagName("th")).getText(), cells);
        }
        return out;
    }
}
