package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The column lists ImportRows writes with COPY, checked against the migrated schema (information_schema): every
 * listed column exists (once, and is not generated), and every NOT NULL column without a default (nor identity)
 * is listed, so that a new non-null column cannot be forgotten by the import path.
 */
@QuarkusTest
class ImportRowsColumnsTest {

    private static final String COLUMNS_SQL = "select column_name, is_nullable = 'NO' and column_default is null"
            + " and is_identity = 'NO' and is_generated = 'NEVER', is_generated <> 'NEVER'"
            + " from information_schema.columns where table_schema = current_schema() and table_name = ?"
            + " order by ordinal_position";

    @Inject
    DataSource dataSource;

    record Column(String name, boolean required, boolean generated) {}

    @Test
    void everyCopyListsEveryRequiredColumnAndOnlyColumnsThatExist() throws SQLException {
        Map<String, String> copies = ImportRows.copyColumns();
        assertThat(copies).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> copy : copies.entrySet()) {
            String table = copy.getKey();
            List<String> listed =
                    Arrays.stream(copy.getValue().split(",")).map(String::strip).toList();
            Set<String> distinct = new LinkedHashSet<>(listed);
            if (distinct.size() != listed.size()) {
                problems.add(table + ": a column is listed twice in " + listed);
            }
            List<Column> columns = columns(table);
            if (columns.isEmpty()) {
                problems.add(table + ": no such table");
                continue;
            }
            for (String name : listed) {
                Column c = columns.stream()
                        .filter(x -> x.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (c == null) {
                    problems.add(table + "." + name + ": listed but not a column");
                } else if (c.generated()) {
                    problems.add(table + "." + name + ": listed but generated (COPY cannot write it)");
                }
            }
            for (Column c : columns) {
                if (c.required() && !distinct.contains(c.name())) {
                    problems.add(table + "." + c.name() + ": NOT NULL without a default, but not in the COPY list");
                }
            }
        }
        assertThat(problems)
                .as("COPY column lists of ImportRows against the schema")
                .isEmpty();
    }

    private List<Column> columns(String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(COLUMNS_SQL)) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
                }
            }
        }
        return columns;
    }
}
