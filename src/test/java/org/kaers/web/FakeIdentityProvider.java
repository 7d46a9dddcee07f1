package org.kaers.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect identity provider inside the test (JDK HttpServer on a free port): an authorization endpoint that
 * signs anyone in and redirects with a code, a token endpoint that checks the PKCE verifier (S256) against the
 * challenge, and a JWKS endpoint with the dev key, which the service under test verifies every token with. Its
 * tokens are signed with the dev key, unless the authorization request says {@code forge=key} (then with another
 * key) or {@code forge=nonce} (then the ID token carries another nonce).
 */
public class FakeIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String USER = "idp.user@centre.example";
    static final String CLIENT = "kaers-pages";

    private record Grant(String challenge, String method, String nonce, String redirectUri, String forge) {}

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("kaers.oidc.authorization-endpoint", base + "/authorize");
        config.put("kaers.oidc.token-endpoint", base + "/token");
        config.put("kaers.oidc.client-id", CLIENT);
        config.put("kaers.oidc.redirect-uri", "https://kaers.example/sign-in/idp/callback");
        // every token, the API's too, is verified with the IdP's JWKS, as in production
        config.put("mp.jwt.verify.publickey", "NONE"); // SmallRye JWT's "not set"
        config.put("mp.jwt.verify.publickey.location", base + "/jwks");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        grants.put(
                code,
                new Grant(
                        q.get("code_challenge"),
                        q.get("code_challenge_method"),
                        q.get("nonce"),
                        q.get("redirect_uri"),
                        q.getOrDefault("forge", "")));
        String location = q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 302, "text/plain", "");
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = grants.remove(f.getOrDefault("code", ""));
        String verifier = f.get("code_verifier");
        if (grant == null
                || !"authorization_code".equals(f.get("grant_type"))
                || !CLIENT.equals(f.get("client_id"))
                || !grant.redirectUri().equals(f.get("redirect_uri"))
                || !"S256".equals(grant.method())
                || verifier == null
                || !s256(verifier).equals(grant.challenge())) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        PrivateKey key = key(grant.forge().equals("key") ? "dev-keys/foreign-private.pem" : "dev-keys/private.pem");
        String nonce = grant.forge().equals("nonce") ? "another-nonce" : grant.nonce();
        String access = Jwt.issuer("kaers-dev")
                .audience("kaers")
                .subject(USER)
                .upn(USER)
                .groups(Set.of("REVIEWER"))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .keyId("dev")
                .sign(key);
        String id = Jwt.issuer("kaers-dev")
                .audience(CLIENT)
                .subject(USER)
                .claim("nonce", nonce)
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .keyId("dev")
                .sign(key);
        send(
                exchange,
                200,
                "application/json",
                "{\"access_token\":\"" + access + "\",\"id_token\":\"" + id
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyUtils.readPublicKey("dev-keys/public.pem");
            send(
                    exchange,
                    200,
                    "application/json",
                    "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\","
                            + "\"kid\":\"dev\",\"n\":\"" + b64(key.getModulus()) + "\",\"e\":\""
                            + b64(key.getPublicExponent())
                            + "\"}]}");
        } catch (Exception e) {
            send(exchange, 500, "text/plain", e.toString());
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey key(String location) {
        try {
            return KeyUtils.readPrivateKey(location);
        } catch (Exception e) {
            throw new IllegalStateException(location, e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
