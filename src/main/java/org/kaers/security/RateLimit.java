package org.kaers.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.kaers.common.FrontDoor;
import org.kaers.common.ProblemType;
import org.kaers.common.Refusals;

/**
 * The token and the rate limits, on every path, after the path is known to be canonical (common.FrontDoor) and
 * before any body is read. A request with an Authorization header is answered 401 here unless its token passes
 * {@link TokenPolicy}; verified tokens are remembered (by hash) until they expire. Then token buckets (Bucket4j):
 * one per verified principal (however the credential is spelled, and whichever token the principal holds) and one
 * per client address (so that junk tokens do not multiply the allowance; for a page's own API call, {@link PageCalls},
 * the browser's address and the signed-in principal). Over either: 429 problem+json with
 * Retry-After (health probes excepted). Every refusal is audited. Buckets of idle clients are forgotten after 10 minutes.
 */
@ApplicationScoped
public class RateLimit {

    private static final Logger LOG = Logger.getLogger(RateLimit.class);

    /** Settings of the rate limits. */
    @ConfigMapping(prefix = "kaers.rate-limit")
    public interface Config {
        /** Requests a minute per verified principal. */
        @WithDefault("600")
        long perCredential();

        /** Requests a minute per client address. */
        @WithDefault("1200")
        long perAddress();

        /**
         * The window both limits are counted over (tokens come back evenly over it); tests with low limits lengthen it,
         * so that no token comes back while a slow machine runs them.
         */
        @WithDefault("1m")
        Duration period();
    }

    private final Config config;
    private final TokenPolicy policy;
    private final Refusals refusals;
    private final PageCalls pageCalls;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(10, TimeUnit.MINUTES)
            .maximumSize(200_000)
            .build();
    private final Cache<String, TokenPolicy.Verified> verified = Caffeine.newBuilder()
            .expireAfterWrite(10, TimeUnit.MINUTES)
            .maximumSize(20_000)
            .build();

    RateLimit(Config config, TokenPolicy policy, Refusals refusals, PageCalls pageCalls) {
        this.config = config;
        this.policy = policy;
        this.refusals = refusals;
        this.pageCalls = pageCalls;
    }

    void install(@Observes Router router) {
        router.route().order(FrontDoor.TOKEN_ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        String pageClient = pageCalls.trustedClient(ctx.request());
        List<String> authorization = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        // Counted before the token is looked at, so that junk tokens do not multiply the allowance; a page's own API
        // call (PageCalls) is counted below instead, for the browser and the user it is made for, not for the
        // service's own connection, which every page user shares.
        ConsumptionProbe byAddress =
                pageClient == null ? bucket("a:" + address, config.perAddress()).tryConsumeAndReturnRemaining(1) : null;
        String principal = null;
        ConsumptionProbe byPrincipal = null;
        if (authorization.isEmpty() && PublicApi.needsToken(ctx.request().path())) {
            // The API is bearer-only but for the public tier (PublicApi, the one exception), decided here for every
            // path.
            refusals.refuse(
                    ctx,
                    ProblemType.UNAUTHORIZED,
                    "a valid bearer token is required",
                    List.of(),
                    Map.of("WWW-Authenticate", "Bearer"));
            return;
        }
        if (!authorization.isEmpty()) {
            TokenPolicy.Verified caller;
            try {
                caller = verified(authorization);
            } catch (TokenPolicy.Refused e) {
                LOG.debugf("token refused at the door: %s", e.getMessage());
                refusals.refuse(
                        ctx,
                        ProblemType.UNAUTHORIZED,
                        "a valid bearer token is required",
                        List.of(),
                        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
                return;
            }
            // what every later check reads: one canonical spelling of the verified credential
            ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + caller.token());
            ctx.put(Refusals.PRINCIPAL, caller.principal());
            ctx.put(Refusals.ROLES, caller.roles());
            principal = caller.principal();
            byPrincipal = bucket("p:" + principal, config.perCredential()).tryConsumeAndReturnRemaining(1);
        }
        if (byAddress == null) {
            byAddress = bucket("w:" + pageClient + " " + principal, config.perAddress())
                    .tryConsumeAndReturnRemaining(1);
        }
        if (byPrincipal == null) {
            byPrincipal = byAddress;
        }
        if ((byAddress.isConsumed() && byPrincipal.isConsumed())
                || probe(ctx.request().path())) {
            ctx.next();
            return;
        }
        long waitNanos = Math.max(byAddress.getNanosToWaitForRefill(), byPrincipal.getNanosToWaitForRefill());
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1);
        refusals.refuse(
                ctx,
                ProblemType.TOO_MANY_REQUESTS,
                "too many requests from this client; retry after " + seconds + " s",
                List.of(),
                Map.of("Retry-After", String.valueOf(seconds)));
    }

    /** Health probes are never limited: a limited readiness probe would take the instance out of service. */
    private static boolean probe(String path) {
        return path != null && path.startsWith("/q/health");
    }

    private TokenPolicy.Verified verified(List<String> authorization) throws TokenPolicy.Refused {
        if (authorization.size() != 1) {
            throw new TokenPolicy.Refused("more than one Authorization header");
        }
        String token = TokenPolicy.bearerToken(authorization.get(0));
        String key = hash(token);
        TokenPolicy.Verified known = verified.getIfPresent(key);
        if (known == null) {
            known = policy.verify(token);
            verified.put(key, known);
        }

        if (known.expires().isBefore(Instant.now())) {
            verified.invalidate(key);
            throw new TokenPolicy.Refused("expired");
        }
        return known;
    }

    private Bucket bucket(String key, long perMinute) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, config.period())
                                .build())
                        .build());
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
