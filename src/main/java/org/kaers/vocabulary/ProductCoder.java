package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Codes product names as reported, a whole batch of names in a few set-based statements so that the cost
 * per name does not grow with the products stored:
 * <ol>
 * <li>a placeholder for a confidential name ({@link ProductNames#isPlaceholder}: REDACTED, EXEMPTION 4) is
 * WITHHELD: coded to no product;</li>
 * <li>an alias after normalisation is EXACT (one statement for the batch, primary-key lookups);</li>
 * <li>else the aliases it may be a spelling of are candidates, found by probing lookup keys of the aliases
 * ({@link ProductNames#probes}: the same words in another order, the same letters, one word masked, one word more
 * or fewer; btree lookups in one statement for the batch);
 * the most similar candidate of the same substance is FUZZY when {@link ProductNames#certainlySame} says it
 * is certainly the same product, and otherwise only a suggestion: the name becomes a NEW uncurated product
 * with {@code suggested_product_id}, shown in the review queue, until a reviewer merges it;</li>
 * <li>else a NEW uncurated product whose substance comes from {@link SubstanceDetector}.</li>
 * </ol>
 * An uncurated product is named after its most frequent spelling ({@link #renameToMostFrequentSpelling}).
 */
@ApplicationScoped
public class ProductCoder {

    /** Advisory lock class of product creation; the second key is a bucket of the normalised name. */
    private static final int CREATE_LOCK = 4242100;

    private static final int LOCK_BUCKETS = 256;
    private static final int CANDIDATES = 3;
    /** Least trigram similarity of a suggestion for the review queue (an automatic merge needs the threshold). */
    private static final double SUGGESTION_SIMILARITY = 0.5;

    private final EntityManager em;
    private final CodingConfig config;
    private final SubstanceDetector substances;

    private final KnownTexts coded;

    ProductCoder(EntityManager em, CodingConfig config, SubstanceDetector substances, KnownTexts coded) {
        this.em = em;
        this.config = config;
        this.substances = substances;
        this.coded = coded;
    }

    /**
     * How a product name would be coded now: the product (null when it would be a new one or is withheld),
     * the substance, and for a NEW name the product it resembles, if any (a suggestion for review).
     */
    public record Match(
            Long productId,
            CodingMethod method,
            BigDecimal score,
            String substance,
            Long suggestedProductId,
            BigDecimal suggestedScore) {

        Match(Long productId, CodingMethod method, BigDecimal score, String substance) {
            this(productId, method, score, substance, null, null);
        }
    }

    public Match match(String name) {
        return match(name, ALL_ALIASES);
    }

    /**
     * How a product name would be coded if the vocabulary held only the aliases matching {@code visible} (SQL over
     * {@code product_alias a} and {@code product p}): the others are as if nobody had ever written them.
     */
    Match match(String name, String visible) {
        return session(c -> classify(c, List.of(name), visible)).get(name);
    }

    /**
     * The alias of one normalised name {@code q.n}, looked up in the primary key, for a lateral join over the names
     * of a batch. Not {@code normalized = any (?)}: the planner answers that with the trigram GIN index (pg_trgm
     * indexes equality too), which costs seconds a batch and grows with the aliases stored (9 s for 700 names at
     * 2,800 aliases, against 6 ms through the primary key); {@code offset 0} keeps the lookup a per-name probe.
     */
    private static final String ALIAS_OF = "select * from product_alias x where x.normalized = q.n offset 0";

    /** Every alias: how names are coded. */
    private static final String ALL_ALIASES = "true";

    /**
     * Makes sure every product name has a coding row, creating uncurated products as needed.
     *
     * @return the products that gained a spelling (an EXACT or FUZZY name new to them), for
     *         {@link #renameToMostFrequentSpelling}
     */
    public Set<Long> ensureCoded(Collection<String> names) {
        // Sorted: concurrent transactions then insert new codings in one order, so they cannot deadlock on the
        // unique index (found by the load harness: two reports with the same two new texts in opposite orders).
        Set<String> missing = new TreeSet<>(names);
        coded.removeKnown(missing);
        if (missing.isEmpty()) {
            return Set.of();
        }
        coded.rememberOnCommit(missing);
        return session(c -> {
            missing.removeAll(strings(c, "select name from product_name_coding where name = any (?)", missing));
            if (missing.isEmpty()) {
                return Set.<Long>of();
            }
            Map<String, Match> matches = classify(c, missing, ALL_ALIASES);
            Map<String, String> normalizedOf = new HashMap<>();
            // Names that need a new product, by normalised form (several spellings may share one).
            TreeMap<String, String> creating = new TreeMap<>();
            for (String name : missing) {
                String normalized = TextNormalizer.forMatching(name);
                normalizedOf.put(name, normalized);
                if (matches.get(name).method() == CodingMethod.NEW) {
                    creating.putIfAbsent(normalized, name);
                }
            }
            Map<String, Long> created = create(c, creating, matches);
            Set<Long> grown = new HashSet<>();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into product_name_coding (name, normalized, product_id, method, score, coded_at,
                        suggested_product_id, suggested_score)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (name) do nothing""")) {
                for (String name : missing) {
                    Match m = matches.get(name);
                    String normalized = normalizedOf.get(name);
                    Long productId = m.productId();
                    CodingMethod method = m.method();
                    if (method == CodingMethod.NEW) {
                        Long existing = created.get(normalized);
                        productId = existing;
                        if (!name.strip().equals(creating.get(normalized))) {
                            grown.add(existing);
                        }
                    } else if (productId != null) {
                        grown.add(productId);
                    }
                    insert.setString(1, name);
                    insert.setString(2, normalized);
                    insert.setObject(3, productId);
                    insert.setString(4, method.name());
                    insert.setBigDecimal(5, m.score());
                    insert.setTimestamp(6, now);
                    insert.setObject(7, m.suggestedProductId());
                    insert.setBigDecimal(8, m.suggestedScore());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            grown.remove(null);
            return grown;
        });
    }

    /**
     * Names each uncurated product among {@code productIds} after its most frequent spelling (the reported
     * name on most product rows), so that a merged product is not called after whichever misspelling came first.
     */
    public void renameToMostFrequentSpelling(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return;
        }
        session(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    update product p set name = s.name from (
                        select q.id, (select btrim(c.name) from product_name_coding c
                                      cross join lateral (select count(*) as n from case_product cp
                                                          where cp.name_reported = c.name) k
                                      where c.product_id = q.id order by k.n desc, btrim(c.name) limit 1) as name
                        from unnest(?::bigint[]) as q(id)) s
                    where p.id = s.id and not p.curated and s.name is not null and p.name <> s.name""")) {
                update.setArray(1, c.createArrayOf("bigint", new TreeSet<>(productIds).toArray()));
                update.executeUpdate();
            }
            return null;
        });
    }

    /** How each name would be coded now; nothing is stored. */
    private Map<String, Match> classify(Connection c, Collection<String> names, String visible) throws SQLException {
        Map<String, Match> out = new LinkedHashMap<>();
        Map<String, List<String>> byNormalized = new TreeMap<>();
        for (String name : names) {
            if (ProductNames.isPlaceholder(name)) {
                out.put(name, new Match(null, CodingMethod.WITHHELD, null, SubstanceDetector.UNKNOWN));
            } else {
                byNormalized
                        .computeIfAbsent(TextNormalizer.forMatching(name), k -> new ArrayList<>())
                        .add(name);
            }
        }
        if (byNormalized.isEmpty()) {
            return out;
        }
        Map<String, Object[]> exact = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                select a.normalized, p.id, p.substance from unnest(?::text[]) as q(n)
                cross join lateral (""" + ALIAS_OF + """
                ) a join product p on p.id = a.product_id
                where (""" + visible + ")")) {
            q.setArray(1, c.createArrayOf("text", byNormalized.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    exact.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3)});
                }
            }
        }
        List<String> inexact = byNormalized.keySet().stream()
                .filter(n -> !exact.containsKey(n) && !n.isEmpty())
                .toList();
        Map<String, List<Object[]>> candidates = candidates(c, inexact, visible);
        for (Map.Entry<String, List<String>> e : byNormalized.entrySet()) {
            String normalized = e.getKey();
            for (String name : e.getValue()) {
                Object[] hit = exact.get(normalized);
                if (hit != null) {
                    out.put(name, new Match((Long) hit[0], CodingMethod.EXACT, BigDecimal.ONE.setScale(3), (String)
                            hit[1]));
                    continue;
                }
                out.put(name, fuzzy(name, normalized, candidates.getOrDefault(normalized, List.of())));
            }
        }
        return out;
    }

    private Match fuzzy(String name, String normalized, List<Object[]> candidates) {
        String detected = substances.detect(name);
        Object[] suggestion = null;
        for (Object[] candidate : candidates) { // most similar first
            String substance = (String) candidate[1];
            // A fuzzy match must not move a name to another substance (kava is not kratom).
            if (!detected.equals(substance) && !detected.equals(SubstanceDetector.OTHER)) {
                continue;
            }
            BigDecimal rounded = BigDecimal.valueOf((Double) candidate[3]).setScale(3, RoundingMode.HALF_UP);
            if (ProductNames.certainlySame(normalized, (String) candidate[2], config.productSimilarityThreshold())) {
                return new Match((Long) candidate[0], CodingMethod.FUZZY, rounded, substance);
            }
            if (suggestion == null) {
                suggestion = candidate;
            }
        }
        if (suggestion != null) {
            return new Match(
                    null,
                    CodingMethod.NEW,
                    null,
                    detected,
                    (Long) suggestion[0],
                    BigDecimal.valueOf((Double) suggestion[3]).setScale(3, RoundingMode.HALF_UP));
        }
        return new Match(null, CodingMethod.NEW, null, detected);
    }

    /**
     * The aliases each normalised name may be a spelling or a sibling of (at most {@value #CANDIDATES}, most similar
     * first, at least {@value #SUGGESTION_SIMILARITY} similar), found by probing the alias keys
     * ({@link ProductNames#probes}): btree lookups, one statement for the batch, whose cost does not grow with the
     * aliases stored. Whether a candidate is certainly the same product is decided by {@link ProductNames#certainlySame}.
     */
    private Map<String, List<Object[]>> candidates(Connection c, List<String> normalized, String visible)
            throws SQLException {
        Map<String, List<Object[]>> out = new HashMap<>();
        if (normalized.isEmpty()) {
            return out;
        }
        List<String> names = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String n : normalized) {
            for (String key : ProductNames.probes(n)) {
                names.add(n);
                keys.add(key);
            }
        }
        Map<String, Set<String>> seen = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                select q.n, a.product_id, p.substance, a.normalized
                from unnest(?::text[], ?::text[]) as q(n, k)
                join product_alias_key ak on ak.key = q.k
                join product_alias a on a.normalized = ak.normalized
                join product p on p.id = a.product_id
                where (""" + visible + ")")) {
            q.setArray(1, c.createArrayOf("text", names.toArray()));
            q.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString(1);
                    String alias = rs.getString(4);
                    if (alias.equals(n)
                            || !seen.computeIfAbsent(n, k -> new HashSet<>()).add(alias)) {
                        continue;
                    }
                    double similarity = ProductNames.similarity(n, alias);
                    if (similarity >= SUGGESTION_SIMILARITY) {
                        out.computeIfAbsent(n, k -> new ArrayList<>())
                                .add(new Object[] {rs.getLong(2), rs.getString(3), alias, similarity});
                    }
                }
            }
        }
        for (List<Object[]> list : out.values()) {
            list.sort((x, y) -> {
                int bySimilarity = Double.compare((Double) y[3], (Double) x[3]);
                return bySimilarity != 0 ? bySimilarity : ((String) x[2]).compareTo((String) y[2]);
            });
            if (list.size() > CANDIDATES) {
                list.subList(CANDIDATES, list.size()).clear();
            }
        }
        return out;
    }

    /** Stores the lookup keys of aliases added by a curator (in the caller's transaction). */
    void addKeys(Collection<String> aliases) {
        session(c -> {
            insertKeys(c, aliases);
            return null;
        });
    }

    /** Stores the lookup keys of new aliases (one JDBC batch). */
    private static void insertKeys(Connection c, Collection<String> aliases) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into product_alias_key (key, normalized) values (?, ?) on conflict do nothing")) {
            for (String alias : aliases) {
                for (String key : ProductNames.keys(alias)) {
                    if (key.length() <= 700) {
                        insert.setString(1, key);
                        insert.setString(2, alias);
                        insert.addBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Gives every alias its lookup keys: aliases the reference vocabulary or a curator added have none yet. Runs at
     * start-up (after the migrations) and costs only the aliases that lack keys.
     */
    void addMissingKeys(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        try {
            addMissingKeys();
        } catch (RuntimeException e) {
            // The service starts while the database is unavailable: the next start adds them.
            org.jboss.logging.Logger.getLogger(ProductCoder.class)
                    .warnf("cannot add alias keys now (%s)", e.getClass().getSimpleName());
        }
    }

    private void addMissingKeys() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> session(c -> {
                    List<String> missing = new ArrayList<>();
                    try (PreparedStatement q = c.prepareStatement("""
                    select a.normalized from product_alias a
                    where not exists (select 1 from product_alias_key k where k.normalized = a.normalized)""");
                            ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            missing.add(rs.getString(1));
                        }
                    }
                    insertKeys(c, missing);
                    return null;
                }));
    }

    /**
     * Creates one uncurated product (and its alias) per normalised name, unless another transaction created it
     * meanwhile. Creators of the same name are serialised by an advisory lock on a bucket of the name, taken in
     * ascending order, so two transactions cannot deadlock and at most {@value #LOCK_BUCKETS} locks are held.
     */
    private Map<String, Long> create(Connection c, TreeMap<String, String> creating, Map<String, Match> matches)
            throws SQLException {
        Map<String, Long> out = new HashMap<>();
        if (creating.isEmpty()) {
            return out;
        }
        TreeSet<Integer> buckets = new TreeSet<>();
        for (String n : creating.keySet()) {
            buckets.add(Math.floorMod(n.hashCode(), LOCK_BUCKETS));
        }
        // All buckets in one statement (a batch of an import has new names in most of them), in ascending order.
        try (PreparedStatement lock = c.prepareStatement("""
                select count(pg_advisory_xact_lock(?, b)) from (select unnest(?::int[]) as b order by 1) x""")) {
            lock.setInt(1, CREATE_LOCK);
            lock.setArray(2, c.createArrayOf("integer", buckets.toArray()));
            lock.execute();
        }
        try (PreparedStatement q = c.prepareStatement(
                "select a.normalized, a.product_id from unnest(?::text[]) as q(n) cross join lateral (" + ALIAS_OF
                        + ") a")) {
            q.setArray(1, c.createArrayOf("text", creating.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2)); // created by a transaction that committed meanwhile
                }
            }
        }
        List<String> fresh =
                creating.keySet().stream().filter(n -> !out.containsKey(n)).toList();
        if (fresh.isEmpty()) {
            return out;
        }
        List<Long> ids = new ArrayList<>(fresh.size());
        try (PreparedStatement q = c.prepareStatement("select nextval('product_seq') from generate_series(1, ?)")) {
            q.setInt(1, fresh.size());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement product = c.prepareStatement(
                        "insert into product (id, name, substance, curated) values (?, ?, ?, false)");
                PreparedStatement alias = c.prepareStatement(
                        "insert into product_alias (normalized, product_id, text, origin) values (?, ?, ?, 'REPORTED')")) {
            for (int i = 0; i < fresh.size(); i++) {
                String normalized = fresh.get(i);
                String name = creating.get(normalized);
                long id = ids.get(i);
                product.setLong(1, id);
                product.setString(2, name.strip());
                product.setString(3, matches.get(name).substance());
                product.addBatch();
                alias.setString(1, normalized);
                alias.setLong(2, id);
                alias.setString(3, name.strip());
                alias.addBatch();
                out.put(normalized, id);
            }
            product.executeBatch();
            alias.executeBatch();
        }
        copyKeys(c, fresh);
        return out;
    }

    /**
     * Stores the lookup keys of aliases inserted just now (their insert would have failed had they existed, and
     * aliases are never deleted, so none of their keys can be stored yet) with {@code COPY}: an import writes
     * about twelve a new name, and an {@code insert ... on conflict do nothing} pays a conflict probe of the
     * primary key for each before inserting it.
     */
    private static void copyKeys(Connection c, Collection<String> aliases) throws SQLException {
        StringBuilder rows = new StringBuilder(1 << 14);
        for (String alias : aliases) {
            String escapedAlias = org.kaers.common.CopyRows.escape(alias);
            for (String key : ProductNames.keys(alias)) {
                if (key.length() <= 700) {
                    rows.append(org.kaers.common.CopyRows.escape(key))
                            .append('\t')
                            .append(escapedAlias)
                            .append('\n');
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.postgresql.copy.CopyIn in = c.unwrap(org.postgresql.PGConnection.class)
                .getCopyAPI()
                .copyIn("copy product_alias_key (key, normalized) from stdin");
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static Set<String> strings(Connection c, String sql, Collection<String> values) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", values.toArray());
            q.setArray(1, array);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T session(Work<T> work) {
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(work::run);
    }
}
