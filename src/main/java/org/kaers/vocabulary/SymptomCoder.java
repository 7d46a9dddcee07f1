package org.kaers.vocabulary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Codes reaction verbatims: normalise ({@link TextNormalizer#forMatching}), then an exact match on a
 * preferred name or synonym, then spelling tolerance: the synonym with the fewest word-aligned edits
 * ({@link EditDistance}: same words, each within one or two typing errors, at most two in all), provided
 * no other term is as close. A verbatim whose normalised form a
 * person coded (MANUAL) takes that coding. Anything else stays UNCODED and appears in the coding queue.
 */
@ApplicationScoped
public class SymptomCoder {

    private final EntityManager em;

    SymptomCoder(EntityManager em) {
        this.em = em;
    }

    /** How a text would be coded now, without storing anything. */
    public record Match(Long termId, CodingMethod method, BigDecimal score, String matchedSynonym) {
        static final Match NONE = new Match(null, CodingMethod.UNCODED, null, null);
    }

    public Match match(String text) {
        String normalized = TextNormalizer.forMatching(text);
        if (normalized.isEmpty()) {
            return Match.NONE;
        }
        List<?> exact = em.createNativeQuery("select term_id, text from symptom_synonym where normalized = ?1")
                .setParameter(1, normalized).getResultList();
        if (!exact.isEmpty()) {
            Object[] row = (Object[]) exact.get(0);
            return new Match(((Number) row[0]).longValue(), CodingMethod.EXACT, BigDecimal.ONE.setScale(3),
                    (String) row[1]);
        }
        // Spelling tolerance: candidates of similar length, accepted word by word (EditDistance).
        @SuppressWarnings("unchecked")
        List<Object[]> candidates = em.createNativeQuery("""
                select term_id, text, normalized from symptom_synonym
                where length(normalized) between ?2 and ?3 and normalized <> ?1""")
                .setParameter(1, normalized).setParameter(2, normalized.length() - EditDistance.MAX_TOTAL)
                .setParameter(3, normalized.length() + EditDistance.MAX_TOTAL).getResultList();
        Long bestTerm = null;
        String bestText = null;
        int bestEdits = Integer.MAX_VALUE;
        boolean tie = false;
        for (Object[] c : candidates) {
            int edits = EditDistance.alignedEdits(normalized, (String) c[2]);
            if (edits < 0) {
                continue;
            }
            long term = ((Number) c[0]).longValue();
            if (edits < bestEdits) {
                bestEdits = edits;
                bestTerm = term;
                bestText = (String) c[1];
                tie = false;
            } else if (edits == bestEdits && term != bestTerm) {
                tie = true;
            }
        }
        if (bestTerm == null || tie) {
            return Match.NONE;
        }
        double score = 1.0 - (double) bestEdits / normalized.length();
        return new Match(bestTerm, CodingMethod.FUZZY, BigDecimal.valueOf(score).setScale(3, RoundingMode.HALF_UP),
                bestText);
    }

    /** Makes sure every verbatim has a coding row (in the caller's transaction). */
    public void ensureCoded(Collection<String> verbatims) {
        Set<String> missing = new LinkedHashSet<>(verbatims);
        if (missing.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select verbatim from verbatim_coding where verbatim in (?1)")
                .setParameter(1, List.copyOf(missing)).getResultList();
        missing.removeAll(new HashSet<>(known));
        for (String verbatim : missing) {
            String normalized = TextNormalizer.forMatching(verbatim);
            @SuppressWarnings("unchecked")
            List<Object[]> manual = em.createNativeQuery("""
                    select term_id, coded_by from verbatim_coding where normalized = ?1 and method = 'MANUAL' limit 1""")
                    .setParameter(1, normalized).getResultList();
            if (!manual.isEmpty()) {
                insert(verbatim, normalized, new Match(((Number) manual.get(0)[0]).longValue(), CodingMethod.MANUAL,
                        null, null), (String) manual.get(0)[1]);
            } else {
                insert(verbatim, normalized, match(verbatim), null);
            }
        }
    }

    private void insert(String verbatim, String normalized, Match match, String codedBy) {
        em.createNativeQuery("""
                insert into verbatim_coding (verbatim, normalized, term_id, method, score, matched_synonym, coded_by, coded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (verbatim) do nothing""")
                .setParameter(1, verbatim).setParameter(2, normalized).setParameter(3, match.termId())
                .setParameter(4, match.method().name()).setParameter(5, match.score())
                .setParameter(6, match.matchedSynonym()).setParameter(7, codedBy).setParameter(8, Instant.now())
                .executeUpdate();
    }
}
