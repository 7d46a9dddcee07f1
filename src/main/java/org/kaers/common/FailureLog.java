package org.kaers.common;

/**
 * How failures are logged: exception classes, SQLSTATEs and code locations, never messages (they can quote SQL or
 * the values a client sent, which may be patient data).
 */
public final class FailureLog {

    private FailureLog() {}

    /** The cause chain as class names and SQLSTATEs, on one line. */
    static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                out.append('[').append(sql.getSQLState()).append(']');
            }
        }
        return out.toString();
    }

    /** The cause chain (class names and SQLSTATEs, see chain) and where the root cause was thrown; no messages. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(chain(e));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(8, frames.length); i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        return out.toString();
    }
}
