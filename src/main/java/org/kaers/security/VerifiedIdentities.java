package org.kaers.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens verified once until they expire: Quarkus asks this provider before SmallRye JWT's own
 * ({@link MpJwtValidator}, which it delegates to on a miss), and a token seen before (the same bytes, keyed by their
 * SHA-256) gets the identity SmallRye built for it, without a second signature check, until its {@code exp}; after
 * that the entry is gone and the token goes to SmallRye again, which refuses it. Only identities SmallRye produced are
 * kept; refusals are not. The front door ({@link RateLimit}) has already applied the token policy to every request.
 * (A parser bean replacing SmallRye's, tried before, was not the one Quarkus's authentication used: the identity
 * provider is the documented extension point.) {@code kaers.token.cache-identities=false} turns it off.
 */
@ApplicationScoped
public class VerifiedIdentities implements IdentityProvider<TokenAuthenticationRequest> {

    /** Most identities kept at once; the least used go first. */
    static final long MAX_ENTRIES = 50_000;

    private final MpJwtValidator verifier;
    private final boolean enabled;
    private final LongSupplier clockMillis;
    private final Cache<String, SecurityIdentity> identities;

    @Inject
    VerifiedIdentities(MpJwtValidator verifier, TokenPolicy.Config config) {
        this(verifier, config.cacheIdentities(), System::currentTimeMillis);
    }

    VerifiedIdentities(MpJwtValidator verifier, boolean enabled, LongSupplier clockMillis) {
        this.verifier = verifier;
        this.enabled = enabled;
        this.clockMillis = clockMillis;
        this.identities = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clockMillis.getAsLong()))
                .expireAfter(new Expiry<String, SecurityIdentity>() {
                    @Override
                    public long expireAfterCreate(String key, SecurityIdentity identity, long now) {
                        return TimeUnit.MILLISECONDS.toNanos(
                                Math.max(0, expiresMillis(identity) - clockMillis.getAsLong()));
                    }

                    @Override
                    public long expireAfterUpdate(String key, SecurityIdentity identity, long now, long current) {
                        return expireAfterCreate(key, identity, now);
                    }

                    @Override
                    public long expireAfterRead(String key, SecurityIdentity identity, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before SmallRye JWT's provider. */
    @Override
    public int priority() {
        return verifier.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled) {
            return verifier.authenticate(request, context);
        }
        String key = RateLimit.hash(request.getToken().getToken());
        SecurityIdentity known = identities.getIfPresent(key);
        if (known != null && expiresMillis(known) > clockMillis.getAsLong()) {
            return Uni.createFrom().item(known);
        }
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && expiresMillis(identity) > clockMillis.getAsLong()) {
                identities.put(key, identity);
            }
        });
    }

    /** Identities kept now (for tests). */
    long size() {
        identities.cleanUp();
        return identities.estimatedSize();
    }

    /** When the identity's token expires, in epoch milliseconds (0, never kept, when it says nothing). */
    private static long expiresMillis(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? TimeUnit.SECONDS.toMillis(jwt.getExpirationTime())
                : 0;
    }
}
