package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kaers.report.model.CaseStatus;

/** COPY text of the import's bulk writer: what PostgreSQL reads back is the value written, escapes and NULLs included. */
@QuarkusTest
class CopyRowsTest {

    @Inject
    DataSource dataSource;

    @Test
    void escapesTheCharactersCopyTextGivesAMeaning() {
        CopyRows rows = new CopyRows("t", "a, b");
        rows.add("tab\there, line\nbreak, cr\r, back\\slash, \\N").nul().end();
        assertThat(rows.text()).isEqualTo("tab\\there, line\\nbreak, cr\\r, back\\\\slash, \\\\N\t\\N\n");
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void datesAndInstantsAsTheServerReadsThem() {
        CopyRows rows = new CopyRows("t", "a");
        rows.add(LocalDate.of(2015, 3, 7))
                .add(LocalDate.of(12000, 1, 2))
                .add(LocalDate.of(0, 1, 1))
                .add(Instant.parse("2016-02-29T23:59:58.123456789Z"))
                .add(Instant.parse("0999-01-01T00:00:00Z"))
                .end();
        assertThat(rows.text())
                .isEqualTo("2015-03-07\t12000-01-02\t0001-01-01 BC\t2016-02-29 23:59:58.123456+00\t"
                        + "0999-01-01 00:00:00.000000+00\n");
    }

    @Test
    void roundTripsEveryKindOfValueThroughCopy() throws Exception {
        String text = "quotes “x” \u0091y\u0092, tab\t, newline\n, cr\r, backslash \\, \\N, ünïcödé, 𝄞";
        Instant at = Instant.parse("2016-02-29T23:59:58.123456Z");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table copy_rows_probe (id bigint, s text, n text, d date, t timestamptz,"
                        + " b boolean, x numeric, e text, j jsonb, i integer) on commit drop");
            }
            CopyRows rows = new CopyRows("copy_rows_probe", "id, s, n, d, t, b, x, e, j, i");
            rows.add(7L)
                    .add(text)
                    .add((String) null)
                    .add(LocalDate.of(2020, 1, 31))
                    .add(at)
                    .add(Boolean.TRUE)
                    .add(new BigDecimal("1.50E+3"))
                    .add(CaseStatus.ACTIVE)
                    .add("{\"a\": \"b\\\\c\"}")
                    .add((Integer) null)
                    .end();
            rows.add(8L)
                    .nul()
                    .nul()
                    .nul()
                    .nul()
                    .add((Boolean) null)
                    .add((BigDecimal) null)
                    .add((Enum<?>) null)
                    .nul()
                    .add(3)
                    .end();
            assertThat(rows.copy(c)).isEqualTo(2);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "select id, s, n, d, t, b, x, e, j ->> 'a', i from copy_rows_probe" + " order by id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(7);
                assertThat(rs.getString(2)).isEqualTo(text);
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2020, 1, 31));
                assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(at);
                assertThat(rs.getBoolean(6)).isTrue();
                assertThat(rs.getBigDecimal(7)).isEqualByComparingTo("1500");
                assertThat(rs.getString(8)).isEqualTo("ACTIVE");
                assertThat(rs.getString(9)).isEqualTo("b\\c");
                assertThat(rs.getObject(10)).isNull();
                assertThat(rs.next()).isTrue();
                for (int i = 2; i <= 9; i++) {
                    assertThat(rs.getObject(i)).isNull();
                }
                assertThat(rs.getInt(10)).isEqualTo(3);
            }
            c.rollback();
        }
    }

    @Test
    void streamsRowsInChunksWhileTheyAreAdded() throws Exception {
        String text = "back\\slash\ttab \uD834\uDD1E ";
        assertThat(CopyRows.escape("plain")).isSameAs("plain");
        assertThat(CopyRows.escape(text)).isEqualTo("back\\\\slash\\ttab \uD834\uDD1E ");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table copy_rows_stream (id bigint, s text) on commit drop");
            }
            CopyRows rows = new CopyRows("copy_rows_stream", "id, s").streamTo(c);
            int n = 3 * CopyRows.CHUNK / text.length(); // several chunks
            for (long i = 0; i < n; i++) {
                rows.add(i).addEscaped(CopyRows.escape(text + i)).end();
                rows.sendIfFull();
            }
            assertThat(rows.finish()).isEqualTo(n);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*), count(*) filter (where s = '"
                            + text.replace("'", "''") + "' || id) from copy_rows_stream")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(n);
                assertThat(rs.getLong(2)).isEqualTo(n);
            }
            c.rollback();
        }
    }
}
