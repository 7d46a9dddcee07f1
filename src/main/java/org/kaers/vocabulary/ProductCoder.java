package org.kaers.vocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Codes product names as reported: an alias of a canonical product after normalisation (EXACT), else the
 * most similar alias at or above the product threshold (FUZZY, which the review queue shows), else a new
 * uncurated product (NEW) whose substance comes from {@link SubstanceDetector}. Every name gets a product,
 * so "MAENG DA {KROTAM}" counts as kratom before anyone curates it.
 */
@ApplicationScoped
public class ProductCoder {

    private final EntityManager em;
    private final CodingConfig config;
    private final SubstanceDetector substances;

    ProductCoder(EntityManager em, CodingConfig config, SubstanceDetector substances) {
        this.em = em;
        this.config = config;
        this.substances = substances;
    }

    /** How a product name would be coded now: the product (null when it would be a new one) and substance. */
    public record Match(Long productId, CodingMethod method, BigDecimal score, String substance) {
    }

    public Match match(String name) {
        String normalized = TextNormalizer.forMatching(name);
        List<?> exact = em.createNativeQuery("""
                select p.id, p.substance from product_alias a join product p on p.id = a.product_id
                where a.normalized = ?1""").setParameter(1, normalized).getResultList();
        if (!exact.isEmpty()) {
            Object[] row = (Object[]) exact.get(0);
            return new Match(((Number) row[0]).longValue(), CodingMethod.EXACT, BigDecimal.ONE.setScale(3),
                    (String) row[1]);
        }
        if (!normalized.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> similar = em.createNativeQuery("""
                    select p.id, p.substance, similarity(a.normalized, ?1) as s
                    from product_alias a join product p on p.id = a.product_id
                    where a.normalized % ?1 order by s desc, a.normalized limit 1""")
                    .setParameter(1, normalized).getResultList();
            if (!similar.isEmpty()) {
                double score = ((Number) similar.get(0)[2]).doubleValue();
                String detected = substances.detect(name);
                String matchedSubstance = (String) similar.get(0)[1];
                // A fuzzy match must not move a name to another substance (kava is not kratom).
                boolean sameSubstance = detected.equals(matchedSubstance) || detected.equals(SubstanceDetector.OTHER);
                if (score >= config.productSimilarityThreshold() && sameSubstance) {
                    return new Match(((Number) similar.get(0)[0]).longValue(), CodingMethod.FUZZY,
                            BigDecimal.valueOf(score).setScale(3, RoundingMode.HALF_UP), matchedSubstance);
                }
            }
        }
        return new Match(null, CodingMethod.NEW, null, substances.detect(name));
    }

    /** Makes sure every product name has a coding row, creating uncurated products as needed. */
    public void ensureCoded(Collection<String> names) {
        // Sorted: concurrent transactions then insert new codings in one order, so they cannot deadlock on the
        // unique index (found by the load harness: two reports with the same two new texts in opposite orders).
        Set<String> missing = new java.util.TreeSet<>(names);
        if (missing.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select name from product_name_coding where name in (?1)")
                .setParameter(1, List.copyOf(missing)).getResultList();
        missing.removeAll(new HashSet<>(known));
        for (String name : missing) {
            String normalized = TextNormalizer.forMatching(name);
            Match match = match(name);
            long productId;
            if (match.productId() != null) {
                productId = match.productId();
            } else {
                // One creator per normalised name at a time; the others then find its alias.
                em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, normalized)
                        .getSingleResult();
                Match again = match(name);
                productId = again.productId() != null ? again.productId() : create(name, normalized, match.substance());
                match = again.productId() != null ? again : match;
            }
            em.createNativeQuery("""
                    insert into product_name_coding (name, normalized, product_id, method, score, coded_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (name) do nothing""")
                    .setParameter(1, name).setParameter(2, normalized).setParameter(3, productId)
                    .setParameter(4, match.method().name()).setParameter(5, match.score())
                    .setParameter(6, Instant.now()).executeUpdate();
        }
    }

    private long create(String name, String normalized, String substance) {
        long id = ((Number) em.createNativeQuery("""
                insert into product (name, substance, curated) values (?1, ?2, false) returning id""")
                .setParameter(1, name.strip()).setParameter(2, substance).getSingleResult()).longValue();
        em.createNativeQuery("insert into product_alias (normalized, product_id, text) values (?1, ?2, ?3)")
                .setParameter(1, normalized).setParameter(2, id).setParameter(3, name.strip()).executeUpdate();
        return id;
    }
}
