package org.kaers.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/** The cache of verified tokens: a token is verified once until its exp, never served past it, refusals never kept. */
class CachingPrincipalFactoryTest {

    private final AtomicLong clock = new AtomicLong(1_800_000_000_000L);
    private final AtomicInteger verifications = new AtomicInteger();

    /** Verifies "good-N" tokens (expiring N seconds after the start of the test clock) and refuses anything else. */
    private final JWTCallerPrincipalFactory verifier = new JWTCallerPrincipalFactory() {
        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
            verifications.incrementAndGet();
            if (!token.startsWith("good-")) {
                throw new ParseException("bad signature");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject("alice");
            claims.setExpirationTime(NumericDate.fromSeconds(1_800_000_000L + Long.parseLong(token.substring(5))));
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        }
    };

    private final CachingPrincipalFactory factory = new CachingPrincipalFactory(verifier, clock::get);

    @Test
    void smallRyeUsesIt() {
        org.junit.jupiter.api.Assertions.assertInstanceOf(CachingPrincipalFactory.class, JWTCallerPrincipalFactory.instance());
    }

    @Test
    void aTokenIsVerifiedOnceUntilItExpires() throws Exception {
        JWTCallerPrincipal first = factory.parse("good-60", null);
        assertSame(first, factory.parse("good-60", null));
        clock.addAndGet(59_000);
        assertSame(first, factory.parse("good-60", null));
        assertEquals(1, verifications.get());
        clock.addAndGet(2_000); // past exp: verified again (the real verifier then refuses it)
        factory.parse("good-60", null);
        assertEquals(2, verifications.get());
    }

    @Test
    void anotherTokenIsVerifiedAfresh() throws Exception {
        factory.parse("good-60", null);
        factory.parse("good-61", null);
        assertEquals(2, verifications.get());
    }

    @Test
    void refusalsAreNotKept() {
        assertThrows(ParseException.class, () -> factory.parse("forged", null));
        assertThrows(ParseException.class, () -> factory.parse("forged", null));
        assertEquals(2, verifications.get());
    }

    @Test
    void anExpiredTokenIsNeverKept() throws Exception {
        clock.addAndGet(120_000);
        factory.parse("good-60", null);
        factory.parse("good-60", null);
        assertEquals(2, verifications.get());
    }
}
