package org.kaers.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whole exports read in one database snapshot, whatever produces their rows: the JSON pages of a list endpoint
 * ({@link #pages}), or a statistics table ({@link #table}). A held connection opens a REPEATABLE READ, READ ONLY
 * transaction and exports its snapshot ({@code pg_export_snapshot()}); the data version is read in a transaction
 * that imports it (before the headers are sent), and the rows in another that imports it while the body streams,
 * so the stamp is the version of exactly the rows in the file, and rows that arrive meanwhile neither shift a page
 * nor appear twice. A list is read one JSON page at a time ({@value #PAGE} items, the persistence context cleared
 * between pages): constant memory at any length, and every row is the JSON page's row by construction.
 */
@ApplicationScoped
public class SnapshotExports {

    /** Page size of a list export (the largest JSON page). */
    public static final int PAGE = PageRequest.MAX_SIZE;

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?");
    /** Longest an export's transactions may stay open (a large file over a slow link). */
    private static final int TIMEOUT_SECONDS = 3600;

    private final DataSource dataSource;
    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;

    SnapshotExports(DataSource dataSource, EntityManager em, TransactionSynchronizationRegistry registry) {
        this.dataSource = dataSource;
        this.em = em;
        this.registry = registry;
    }

    /** Fetches one page of a list, as its JSON answer would (the caller's filters and role rules applied). */
    @FunctionalInterface
    public interface PageSource<T> {
        List<T> page(PageRequest page);
    }

    /**
     * Every page of a list as one file: columns are the record's components, each page fetched by {@code source}
     * in the export's snapshot, stamped with the live data version (the statistics aggregates', the version every
     * other export names).
     */
    public <T extends Record> Response pages(Exports.Format format, String name, Class<T> type, PageSource<T> source) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> columns =
                Arrays.stream(components).map(RecordComponent::getName).toList();
        return table(format, name, columns, this::liveVersion, true, sink -> {
            for (int page = 0; ; page++) {
                List<T> items = source.page(new PageRequest(page, PAGE));
                for (T item : items) {
                    sink.row(cells(components, item));
                }
                em.clear();
                if (items.size() < PAGE) {
                    return;
                }
            }
        });
    }

    /**
     * A table whose version ({@code version}, e.g. the release a researcher's numbers come from) and rows are read
     * in one snapshot; {@code rows} runs in a transaction of its own while the body streams.
     */
    public Response table(
            Exports.Format format, String name, List<String> columns, LongSupplier version, Exports.Source rows) {
        return table(format, name, columns, version, false, rows);
    }

    private Response table(
            Exports.Format format,
            String name,
            List<String> columns,
            LongSupplier version,
            boolean absentNulls,
            Exports.Source rows) {
        Connection held = null;
        try {
            held = dataSource.getConnection();
            held.setAutoCommit(false);
            held.setReadOnly(true);
            held.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (PreparedStatement st = held.prepareStatement("select pg_export_snapshot()");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                snapshot = rs.getString(1);
            }
            if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
                throw new IllegalStateException("unexpected snapshot id");
            }
            long stamp = QuarkusTransaction.requiringNew().call(() -> {
                enter(snapshot);
                return version.getAsLong();
            });
            Connection holder = held;
            Response response = Exports.table(
                    format,
                    name,
                    stamp,
                    columns,
                    sink -> {
                        try {
                            QuarkusTransaction.requiringNew()
                                    .timeout(TIMEOUT_SECONDS)
                                    .run(() -> {
                                        enter(snapshot);
                                        try {
                                            rows.writeTo(sink);
                                        } catch (IOException e) {
                                            throw new UncheckedIOException(e);
                                        }
                                    });
                        } catch (UncheckedIOException e) {
                            throw e.getCause();
                        } finally {
                            close(holder);
                        }
                    },
                    absentNulls);
            held = null; // the streamed body closes it
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("export snapshot failed", e);
        } finally {
            close(held);
        }
    }

    /** The live data version (the statistics aggregates'), in the current transaction. */
    private long liveVersion() {
        List<?> found = em.createNativeQuery("select data_version from stats_state where id = 1")
                .getResultList();
        return found.isEmpty() ? 0 : ((Number) found.get(0)).longValue();
    }

    private void enter(String snapshot) {
        // marked as one snapshot (OneSnapshot.KEY): a list or statistics read inside does not set its own
        OneSnapshot.begin(em, registry);
        em.createNativeQuery("set transaction snapshot '" + snapshot + "'").executeUpdate();
    }

    /** The values of a record's components, in their order (a row of an export whose columns are the components). */
    public static List<Object> cells(RecordComponent[] components, Record item) {
        List<Object> out = new ArrayList<>(components.length);
        for (RecordComponent component : components) {
            try {
                out.add(component.getAccessor().invoke(item));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Rolls back and closes a connection an export held, if any, ignoring what fails on the way. */
    public static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to do
        }
    }
}
