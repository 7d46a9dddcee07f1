package org.kaers.common;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * SQL text never reaches the log, whoever logs it (Hibernate, Narayana at commit, the driver): a record whose
 * message or exception messages quote a statement keeps its level, logger and exception classes, and loses the
 * text (statements quote values, which can be patient data). Installed on the console ({@code quarkus.log.console.filter}).
 */
@LoggingFilter(name = "no-sql")
public final class NoSqlInLogs implements Filter {

    static final Pattern SQL = Pattern.compile(
            "(?is)\\b(insert\\s+into|update\\s+\\S+\\s+set|delete\\s+from|select\\s.+?\\sfrom|batch entry \\d+)\\b");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        boolean quotes = message != null && SQL.matcher(message).find();
        for (Throwable t = record.getThrown(); t != null && !quotes; t = t.getCause()) {
            quotes = t.getMessage() != null && SQL.matcher(t.getMessage()).find();
        }
        if (quotes) {
            String classes = record.getThrown() == null ? "" : ": " + FailureLog.chain(record.getThrown());
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage("[a log message quoting SQL, removed]" + classes, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage("[a log message quoting SQL, removed]" + classes);
            }
            record.setParameters(null);
            record.setThrown(null);
        }
        return true;
    }
}
