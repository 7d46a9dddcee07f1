package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.kaers.vocabulary.TextNormalizer;
import org.kaers.vocabulary.VocabularyFiles;

/**
 * Loads the curated vocabulary CSVs (substances, symptom terms and their synonyms). Repeatable: Flyway
 * runs it again whenever the files change (the checksum is theirs). It upserts: curated entries are
 * added or updated, nothing referenced is deleted, a curated synonym takes its text back from an
 * uncurated term, and automatic codings are dropped so that the startup sweep codes every verbatim
 * again against the new list (manual codings are kept).
 *
 * <p>The checksum also covers {@link TextNormalizer} (its normal form of every curated name and of probes of each
 * of its rules): when the normaliser changes, the migration first re-keys every stored normal form ({@link #rekey})
 * so that lookups keep finding what is stored; the alias lookup keys of re-keyed aliases are rebuilt at start-up
 * ({@code ProductCoder.addMissingKeys}).
 */
public class R__Reference_vocabulary extends BaseJavaMigration {

    /** Prefix of the temporary keys of {@link #rekey}: no normal form contains a control character. */
    private static final String PARKED = "\u0001";

    @Override
    public Integer getChecksum() {
        return VocabularyFiles.checksum();
    }

    @Override
    public String getDescription() {
        return "Reference vocabulary";
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        rekey(c, TextNormalizer::forMatching);
        loadSubstances(c, VocabularyFiles.substances());
        loadTerms(c, VocabularyFiles.terms());
        loadProducts(c, VocabularyFiles.products());
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from verbatim_coding where method <> 'MANUAL'");
        }
    }

    /**
     * Brings every stored normal form up to date with {@code normaliser}: synonyms and aliases (primary keys: a row
     * whose new key another row already has is the same name twice and is deleted, as is one whose new key is
     * empty), the normal forms beside verbatim and product-name codings, and the alias lookup keys of aliases that
     * no longer exist (the missing ones are added at start-up). Returns the number of rows changed.
     */
    static int rekey(Connection c, UnaryOperator<String> normaliser) throws SQLException {
        int changed = rekeyPrimary(c, "symptom_synonym", "text", normaliser)
                + rekeyPrimary(c, "product_alias", "text", normaliser)
                + rekeyColumn(c, "verbatim_coding", "verbatim", normaliser)
                + rekeyColumn(c, "product_name_coding", "name", normaliser);
        try (Statement s = c.createStatement()) {
            changed += s.executeUpdate("""
                    delete from product_alias_key k
                    where not exists (select 1 from product_alias a where a.normalized = k.normalized)""");
        }
        return changed;
    }

    private static int rekeyPrimary(Connection c, String table, String textColumn, UnaryOperator<String> normaliser)
            throws SQLException {
        Map<String, String> freshOf = new LinkedHashMap<>();
        Set<String> unchanged = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select normalized, " + textColumn + " from " + table + " order by normalized")) {
            while (rs.next()) {
                String fresh = normaliser.apply(rs.getString(2));
                if (fresh.equals(rs.getString(1))) {
                    unchanged.add(fresh);
                } else {
                    freshOf.put(rs.getString(1), fresh);
                }
            }
        }
        // Keys may move in chains (A to B while B moves to C): park the moving rows under keys no normal form has
        // (a control character and a number), then give them their new keys.
        Set<String> taken = new HashSet<>(unchanged);
        try (PreparedStatement update =
                        c.prepareStatement("update " + table + " set normalized = ? where normalized = ?");
                PreparedStatement delete = c.prepareStatement("delete from " + table + " where normalized = ?")) {
            Map<String, String> moving = new LinkedHashMap<>();
            for (Map.Entry<String, String> row : freshOf.entrySet()) {
                if (row.getValue().isEmpty() || !taken.add(row.getValue())) {
                    delete.setString(1, row.getKey());
                    delete.executeUpdate();
                } else {
                    moving.put(row.getKey(), row.getValue());
                }
            }
            int parked = 0;
            for (String old : moving.keySet()) {
                update.setString(1, PARKED + parked++);
                update.setString(2, old);
                update.executeUpdate();
            }
            parked = 0;
            for (String fresh : moving.values()) {
                update.setString(1, fresh);
                update.setString(2, PARKED + parked++);
                update.executeUpdate();
            }
        }
        return freshOf.size();
    }

    private static int rekeyColumn(Connection c, String table, String textColumn, UnaryOperator<String> normaliser)
            throws SQLException {
        int changed = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select " + textColumn + ", normalized from " + table);
                PreparedStatement update =
                        c.prepareStatement("update " + table + " set normalized = ? where " + textColumn + " = ?")) {
            while (rs.next()) {
                String fresh = normaliser.apply(rs.getString(1));
                if (!fresh.equals(rs.getString(2))) {
                    update.setString(1, fresh);
                    update.setString(2, rs.getString(1));
                    update.addBatch();
                    changed++;
                }
            }
            update.executeBatch();
        }
        return changed;
    }

    private static void loadSubstances(Connection c, List<VocabularyFiles.SubstanceRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into substance (code, name, category, sort_order) values (?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, category = excluded.category,
                    sort_order = excluded.sort_order""")) {
            int order = 0;
            for (VocabularyFiles.SubstanceRow row : rows) {
                ps.setString(1, row.code());
                ps.setString(2, row.name());
                ps.setString(3, row.category());
                ps.setInt(4, ++order);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void loadProducts(Connection c, List<VocabularyFiles.ProductRow> rows) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("select id from product where name = ? and curated");
                PreparedStatement insert = c.prepareStatement("""
                        insert into product (name, vendor, form, substance, curated) values (?, ?, ?, ?, true) returning id""");
                PreparedStatement update =
                        c.prepareStatement("update product set vendor = ?, form = ?, substance = ? where id = ?");
                PreparedStatement alias = c.prepareStatement("""
                        insert into product_alias (normalized, product_id, text) values (?, ?, ?)
                        on conflict (normalized) do nothing""")) {
            for (VocabularyFiles.ProductRow row : rows) {
                find.setString(1, row.name());
                long id;
                try (var rs = find.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getLong(1);
                        update.setString(1, row.vendor());
                        update.setString(2, row.form());
                        update.setString(3, row.substance());
                        update.setLong(4, id);
                        update.executeUpdate();
                    } else {
                        insert.setString(1, row.name());
                        insert.setString(2, row.vendor());
                        insert.setString(3, row.form());
                        insert.setString(4, row.substance());
                        try (var created = insert.executeQuery()) {
                            created.next();
                            id = created.getLong(1);
                        }
                    }
                }
                for (String name : row.aliases()) {
                    String normalized = TextNormalizer.forMatching(name);
                    if (!normalized.isEmpty()) {
                        alias.setString(1, normalized);
                        alias.setLong(2, id);
                        alias.setString(3, name);
                        alias.addBatch();
                    }
                }
                alias.executeBatch();
            }
        }
    }

    private static void loadTerms(Connection c, List<VocabularyFiles.TermRow> rows) throws SQLException {
        try (PreparedStatement term = c.prepareStatement("""
                insert into symptom_term (code, preferred_name, organ_class, curated) values (?, ?, ?, true)
                on conflict (code) do update set preferred_name = excluded.preferred_name,
                    organ_class = excluded.organ_class, curated = true""");
                PreparedStatement synonym = c.prepareStatement("""
                        insert into symptom_synonym (normalized, term_id, text, preferred)
                        select ?, id, ?, ? from symptom_term where code = ?
                        on conflict (normalized) do update set term_id = excluded.term_id, text = excluded.text,
                            preferred = excluded.preferred""")) {
            for (VocabularyFiles.TermRow row : rows) {
                term.setString(1, row.code());
                term.setString(2, row.preferredName());
                term.setString(3, row.organClass());
                term.addBatch();
            }
            term.executeBatch();
            for (VocabularyFiles.TermRow row : rows) {
                Map<String, String> names = new LinkedHashMap<>();
                names.put(TextNormalizer.forMatching(row.preferredName()), row.preferredName());
                for (String s : row.synonyms()) {
                    names.putIfAbsent(TextNormalizer.forMatching(s), s);
                }
                boolean first = true;
                for (Map.Entry<String, String> name : names.entrySet()) {
                    if (name.getKey().isEmpty()) {
                        continue;
                    }
                    synonym.setString(1, name.getKey());
                    synonym.setString(2, name.getValue());
                    synonym.setBoolean(3, first);
                    synonym.setString(4, row.code());
                    synonym.addBatch();
                    first = false;
                }
            }
            synonym.executeBatch();
        }
    }
}
