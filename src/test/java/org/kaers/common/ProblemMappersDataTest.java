package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A value the database cannot hold is the client's 400, never 503 "database unavailable", however it arrives:
 * at the statement, or at commit, where a failed flush comes wrapped in a RollbackException.
 */
class ProblemMappersDataTest {

    private final ProblemMappers mappers = new ProblemMappers(new ObjectMapper());

    @Test
    void dataExceptionsAre400WhereverTheyArrive() {
        for (String state : new String[] {"22001", "22003", "22P02", "22021", "22008"}) {
            SQLException sql = new SQLException("ERROR: value too long for type character varying(300)", state);
            Throwable atStatement = new jakarta.persistence.PersistenceException(
                    new org.hibernate.exception.DataException("insert into case_product (name) values (?)", sql));
            jakarta.transaction.RollbackException atCommit = new jakarta.transaction.RollbackException("rolled back");
            atCommit.initCause(atStatement);
            for (Throwable e :
                    new Throwable[] {atStatement, atCommit, new io.quarkus.arc.ArcUndeclaredThrowableException(atCommit)
                    }) {
                Response response = mappers.unexpected(e);
                assertThat(response.getStatus())
                        .as(state + " " + e.getClass().getSimpleName())
                        .isEqualTo(400);
                String body = String.valueOf(response.getEntity());
                assertThat(body)
                        .contains("urn:kaers:problem:validation")
                        .doesNotContain("insert into")
                        .doesNotContain("varying");
            }
        }
    }

    @Test
    void aClientThatWentAwayIsNotAServerFailure() {
        Response response =
                mappers.unexpected(new java.io.UncheckedIOException(new java.io.IOException("Connection was closed")));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(mappers.unexpected(io.vertx.core.http.HttpClosedException.class.cast(
                                new io.vertx.core.http.HttpClosedException("closed")))
                        .getStatus())
                .isEqualTo(400);
    }

    @Test
    void aRollbackWithoutADataExceptionIsStillUnavailable() {
        assertThat(mappers.unexpected(new jakarta.transaction.RollbackException("connection lost"))
                        .getStatus())
                .isEqualTo(503);
        // a refused connection has an IOException in its chain too: still the database's, not the client's
        assertThat(mappers.unexpected(new jakarta.persistence.PersistenceException(new SQLException(
                                "Connection refused", "08001", new java.net.ConnectException("refused"))))
                        .getStatus())
                .isEqualTo(503);
    }

    @Test
    void logRecordsQuotingSqlLoseTheText() {
        var record = new org.jboss.logmanager.ExtLogRecord(
                org.jboss.logmanager.Level.WARN,
                "ARJUNA012125: failed: Batch entry 0 insert into case_product (name) values ('JD') was aborted",
                ProblemMappersDataTest.class.getName());
        record.setThrown(new SQLException("Batch entry 0 insert into case_product values ('JD')", "22001"));
        assertThat(new NoSqlInLogs().isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage())
                .doesNotContain("insert")
                .doesNotContain("JD")
                .contains("java.sql.SQLException[22001]");
        assertThat(record.getThrown()).isNull();
    }
}
