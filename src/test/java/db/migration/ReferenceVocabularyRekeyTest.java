package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kaers.vocabulary.TextNormalizer;

/**
 * When the normaliser changes, the reference vocabulary migration re-keys what is stored under the old normal forms
 * (synonyms, aliases, the normal forms beside codings, alias lookup keys), so lookups keep finding it. Each test runs
 * in one transaction that is rolled back.
 */
@QuarkusTest
class ReferenceVocabularyRekeyTest {

    @Inject
    DataSource dataSource;

    @Test
    void staleNormalFormsAreReplacedAndTheirLookupKeysDropped() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long term = first(c, "select id from symptom_term order by id limit 1");
                long product = first(c, "select id from product order by id limit 1");
                update(
                        c,
                        "insert into symptom_synonym (normalized, term_id, text, preferred) values"
                                + " ('rekeytest oedemas stale', " + term + ", 'Rekeytest oedemas', false)");
                update(
                        c,
                        "insert into product_alias (normalized, product_id, text) values" + " ('rekeytest haem stale', "
                                + product + ", 'REKEYTEST Haemo-Leaf')");
                update(
                        c,
                        "insert into product_alias_key (key, normalized) values ('rekeytest key', 'rekeytest haem stale')");
                update(
                        c,
                        "insert into product_name_coding (name, normalized, product_id, method, coded_at) values"
                                + " ('REKEYTEST Haemo-Leaf', 'stale', " + product + ", 'NEW', now())");

                int changed = R__Reference_vocabulary.rekey(c, TextNormalizer::forMatching);

                assertThat(changed).isEqualTo(4);
                assertThat(strings(c, "select normalized from symptom_synonym where text = 'Rekeytest oedemas'"))
                        .containsExactly("rekeytest edema");
                assertThat(strings(c, "select normalized from product_alias where text = 'REKEYTEST Haemo-Leaf'"))
                        .containsExactly("rekeytest hemo leaf");
                assertThat(strings(c, "select normalized from product_name_coding where name = 'REKEYTEST Haemo-Leaf'"))
                        .containsExactly("rekeytest hemo leaf");
                assertThat(strings(c, "select key from product_alias_key where key = 'rekeytest key'"))
                        .isEmpty();
                assertThat(R__Reference_vocabulary.rekey(c, TextNormalizer::forMatching))
                        .as("a second run finds nothing stale")
                        .isZero();
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aChangedNormaliserReKeysEveryRowEvenInChainsAndMergesNamesThatMeet() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long term = first(c, "select id from symptom_term order by id limit 1");
                // Under the new normaliser "chain a" moves to "chain b" while "chain b" moves to "chain c".
                update(
                        c,
                        "insert into symptom_synonym (normalized, term_id, text, preferred) values"
                                + " ('rekeytest chain a', " + term + ", 'b', false),"
                                + " ('rekeytest chain b', " + term + ", 'c', false),"
                                + " ('rekeytest twin 1', " + term + ", 'twin', false),"
                                + " ('rekeytest twin 2', " + term + ", 'TWIN', false)");
                UnaryOperator<String> changed = text -> "rekeytest " + text.toLowerCase(java.util.Locale.ROOT);

                R__Reference_vocabulary.rekey(c, changed);

                assertThat(strings(
                                c,
                                "select normalized from symptom_synonym where normalized like 'rekeytest %'"
                                        + " and text in ('b', 'c', 'twin', 'TWIN') order by 1"))
                        .containsExactly("rekeytest b", "rekeytest c", "rekeytest twin");
                assertThat(first(c, "select count(*) from symptom_synonym where text in ('b', 'c', 'twin', 'TWIN')"))
                        .as("only a name that meets another under the new normal form is dropped")
                        .isEqualTo(3);
                assertThat(first(c, "select count(*) from symptom_synonym where normalized like '\u0001%'"))
                        .isZero();
                assertThat(R__Reference_vocabulary.rekey(c, changed)).isZero();
            } finally {
                c.rollback();
            }
        }
    }

    private static long first(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
