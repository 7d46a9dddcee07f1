package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures without an SQLSTATE mean "the database is unavailable" (503) rather than a defect (500). */
class DatabaseFailuresTest {

    private static SQLException thrownAt(String className) {
        SQLException e = new SQLException("pool failure without an SQLSTATE");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "m", "F.java", 1)});
        return e;
    }

    @Test
    void aConnectionThatCannotJoinTheTransactionAfterARestartIsUnavailable() {
        // what the load harness saw when PostgreSQL stopped: Agroal's Narayana integration could not enlist a
        // pooled connection that had died ("could not register transaction"), wrapped by Hibernate
        var enlisting = new org.hibernate.exception.GenericJDBCException(
                "Unable to acquire JDBC Connection", thrownAt("io.agroal.narayana.NarayanaTransactionIntegration"));
        assertThat(DatabaseFailures.databaseUnavailable(enlisting)).isTrue();
        assertThat(DatabaseFailures.databaseUnavailable(thrownAt("io.agroal.pool.ConnectionPool")))
                .isTrue();
    }

    @Test
    void anSqlExceptionWithoutStateFromElsewhereIsNot() {
        assertThat(DatabaseFailures.databaseUnavailable(thrownAt("org.kaers.report.ImportRows")))
                .isFalse();
        assertThat(DatabaseFailures.databaseUnavailable(new SQLException("duplicate key", "23505")))
                .isFalse();
    }
}
