package org.kaers.security;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verified tokens, kept until they expire (issue 16): a client sends the same bearer token with every request, and
 * verifying its RSA signature and claims again each time cost about 7 % of a submission's CPU (the door's
 * {@link TokenPolicy} check and SmallRye's authentication each verified it). Only what verified is kept, keyed by
 * the whole token (a token differing in one character is verified afresh), and never past its {@code exp}: after
 * that the entry is gone and the token is verified again, which refuses it. Bounded in entries. Refusals are not
 * cached. SmallRye JWT finds it by the service loader (META-INF/services), so that both its parser bean and
 * {@code JWTCallerPrincipalFactory.instance()} use it.
 */
public class CachingPrincipalFactory extends JWTCallerPrincipalFactory {

    /** Most verified tokens kept at once (each a few KiB); the least used go first. */
    static final int MAX_ENTRIES = 10_000;

    private final JWTCallerPrincipalFactory delegate;
    private final Cache<String, JWTCallerPrincipal> verified;

    /** For the service loader. */
    public CachingPrincipalFactory() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis);
    }

    CachingPrincipalFactory(JWTCallerPrincipalFactory delegate, java.util.function.LongSupplier clockMillis) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).ticker(() -> clockMillis.getAsLong() * 1_000_000L)
                .expireAfter(new Expiry<String, JWTCallerPrincipal>() {
                    @Override
                    public long expireAfterCreate(String token, JWTCallerPrincipal principal, long now) {
                        return untilExpiry(principal, now);
                    }

                    @Override
                    public long expireAfterUpdate(String token, JWTCallerPrincipal principal, long now, long current) {
                        return untilExpiry(principal, now);
                    }

                    @Override
                    public long expireAfterRead(String token, JWTCallerPrincipal principal, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /** Nanoseconds from {@code now} (the cache's clock, nanoseconds) to the token's exp; 0 when it has none. */
    private static long untilExpiry(JWTCallerPrincipal principal, long now) {
        long exp = principal.getExpirationTime();
        if (exp <= 0) {
            return 0;
        }
        return Math.max(0, Duration.between(Instant.ofEpochSecond(0, now), Instant.ofEpochSecond(exp)).toNanos());
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JWTCallerPrincipal principal = delegate.parse(token, authContextInfo);
        verified.put(token, principal);
        return principal;
    }
}
