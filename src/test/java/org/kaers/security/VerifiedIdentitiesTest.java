package org.kaers.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;

/** Verified tokens are verified once until they expire: through Quarkus's authentication, and rule by rule. */
@QuarkusTest
class VerifiedIdentitiesTest {

    @Inject
    VerifiedIdentities identities;

    @Test
    void quarkusAuthenticatesThroughItAndVerifiesATokenOnce() {
        String token = Tokens.of("cached-" + System.nanoTime() + "@test", "REVIEWER");
        long before = identities.size();
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", Tokens.bearer(token))
                    .get("/api/v1/stats/aggregates")
                    .then()
                    .statusCode(200);
        }
        assertThat(identities.size()).isEqualTo(before + 1);
        // the cached identity keeps its roles: a REVIEWER may not rebuild (ADMIN only)
        given().header("Authorization", Tokens.bearer(token))
                .post("/api/v1/stats/aggregates/rebuild")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.expired("cached@test", "ADMIN")))
                .get("/api/v1/stats/aggregates")
                .then()
                .statusCode(401);
    }

    /** A verifier that accepts tokens named "good-<seconds to exp>" and counts its calls. */
    static final class Counting extends MpJwtValidator {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong now;

        Counting(AtomicLong now) {
            this.now = now;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            calls.incrementAndGet();
            String token = request.getToken().getToken();
            if (!token.startsWith("good-")) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            long exp = now.get() / 1000 + Long.parseLong(token.substring(5));
            JsonWebToken jwt = (JsonWebToken) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {JsonWebToken.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getExpirationTime" -> exp;
                        case "getName" -> token;
                        default -> null;
                    });
            return Uni.createFrom()
                    .item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(jwt)
                            .addRoles(Set.of("REVIEWER"))
                            .build());
        }
    }

    @Test
    void aTokenIsVerifiedOnceUntilItExpiresAndRefusalsAreNotKept() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        Counting verifier = new Counting(now);
        VerifiedIdentities cache = new VerifiedIdentities(verifier, true, now::get);
        SecurityIdentity first = authenticate(cache, "good-60");
        assertThat(authenticate(cache, "good-60")).isSameAs(first);
        assertThat(verifier.calls).hasValue(1);
        assertThat(authenticate(cache, "good-61")).isNotSameAs(first);
        assertThat(verifier.calls).hasValue(2);
        now.addAndGet(60_000); // good-60 has expired: verified afresh
        assertThat(authenticate(cache, "good-60")).isNotSameAs(first);
        assertThat(verifier.calls).hasValue(3);
        assertThatThrownBy(() -> authenticate(cache, "bad")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> authenticate(cache, "bad")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(verifier.calls).hasValue(5);
    }

    @Test
    void switchedOffEveryTokenIsVerified() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        Counting verifier = new Counting(now);
        VerifiedIdentities cache = new VerifiedIdentities(verifier, false, now::get);
        authenticate(cache, "good-60");
        authenticate(cache, "good-60");
        assertThat(verifier.calls).hasValue(2);
    }

    private static SecurityIdentity authenticate(VerifiedIdentities cache, String token) {
        return cache.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await()
                .indefinitely();
    }
}
