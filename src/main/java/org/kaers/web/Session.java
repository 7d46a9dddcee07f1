package org.kaers.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.kaers.common.FrontDoor;

/**
 * The signed-in user's session: their bearer token in a cookie ({@code Secure}, {@code HttpOnly},
 * {@code SameSite=Strict}, {@code __Host-} prefix). On page paths only, before the token check of the front door,
 * the cookie becomes the request's {@code Authorization} header, so that the page is authenticated like an API call
 * and the token passes the same policy. Under {@code /api/} and {@code /q/} the cookie is ignored: the API stays
 * bearer-only. An expired session cookie is cleared and the request goes on unauthenticated (the page then asks
 * to sign in).
 */
@ApplicationScoped
class Session {

    static final String COOKIE = "__Host-kaers-session";

    private final ObjectMapper json;

    Session(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(FrontDoor.TOKEN_ORDER - 1).handler(this::bridge);
    }

    /** Whether the path is a page (or an asset of one), where the session cookie counts. */
    static boolean page(String path) {
        return path != null
                && !path.startsWith("/api/")
                && !path.startsWith("/q/")
                && !path.startsWith("/static/")
                && !path.startsWith("/webjars/");
    }

    private void bridge(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie != null
                && page(ctx.request().path())
                && ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            String token = cookie.getValue();
            if (token == null || token.isBlank() || expired(token)) {
                ctx.response().addCookie(cleared());
            } else {
                ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }
        ctx.next();
    }

    /** Whether the token's exp has passed (the signature is checked by the front door, not here). */
    private boolean expired(String token) {
        try {
            String[] parts = token.split("\\.");
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            return exp == null
                    || !exp.canConvertToLong()
                    || Instant.ofEpochSecond(exp.asLong()).isBefore(Instant.now());
        } catch (Exception e) { // not a JWS at all: let the front door refuse it
            return false;
        }
    }

    static Cookie of(String token) {
        return Cookie.cookie(COOKIE, token)
                .setPath("/")
                .setSecure(true)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT);
    }

    static Cookie cleared() {
        return of("").setMaxAge(0);
    }

    /**
     * The form token of a session (double submit without state): a hash of the session token, which scripts cannot
     * read (HttpOnly) and other sites cannot send (SameSite=Strict).
     */
    static String csrfToken(String authorization) {
        if (authorization == null) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("kaers-form:" + authorization).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a posted form token belongs to this session (constant-time comparison). */
    static boolean csrfMatches(String authorization, String posted) {
        return authorization != null
                && posted != null
                && MessageDigest.isEqual(
                        csrfToken(authorization).getBytes(StandardCharsets.UTF_8),
                        posted.getBytes(StandardCharsets.UTF_8));
    }
}
