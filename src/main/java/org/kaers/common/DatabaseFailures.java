package org.kaers.common;

import com.fasterxml.jackson.core.JacksonException;

/**
 * What a failure says about the database or the connection, read from its cause chain (SQLSTATEs, driver and pool
 * exception types): the classification {@link ProblemMappers} turns into 400, 503 or 500.
 */
final class DatabaseFailures {

    private static final java.util.Set<String> TRANSIENT_CONFLICTS = java.util.Set.of("40001", "40P01", "55P03");

    private DatabaseFailures() {}

    /** A serialization failure, a deadlock or a lock not available: the database rolled back, a retry works. */
    static boolean transientConflict(Throwable e) {
        return TRANSIENT_CONFLICTS.contains(sqlState(e));
    }

    static String dataProblem(String sqlState) {
        return switch (sqlState) {
            case "22001" -> "a text is longer than its field allows";
            case "22003" -> "a number is out of range";
            case "22008", "22007" -> "a date is out of range";
            case "22P02" -> "a value is not of the field's type";
            case "22021", "22P05" -> "a text holds a character that cannot be stored (such as NUL)";
            default -> "a value is out of range or holds a character that cannot be stored";
        };
    }

    /**
     * The connection closed while the body was read (the client went away): an I/O failure, not the service's.
     * Checked after every database case: a failure with an SQLException in its chain is never the client's.
     */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return false;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || (t instanceof java.io.IOException && !(t instanceof JacksonException))) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of the first SQLException in the cause chain, or "". */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /**
     * The database is down, restarting, refusing connections or unreachable: a connection exception (SQLSTATE
     * class 08), an administrator or crash shutdown, start-up or recovery in progress (57P01-57P03), too many
     * connections (53300), no pooled connection within the acquisition timeout (an SQLException of the
     * Agroal pool or its transaction integration, which give no SQLSTATE), or a commit that failed with the connection (found by the
     * load harness when PostgreSQL stopped mid-commit).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    // the commit itself failed (the connection died under it): the outcome is for a retry to tell
                    || t instanceof jakarta.transaction.RollbackException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08")
                        || state.startsWith("57P0")
                        || state.equals("53300")
                        || (state.isEmpty() && thrownByPool(sql))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Agroal's own SQLExceptions (no SQLSTATE): acquisition timeouts, the pool shutting down, and a pooled
     * connection that died with a PostgreSQL restart failing to join the transaction (its Narayana integration:
     * "could not register transaction", found by the load harness as a 500 when PostgreSQL stopped).
     */
    static boolean thrownByPool(java.sql.SQLException e) {
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length > 0
                && (frames[0].getClassName().startsWith("io.agroal.pool.")
                        || frames[0].getClassName().startsWith("io.agroal.narayana."));
    }

    /** PostgreSQL cancelled a statement that exceeded statement_timeout (SQLSTATE 57014). */
    static boolean queryCancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
