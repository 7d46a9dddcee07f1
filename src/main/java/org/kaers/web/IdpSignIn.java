package org.kaers.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.kaers.common.PublicUrls;

/**
 * Sign-in through the identity provider (README, "Pages"): the OpenID Connect authorization code flow with PKCE
 * (S256), state and nonce, written with the JDK's HttpClient and the service's own token verification (SmallRye JWT
 * with the {@code mp.jwt.verify.*} settings, the IdP's JWKS in production). {@code GET /sign-in/idp} keeps a fresh
 * state, nonce and code verifier in a short-lived cookie and sends the browser to the IdP;
 * {@code GET /sign-in/idp/callback} checks the state, exchanges the code with the verifier, verifies the ID token
 * (signature, issuer, audience = client id, nonce) and the access token (signature, issuer, audience
 * {@code kaers.token.audience}) and keeps the access token as the session, exactly like the local sign-in's token.
 */
@Path("/sign-in/idp")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// the identity provider's callback: it adds parameters of its own (session_state, iss, ...)
@org.kaers.common.StrictQueryParameters.Lenient
public class IdpSignIn {

    private static final Logger LOG = Logger.getLogger(IdpSignIn.class);
    static final String FLOW_COOKIE = "__Host-kaers-signin";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Settings of the identity provider; without both endpoints the flow is off (dev and tests: local sign-in). */
    @ConfigMapping(prefix = "kaers.oidc")
    public interface Config {
        /** The IdP's authorization endpoint (Keycloak: .../realms/kaers/protocol/openid-connect/auth). */
        Optional<URI> authorizationEndpoint();

        /** The IdP's token endpoint (Keycloak: .../realms/kaers/protocol/openid-connect/token). */
        Optional<URI> tokenEndpoint();

        /** This service's client id at the IdP (the ID token's audience). */
        @WithDefault("kaers")
        String clientId();

        /** The client secret of a confidential client (HTTP Basic at the token endpoint); none for a public client. */
        Optional<String> clientSecret();

        /** The callback registered at the IdP; default kaers.http.public-base-url + /sign-in/idp/callback. */
        Optional<URI> redirectUri();

        @WithDefault("openid")
        String scope();
    }

    private final Config config;
    private final Api api;
    private final Template refused;
    private final Template signedIn;
    private final JWTParser parser;
    private final JWTAuthContextInfo idTokenContext;
    private final ObjectMapper json;
    private final String redirectUri;

    IdpSignIn(
            Config config,
            Api api,
            @Location("refused.html") Template refused,
            @Location("signed-in.html") Template signedIn,
            JWTParser parser,
            JWTAuthContextInfo context,
            ObjectMapper json,
            PublicUrls urls) {
        this.config = config;
        this.api = api;
        this.refused = refused;
        this.signedIn = signedIn;
        this.parser = parser;
        this.json = json;
        this.idTokenContext = new JWTAuthContextInfo(context);
        this.idTokenContext.setExpectedAudience(Set.of(config.clientId()));
        this.redirectUri = config.redirectUri().map(URI::toString).orElse(urls.of("/sign-in/idp/callback"));
    }

    /** The state, nonce and PKCE code verifier of one sign-in, as kept in the flow cookie. */
    record Flow(String state, String nonce, String verifier) {
        static Flow fresh() {
            return new Flow(random(), random(), random());
        }

        /** The flow of a cookie value, or null when it is not one. */
        static Flow of(String cookie) {
            String[] parts = cookie == null ? new String[0] : cookie.split("\\.", -1);
            if (parts.length != 3 || parts[2].length() < 43) {
                return null;
            }
            return new Flow(parts[0], parts[1], parts[2]);
        }

        String cookie() {
            return state + "." + nonce + "." + verifier;
        }

        /** RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))). */
        String challenge() {
            try {
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String random() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 43 characters
        }
    }

