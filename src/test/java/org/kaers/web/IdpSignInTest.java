package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.NoDefaultToken;

/**
 * Sign-in through the identity provider (OpenID Connect authorization code flow with PKCE), against an IdP served
 * inside the test ({@link FakeIdentityProvider}): the redirect carries the S256 challenge, state and nonce; a wrong
 * state, a missing or wrong verifier, a token the IdP did not sign and an ID token with another nonce are refused
 * without a session; a good callback sets the session cookie, which then signs the pages in.
 */
@QuarkusTest
@NoDefaultToken
@TestProfile(IdpSignInTest.WithIdp.class)
class IdpSignInTest {

    private static final String FLOW = "__Host-kaers-signin";
    private static final String SESSION = "__Host-kaers-session";

    public static class WithIdp implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdentityProvider.class));
        }
    }

    /** A started flow: the IdP's authorization URL and the flow cookie. */
    private record Started(URI authorize, String cookie, String setCookie) {}

    private static Started start() {
        Response response = given().redirects().follow(false).get("/sign-in/idp");
        response.then().statusCode(303);
        return new Started(
                URI.create(response.header("Location")), response.cookie(FLOW), response.header("Set-Cookie"));
    }

    /** The browser at the IdP: signed in there, sent back with a code and the state (the callback's query). */
    private static Map<String, String> atTheIdp(Started started, String extra) {
        String location = given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get(started.authorize().toString() + extra)
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        assertThat(location).startsWith("https://kaers.example/sign-in/idp/callback?");
        return FakeIdentityProvider.query(URI.create(location));
    }

    private static Response callback(Map<String, String> query, String flowCookie) {
        var request = given().redirects().follow(false).queryParams(query);
        if (flowCookie != null) {
            request.cookie(FLOW, flowCookie);
        }
        return request.get("/sign-in/idp/callback");
    }

    private static void assertNoSession(Response response) {
        assertThat(response.headers().getValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith(SESSION + "=") && c.length() > 40);
    }

    @Test
    void theRedirectCarriesTheChallengeStateAndNonce() {
        Started started = start();
        Map<String, String> q = FakeIdentityProvider.query(started.authorize());
        assertThat(started.authorize().toString())
                .startsWith("http://127.0.0.1:")
                .contains("/authorize?");
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeIdentityProvider.CLIENT)
                .containsEntry("redirect_uri", "https://kaers.example/sign-in/idp/callback")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid");
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("nonce")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(q.get("state"));
        // the flow cookie holds state, nonce and the verifier whose S256 is the challenge; it is never sent elsewhere
        assertThat(started.setCookie())
                .startsWith(FLOW + "=")
                .contains("Path=/")
                .contains("; Secure")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Max-Age=600");
        String[] parts = started.cookie().split("\\.");
        assertThat(parts[0]).isEqualTo(q.get("state"));
        assertThat(parts[1]).isEqualTo(q.get("nonce"));
        assertThat(FakeIdentityProvider.s256(parts[2])).isEqualTo(q.get("code_challenge"));
        // each sign-in has its own
        assertThat(FakeIdentityProvider.query(start().authorize()).get("state")).isNotEqualTo(q.get("state"));
    }

    @Test
    void theCallbackSetsTheSessionCookieWhichSignsThePagesIn() {
        Started started = start();
        Response response = callback(atTheIdp(started, ""), started.cookie());
        response.then()
                .statusCode(200)
                .body(containsString("id=\"signed-in\""))
                .body(containsString("http-equiv=\"refresh\""));
        List<String> cookies = response.headers().getValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith(SESSION + "=ey")
                        .contains("; Secure")
                        .containsIgnoringCase("HttpOnly")
                        .contains("SameSite=Strict"));
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c).startsWith(FLOW + "=;").contains("Max-Age=0"));
        String session = response.cookie(SESSION);
        given().cookie(SESSION, session)
                .get("/cases")
                .then()
                .statusCode(200)
                .body(containsString("Signed in as <strong>" + FakeIdentityProvider.USER + "</strong>"));
        // the session cookie still never authenticates the API
        given().cookie(SESSION, session).get("/api/v1/reports").then().statusCode(401);
    }

    @Test
    void aWrongStateIsRefused() {
        Started started = start();
        Map<String, String> query = new java.util.HashMap<>(atTheIdp(started, ""));
        query.put("state", query.get("state").substring(1) + "A");
        Response response = callback(query, started.cookie());
        response.then().statusCode(400).body(containsString("not started here"));
        assertNoSession(response);
        // a callback without the browser's flow cookie (started in another browser) is refused too
        Started other = start();
        Response foreign = callback(atTheIdp(other, ""), null);
        foreign.then().statusCode(400);
        assertNoSession(foreign);
    }

    @Test
    void aMissingOrWrongVerifierIsRefused() {
        Started started = start();
        String[] parts = started.cookie().split("\\.");
        // no verifier in the flow cookie
        Response missing = callback(atTheIdp(started, ""), parts[0] + "." + parts[1] + ".");
        missing.then().statusCode(400);
        assertNoSession(missing);
        // another verifier: the IdP refuses the code (its challenge is the S256 of the real one)
        Started again = start();
        String[] p = again.cookie().split("\\.");
        String wrong = p[0] + "." + p[1] + "." + new StringBuilder(p[2]).reverse();
        Response refused = callback(atTheIdp(again, ""), wrong);
        refused.then().statusCode(401).body(containsString("could not be verified"));
        assertNoSession(refused);
    }

    @Test
    void aTokenTheIdpDidNotSignOrAnotherNonceIsRefused() {
        Started started = start();
        Response forged = callback(atTheIdp(started, "&forge=key"), started.cookie());
        forged.then().statusCode(401);
        assertNoSession(forged);
        Started again = start();
        Response replayed = callback(atTheIdp(again, "&forge=nonce"), again.cookie());
        replayed.then().statusCode(401);
        assertNoSession(replayed);
    }

    @Test
    void theIdpsRefusalIsShownWithoutASession() {
        Started started = start();
        Response response = given().redirects()
                .follow(false)
                .cookie(FLOW, started.cookie())
                .queryParam("error", "access_denied")
                .queryParam("state", "x")
                .get("/sign-in/idp/callback");
        response.then().statusCode(401).body(containsString("did not sign you in"));
        assertNoSession(response);
    }
}
