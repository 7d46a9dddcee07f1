package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A statement cancelled by statement_timeout (SQLSTATE 57014), or a transaction rolled back by a deadlock or a
 * serialization failure, is a 503 with Retry-After, never a 500.
 */
class ProblemMappersTimeoutTest {

    private final ProblemMappers mappers = new ProblemMappers(new ObjectMapper());

    @Test
    void cancelledQueryIs503WithRetryAfter() {
        Response response = mappers.unexpected(
                new IllegalStateException("wrapped", new SQLException("canceling statement", "57014")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getEntity().toString())
                .contains("\"type\":\"urn:kaers:problem:service-unavailable\"")
                .contains("\"status\":503")
                .doesNotContain("canceling statement");
    }

    @Test
    void deadlockVictimIs503WithRetryAfter() {
        for (String state : new String[] {"40P01", "40001", "55P03"}) {
            Response response = mappers.unexpected(new IllegalStateException(
                    "wrapped", new SQLException("deadlock detected on row (KAE-2026-000001)", state)));
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
            assertThat(response.getEntity().toString()).contains("concurrent").doesNotContain("KAE-2026-000001");
        }
    }

    @Test
    void aCommitLostWithTheConnectionIs503() {
        Response response = mappers.unexpected(new io.quarkus.arc.ArcUndeclaredThrowableException(
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(response.getEntity().toString()).contains("Idempotency-Key").doesNotContain("ARJUNA");
    }

    @Test
    void otherFailuresStay500WithoutDetails() {
        Response response = mappers.unexpected(
                new IllegalStateException("secret row data", new SQLException("duplicate key", "23505")));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getEntity().toString()).doesNotContain("secret").doesNotContain("duplicate");
        assertThat(FailureLog.describe(new IllegalStateException("secret", new SQLException("x"))))
                .startsWith("java.lang.IllegalStateException <- java.sql.SQLException")
                .doesNotContain("secret");
    }
}
