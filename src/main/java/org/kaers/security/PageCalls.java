package org.kaers.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * How the front door tells the pages' own API calls ({@code web.Api}) from every other client, for the rate limits:
 * a page calls the API over a connection to the service itself, so every page user would share the address bucket
 * of that connection. {@code web.Api} sends a per-process secret (256 random bits, made at start, never logged nor
 * configured, never sent anywhere but to this process) and the browser's address; only a request carrying that
 * secret has its address bucket keyed by the browser's address and the signed-in principal. A request carrying a
 * wrong or no secret is an ordinary client: both headers are removed and its own address counts.
 */
@ApplicationScoped
public class PageCalls {

    /** The secret of this process. */
    static final String SECRET_HEADER = "KAERS-Page-Call";
    /** The address of the browser the page call is made for. */
    static final String CLIENT_HEADER = "KAERS-Page-Client";

    private final String secret;

    PageCalls() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The headers a page's API call carries for the browser at {@code clientAddress}. */
    public Map<String, String> headers(String clientAddress) {
        return Map.of(SECRET_HEADER, secret, CLIENT_HEADER, clientAddress == null ? "unknown" : clientAddress);
    }

    /**
     * The browser's address when the request is a page's API call (its secret matches, compared in constant time),
     * else null; either way both headers are removed, so nothing after the front door reads them.
     */
    String trustedClient(HttpServerRequest request) {
        String presented = request.getHeader(SECRET_HEADER);
        String client = request.getHeader(CLIENT_HEADER);
        request.headers().remove(SECRET_HEADER).remove(CLIENT_HEADER);
        boolean trusted = presented != null
                && client != null
                && !client.isBlank()
                && client.length() <= 64
                && MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        return trusted ? client : null;
    }
}