    @GET
    public Response start() {
        if (config.authorizationEndpoint().isEmpty()
                || config.tokenEndpoint().isEmpty()
                || !redirectUri.startsWith("http")) {
            return page(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "Sign-in is not configured",
                    "This service has no identity provider configured (kaers.oidc.*, README \"Pages\").");
        }
        Flow flow = Flow.fresh();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", config.scope());
        query.put("state", flow.state());
        query.put("nonce", flow.nonce());
        query.put("code_challenge", flow.challenge());
        query.put("code_challenge_method", "S256");
        String endpoint = config.authorizationEndpoint().get().toString();
        String location = endpoint
                + (endpoint.contains("?") ? "&" : "?")
                + Api.query(query).substring(1);
        return Response.seeOther(URI.create(location))
                .header("Set-Cookie", flowCookie(flow.cookie(), 600).encode())
                .build();
    }

    @GET
    @Path("callback")
    public Response callback(
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error,
            @CookieParam(FLOW_COOKIE) String cookie) {
        Flow flow = Flow.of(cookie);
        if (error != null) {
            return refuse(Response.Status.UNAUTHORIZED, "The identity provider did not sign you in.");
        }
        if (flow == null
                || state == null
                || code == null
                || code.isBlank()
                || !MessageDigest.isEqual(
                        flow.state().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            // no flow of this browser, or the answer of another one (CSRF on the callback)
            return refuse(Response.Status.BAD_REQUEST, "This sign-in was not started here or has expired.");
        }
        String token;
        try {
            token = exchange(code, flow);
        } catch (ParseException | RefusedSignIn e) {
            LOG.infof("sign-in refused: %s", e.getMessage());
            return refuse(Response.Status.UNAUTHORIZED, "The identity provider's answer could not be verified.");
        }
        return Response.ok(signedIn.data("nav", Nav.of(api)).render(), MediaType.TEXT_HTML)
                .header("Set-Cookie", Session.of(token).encode())
                .header("Set-Cookie", flowCookie("", 0).encode())
                .build();
    }

    /** The access token for the code, after the ID token's nonce and both tokens' signatures are verified. */
    private String exchange(String code, Flow flow) throws ParseException, RefusedSignIn {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", config.clientId());
        form.put("code_verifier", flow.verifier());
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        config.tokenEndpoint().get())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.query(form).substring(1)));
        config.clientSecret()
                .ifPresent(secret -> request.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((encode(config.clientId()) + ":" + encode(secret))
                                                .getBytes(StandardCharsets.UTF_8))));
        JsonNode answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RefusedSignIn("token endpoint answered " + response.statusCode());
            }
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new RefusedSignIn(
                    "token endpoint unreachable or not JSON: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedSignIn("interrupted");
        }
        String idToken = answer.path("id_token").asText("");
        String accessToken = answer.path("access_token").asText("");
        if (idToken.isEmpty() || accessToken.isEmpty()) {
            throw new RefusedSignIn("no id_token or access_token");
        }
        Object nonce = parser.parse(idToken, idTokenContext).getClaim("nonce");
        if (nonce == null
                || !MessageDigest.isEqual(
                        flow.nonce().getBytes(StandardCharsets.UTF_8),
                        nonce.toString().getBytes(StandardCharsets.UTF_8))) {
            throw new RefusedSignIn("nonce");
        }
        parser.parse(accessToken); // signature, issuer, audience; the front door applies the rest of the policy
        return accessToken;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** SameSite=Lax: the IdP's redirect back is a top-level navigation from another site. */
    private static Cookie flowCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(FLOW_COOKIE, value)
                .setPath("/")
                .setSecure(true)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(maxAgeSeconds);
    }

    private Response refuse(Response.Status status, String message) {
        return Response.fromResponse(page(status, "Sign-in refused", message + " Start again from the sign-in page."))
                .header("Set-Cookie", flowCookie("", 0).encode())
                .build();
    }

    private Response page(Response.Status status, String title, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(refused.data("nav", Nav.of(api))
                        .data("title", title)
                        .data("message", message)
                        .render())
                .build();
    }

    /** Why a sign-in is refused (for the log; the browser gets one message). */
    static final class RefusedSignIn extends Exception {
        RefusedSignIn(String reason) {
            super(reason, null, false, false);
        }
    }
}
