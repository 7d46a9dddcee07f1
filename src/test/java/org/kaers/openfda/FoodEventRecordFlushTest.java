package org.kaers.openfda;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

/**
 * openFDA's records are written at commit by one flush per transaction (V82, V83): versions noted in several
 * statements, in a rolled-back savepoint, after a flush already ran, or by two transactions at once each end up
 * with the record that V80's definition computes, and nothing is left pending. The versions are noted as a
 * re-import notes them, by recording the source's outcome list (which the record shows).
 */
@QuarkusTest
class FoodEventRecordFlushTest {

    private static final String OUTCOME = "VISITED AN ER";

    @Inject
    DataSource dataSource;

    @Inject
    TestDatabase db;

    @Test
    void versionsNotedInSeveralStatementsAreWrittenAtCommitAndARolledBackSavepointIsNot() throws SQLException {
        long a = version();
        long b = version();
        long c = version();
        try (Connection conn = dataSource.getConnection();
                Statement s = conn.createStatement()) {
            conn.setAutoCommit(false);
            s.execute(noted(a));
            s.execute("savepoint before_b");
            s.execute(noted(b));
            s.execute("rollback to savepoint before_b");
            s.execute(noted(c));
            assertThat(count(s, "select count(*) from openfda_record_flush_due"))
                    .isEqualTo(1);
            assertThat(count(s, "select count(*) from openfda_record_pending")).isEqualTo(2);
            assertThat(outcomes(a)).as("nothing is written before the commit").doesNotContain(OUTCOME);
            conn.commit();
        }
        assertThat(outcomes(a)).isEqualTo("{\"" + OUTCOME + "\"}");
        assertThat(outcomes(b)).doesNotContain(OUTCOME);
        assertThat(outcomes(c)).isEqualTo("{\"" + OUTCOME + "\"}");
        assertRecordsAsComputed(a, b, c);
    }

    @Test
    void aVersionNotedAfterAnEarlierFlushIsWrittenByAnotherAtCommit() throws SQLException {
        long a = version();
        long b = version();
        try (Connection conn = dataSource.getConnection();
                Statement s = conn.createStatement()) {
            conn.setAutoCommit(false);
            s.execute(noted(a));
            s.execute("set constraints openfda_record_flush immediate");
            assertThat(count(s, "select count(*) from openfda_record_pending")).isZero();
            s.execute("set constraints openfda_record_flush deferred");
            s.execute(noted(b));
            assertThat(count(s, "select count(*) from openfda_record_flush_due"))
                    .isEqualTo(1);
            conn.commit();
        }
        assertThat(outcomes(a)).isEqualTo("{\"" + OUTCOME + "\"}");
        assertThat(outcomes(b)).isEqualTo("{\"" + OUTCOME + "\"}");
        assertRecordsAsComputed(a, b);
    }

    @Test
    void twoTransactionsNoteVersionsWithoutWaitingForEachOther() throws SQLException {
        long a = version();
        long b = version();
        try (Connection first = dataSource.getConnection();
                Statement s1 = first.createStatement();
                Connection second = dataSource.getConnection();
                Statement s2 = second.createStatement()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            s1.execute(noted(a));
            // The first transaction's marker is uncommitted: the second must neither wait for it nor see it.
            s2.execute("set local lock_timeout = '2s'");
            s2.execute(noted(b));
            assertThat(count(s2, "select count(*) from openfda_record_flush_due"))
                    .isEqualTo(1);
            second.commit();
            assertThat(outcomes(b)).isEqualTo("{\"" + OUTCOME + "\"}");
            assertThat(outcomes(a)).doesNotContain(OUTCOME);
            first.commit();
        }
        assertThat(outcomes(a)).isEqualTo("{\"" + OUTCOME + "\"}");
        assertRecordsAsComputed(a, b);
    }

    /** A new case's only version id (its record written at the submission's commit). */
    private long version() {
        String caseNumber = CaseReports.submit(CaseReports.withProduct("flush " + CaseReports.uniqueToken()));
        return db.count("select v.id from case_version v join case_report r on r.id = v.case_id where r.case_number = '"
                + caseNumber + "'");
    }

    private static String noted(long versionId) {
        return "insert into case_source_outcome (case_version_id, outcome) values (" + versionId + ", '" + OUTCOME
                + "')";
    }

    private String outcomes(long versionId) {
        return db.string("select outcomes::text from openfda_record where version_id = " + versionId);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertRecordsAsComputed(long... versionIds) {
        String ids = java.util.Arrays.stream(versionIds)
                .mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(","));
        String computed = "select c.version_id, c.case_id, v.version, c.report_number, c.date_created, c.date_started,"
                + " c.outcomes, c.reactions, c.consumer_age, c.consumer_age_unit, c.consumer_gender, c.products_role,"
                + " c.products_name_brand, c.products_industry_code, c.products_industry_name"
                + " from openfda_food_event_computed c join case_version v on v.id = c.version_id"
                + " where c.version_id in (" + ids + ")";
        String stored = "select * from openfda_record where version_id in (" + ids + ")";
        assertThat(db.count("select count(*) from ((" + computed + " except " + stored + ") union all (" + stored
                        + " except " + computed + ")) d"))
                .isZero();
        assertThat(db.count("select count(*) from openfda_record where version_id in (" + ids + ")"))
                .isEqualTo(versionIds.length);
        assertThat(db.count("select count(*) from openfda_record_pending")).isZero();
        assertThat(db.count("select count(*) from openfda_record_flush_due")).isZero();
    }
}
