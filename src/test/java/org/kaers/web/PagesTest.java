package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;

/**
 * The pages over HTTP without a browser (issue #19): the session cookie (flags, never accepted by the API), the page
 * CSP, form tokens, the local sign-in's checks, and a double submission storing one case.
 */
@QuarkusTest
@NoDefaultToken
class PagesTest {

    private static final String COOKIE = "__Host-kaers-session";

    static String signIn(String name, String... roles) {
        var request = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", name);
        for (String role : roles) {
            request.formParam("role", role);
        }
        Response response = request.post("/sign-in");
        response.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/"));
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith(COOKIE + "=")
                .contains("Path=/")
                .contains("; Secure")
                .containsIgnoringCase("; HttpOnly")
                .contains("SameSite=Strict")
                .doesNotContain("Domain");
        return response.cookie(COOKIE);
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void theSessionCookieNeverAuthenticatesTheApi() {
        String session = signIn("cookie.only@test", "REPORTER", "REVIEWER");
        given().cookie(COOKIE, session)
                .get("/api/v1/reports")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().cookie(COOKIE, session)
                .get("/cases")
                .then()
                .statusCode(200)
                .body(containsString("Signed in as <strong>cookie.only@test</strong>"));
    }

    @Test
    void pagesCarryTheirOwnContentSecurityPolicyAndAreNotCached() {
        given().get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header(
                        "Content-Security-Policy",
                        equalTo("default-src 'none'; script-src 'self'; style-src 'self'; "
                                + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                                + "frame-ancestors 'none'"))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .body(not(containsString("<script>")))
                .body(not(containsString(" style=")));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        given().get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/chart.js/4.4.7/dist/chart.umd.js").then().statusCode(200);
    }

    @Test
    void pagesNeedASignedInUser() {
        given().redirects()
                .follow(false)
                .get("/reports/new")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/sign-in"));
        given().redirects().follow(false).get("/dashboard").then().statusCode(303);
        // an expired session is cleared, then the page asks to sign in
        String expired = Tokens.expired("late@test", "REPORTER");
        Response response =
                given().redirects().follow(false).cookie(COOKIE, expired).get("/cases");
        response.then().statusCode(303);
        assertThat(response.header("Set-Cookie")).startsWith(COOKIE + "=;").contains("Max-Age=0");
        // a session signed by another key is refused at the door, like a bearer token
        given().cookie(COOKIE, Tokens.signedByAnotherKey("forger@test", "ADMIN"))
                .get("/cases")
                .then()
                .statusCode(401);
    }

    @Test
    void formsNeedTheSessionsFormToken() {
        String session = signIn("dr.token@test", "REPORTER");
        given().redirects()
                .follow(false)
                .cookie(COOKIE, session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("reporter.qualification", "PHYSICIAN")
                .post("/reports/new")
                .then()
                .statusCode(403)
                .body(containsString("Form expired"));
        String other = csrf(given().cookie(COOKIE, signIn("dr.other@test", "REPORTER"))
                .get("/reports/new")
                .asString());
        given().redirects()
                .follow(false)
                .cookie(COOKIE, session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf", other)
                .post("/reports/new")
                .then()
                .statusCode(403);
        given().redirects()
                .follow(false)
                .cookie(COOKIE, session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf", other)
                .post("/sign-out")
                .then()
                .statusCode(403);
    }

    @Test
    void theLocalSignInRefusesAnotherSitesFormAndUnknownRoles() {
        given().redirects()
                .follow(false)
                .header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "x")
                .formParam("role", "ADMIN")
                .post("/sign-in")
                .then()
                .statusCode(403);
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "x")
                .formParam("role", "GOD")
                .post("/sign-in")
                .then()
                .statusCode(400)
                .body(containsString("at least one role"));
    }

    @Test
    void aDoubleSubmissionStoresOneCase() {
        String session = signIn("dr.double@test", "REPORTER");
        String form = given().cookie(COOKIE, session).get("/reports/new").asString();
        Matcher key =
                Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(form);
        assertThat(key.find()).isTrue();
        String product = "Double " + CaseReports.uniqueToken();
        String[] locations = new String[2];
        for (int i = 0; i < 2; i++) {
            locations[i] = given().redirects()
                    .follow(false)
                    .cookie(COOKIE, session)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("csrf", csrf(form))
                    .formParam("idempotencyKey", key.group(1))
                    .formParam("reporter.qualification", "PHARMACIST")
                    .formParam("products[0].role", "SUSPECT")
                    .formParam("products[0].name", product)
                    .formParam("reactions[0].verbatim", "nausea")
                    .formParam("reactions[0].outcome", "RECOVERED")
                    .formParam("action", "submit")
                    .post("/reports/new")
                    .then()
                    .statusCode(303)
                    .extract()
                    .header("Location");
        }
        assertThat(locations[1]).isEqualTo(locations[0]).matches(".*/cases/KAE-\\d{4}-\\d{6}\\?stored=1");
        given().header("Authorization", Tokens.bearer(Tokens.of("dr.double@test", "REPORTER")))
                .queryParam("product", product)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1));
    }

    @Test
    void aRefusedSubmissionNamesTheFieldAndKeepsWhatWasTyped() {
        String session = signIn("dr.fields@test", "REPORTER");
        String form = given().cookie(COOKIE, session).get("/reports/new").asString();
        String page = given().cookie(COOKIE, session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf(form))
                .formParam("reporter.qualification", "PHYSICIAN")
                .formParam("reporter.country", "usa")
                .formParam("products[0].role", "SUSPECT")
                .formParam("products[0].name", "Red vein kratom")
                .formParam("reactions[0].outcome", "RECOVERED")
                .formParam("action", "submit")
                .post("/reports/new")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        assertThat(page)
                .contains("<a href=\"#f-reporter-country\">reporter.country: ")
                .contains("id=\"f-reactions-0-verbatim-error\"")
                .contains("name=\"products[0].name\" value=\"Red vein kratom\"")
                .contains("name=\"reporter.country\" value=\"usa\"");
        // "add another" adds a row and sends nothing
        String more = given().cookie(COOKIE, session)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf(form))
                .formParam("action", "add:products")
                .post("/reports/new")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(more).contains("name=\"products[2].name\"").doesNotContain("error-summary");
    }
}
