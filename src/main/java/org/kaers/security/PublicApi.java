package org.kaers.security;

/**
 * The one exception to "every /api/ path needs a bearer token": the public tier under {@value #PREFIX} (coarse,
 * rounded statistics for anyone, statistics.PublicStatsResource). {@link RateLimit} refuses a request without a token
 * anywhere else under /api/ before routing, whatever the resource's annotations say; public paths are rate-limited
 * per client address like every other request.
 */
public final class PublicApi {

    /** Every public operation's path starts with this. */
    public static final String PREFIX = "/api/v1/public/";

    private PublicApi() {}

    /** Whether a request to this path needs a bearer token. */
    static boolean needsToken(String path) {
        return path != null && path.startsWith("/api/") && !path.startsWith(PREFIX);
    }
}
