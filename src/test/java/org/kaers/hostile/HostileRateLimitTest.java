package org.kaers.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.RawHttp;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;

/**
 * One principal, one bucket, whatever the spelling: the scheme in any case, another token of the same principal,
 * a matrix parameter or another non-canonical path form. Limits: 6 a minute per principal.
 */
@QuarkusTest
@NoDefaultToken
@TestProfile(HostileRateLimitTest.Low.class)
class HostileRateLimitTest {

    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kaers.rate-limit.per-credential",
                    "6",
                    "kaers.rate-limit.per-address",
                    "1000",
                    "kaers.stats.aggregate-interval",
                    "off");
        }
    }

    @Inject
    TestDatabase db;

    @Test
    void aPrincipalHasOneBucketHoweverItsRequestsAreSpelled() {
        String token = Tokens.of("flood@test", "RESEARCHER");
        String another = Tokens.of("flood@test", "RESEARCHER", "REVIEWER");
        List<String> spellings = List.of(
                "Bearer " + token,
                "bearer " + token,
                "BEARER " + another,
                "Bearer " + another,
                "bEaReR " + token,
                "Bearer " + token);
        List<Integer> statuses = new ArrayList<>();
        for (String authorization : spellings) {
            statuses.add(RawHttp.get("/api/v1/substances", Map.of("Authorization", authorization))
                    .status());
        }
        assertThat(statuses).containsOnly(200);
        // the bucket is empty: every spelling and path form now gets 429, not a fresh bucket
        for (Hostile.PathForm form : Hostile.pathForms()) {
            for (String authorization : List.of("Bearer " + token, "bearer " + another)) {
                RawHttp.Answer answer =
                        RawHttp.get(form.spell().apply("/api/v1/substances"), Map.of("Authorization", authorization));
                assertThat(answer.status()).as(form.name()).isEqualTo(429);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 60);
            }
        }
        // refused with the verified principal in the audit log
        long expected = 2L * Hostile.pathForms().size();
        long audited = db.count("select count(*) from audit_event where status = 429 and actor = 'flood@test'");
        for (int i = 0; i < 100 && audited < expected; i++) {
            Hostile.sleep(50);
            audited = db.count("select count(*) from audit_event where status = 429 and actor = 'flood@test'");
        }
        assertThat(audited).isEqualTo(expected);
        // another principal from the same address is not affected
        assertThat(RawHttp.get(
                                "/api/v1/substances",
                                Map.of("Authorization", "Bearer " + Tokens.of("calm@test", "RESEARCHER")))
                        .status())
                .isEqualTo(200);
    }
}
