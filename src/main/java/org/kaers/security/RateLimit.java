package org.kaers.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.kaers.common.Problem;
import org.kaers.common.ProblemType;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Per-client rate limits on /api/, before anything else runs (token buckets, Bucket4j): one bucket per
 * credential (the Authorization header, hashed; a client with one token is one client) and one per client
 * address (so that minting junk tokens does not multiply the allowance). Over either: 429 problem+json with
 * Retry-After. Buckets of idle clients are forgotten after 10 minutes.
 */
@ApplicationScoped
public class RateLimit {

    /** Settings of the rate limits. */
    @ConfigMapping(prefix = "kaers.rate-limit")
    public interface Config {
        /** Requests a minute per credential. */
        @WithDefault("600")
        long perCredential();

        /** Requests a minute per client address. */
        @WithDefault("1200")
        long perAddress();
    }

    private final Config config;
    private final ObjectMapper json;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(10, TimeUnit.MINUTES)
            .maximumSize(200_000).build();

    RateLimit(Config config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 50).handler(ctx -> {
            String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            ConsumptionProbe byAddress = bucket("a:" + address, config.perAddress()).tryConsumeAndReturnRemaining(1);
            ConsumptionProbe byCredential = authorization == null ? byAddress
                    : bucket("c:" + hash(authorization), config.perCredential()).tryConsumeAndReturnRemaining(1);
            if (byAddress.isConsumed() && byCredential.isConsumed()) {
                ctx.next();
                return;
            }
            long waitNanos = Math.max(byAddress.getNanosToWaitForRefill(), byCredential.getNanosToWaitForRefill());
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
            ctx.response().setStatusCode(429)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", String.valueOf(seconds))
                    .end(problem(seconds));
        });
    }

    private Bucket bucket(String key, long perMinute) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }

    private String problem(long seconds) {
        return Problem.render(json, ProblemType.TOO_MANY_REQUESTS,
                "too many requests from this client; retry after " + seconds + " s", List.of());
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
