package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.kaers.common.ApiProblem;
import org.kaers.common.Exports;
import org.kaers.common.SnapshotExports;
import org.kaers.common.Violation;

/**
 * The whole de-identified line listing as one CSV or NDJSON file, in constant memory at any size: the rows come
 * from a server-side cursor (autocommit off, fetch size {@value #FETCH}) and are written as they are read. One
 * read-only REPEATABLE READ transaction holds the data version and every row, so the stamp is the version of
 * exactly the rows in the file. The filters are those of the JSON listing; page and size are not taken (the file
 * is the whole listing). Columns: the fields of {@link LineListing.Row}, so a new field is exported with no edit here.
 */
@ApplicationScoped
class LineListingExport {

    static final int FETCH = 1000;
    private static final RecordComponent[] COLUMNS = LineListing.Row.class.getRecordComponents();

    private final DataSource dataSource;

    LineListingExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The export takes the listing's filters only: a treatment is refused as the hand-parsed query refused it (the
     * cursor's query has no treatment filter).
     */
    static void refuseTreatment(String treatment) {
        if (treatment != null) {
            Set<String> allowed = new TreeSet<>();
            LineListing.FILTERS.forEach(d -> allowed.add(d.code()));
            throw ApiProblem.invalid(Violation.query(
                    LineListing.TREATMENT, "unknown parameter; allowed: " + String.join(", ", allowed)));
        }
    }

    Response export(CountRequest request, Exports.Format format) {
        StringBuilder sql = new StringBuilder(
                "select f.period, f.vals::text, " + LineListing.TREATMENTS + " from stats_fact f where true");
        List<String> params = new ArrayList<>();
        for (Map.Entry<Dimension, List<String>> filter : request.filters().entrySet()) {
            sql.append(" and f.vals && cast(? as text[])");
            params.add(filter.getValue().stream()
                    .map(v -> filter.getKey().code() + "=" + v)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        }
        sql.append(" order by f.case_id");
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long version = single(c, "select data_version from stats_state where id = 1");
            Map<String, String> productNames = names(c, LineListing.PRODUCT_NAMES);
            Map<String, String> termNames = names(c, LineListing.TERM_NAMES);
            Connection open = c;
            Response response = Exports.table(
                    format,
                    "line-listing",
                    version,
                    Arrays.stream(COLUMNS).map(RecordComponent::getName).toList(),
                    sink -> stream(open, sql.toString(), params, productNames, termNames, sink));
            c = null; // the streamed body closes it
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("line listing export failed", e);
        } finally {
            close(c);
        }
    }

    private static void stream(
            Connection c,
            String sql,
            List<String> params,
            Map<String, String> productNames,
            Map<String, String> termNames,
            Exports.Sink sink)
            throws IOException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setFetchSize(FETCH);
            for (int i = 0; i < params.size(); i++) {
                st.setString(i + 1, params.get(i));
            }
            long position = 0;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    LineListing.Row row = LineListing.row(
                            ++position, rs.getInt(1), rs.getString(2), rs.getString(3), productNames, termNames);
                    sink.row(cells(row));
                }
            }
        } catch (SQLException e) {
            throw new IOException("line listing export failed", e);
        } finally {
            close(c);
        }
    }

    private static List<Object> cells(LineListing.Row row) {
        return SnapshotExports.cells(COLUMNS, row);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static Map<String, String> names(Connection c, String sql) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void close(Connection c) {
        SnapshotExports.close(c);
    }
}
