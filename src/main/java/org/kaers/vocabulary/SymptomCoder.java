package org.kaers.vocabulary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Codes reaction verbatims: normalise ({@link TextNormalizer#forMatching}), then an exact match on a
 * preferred name or synonym, then spelling tolerance: the synonym with the fewest word-aligned edits
 * ({@link EditDistance}: same words, each within one or two typing errors, at most two in all), provided
 * no other term is as close. A verbatim whose normalised form a
 * person coded (MANUAL) takes that coding. Anything else stays UNCODED and appears in the coding queue.
 * Terms already coded by their source take {@link #ensureSourceCoded} instead: exact or uncoded, never corrected.
 */
@ApplicationScoped
public class SymptomCoder {

    private static final Set<String> PROTECTED = VocabularyFiles.protectedWords();
    /** Case sources whose reaction terms come coded (FDA's MedDRA preferred terms): never spelling-corrected. */
    public static final List<String> SOURCE_CODED = List.of("CAERS");

    /** The connection's search path: live, or a frozen release's vocabulary first (statistics.FrozenVocabulary). */
    static final String SEARCH_PATH_SQL = "select current_setting('search_path')";

    /** Codes a batch of source-coded terms exactly or as uncoded, replacing FUZZY codings (?1 jsonb rows, ?2 now). */
    static final String SOURCE_CODED_SQL = """
            with input as (
                select t.ord, t.verbatim, t.normalized, s.term_id, s.text as matched
                from rows from (jsonb_to_recordset(cast(?1 as jsonb)) as (verbatim text, normalized text))
                     with ordinality as t(verbatim, normalized, ord)
                left join symptom_synonym s on s.normalized = t.normalized and t.normalized <> ''),
            replaced as (
                update verbatim_coding c set term_id = i.term_id,
                       method = case when i.term_id is null then 'UNCODED' else 'EXACT' end,
                       score = case when i.term_id is null then null else 1.000 end,
                       matched_synonym = i.matched, coded_by = null, coded_at = ?2
                from input i where c.verbatim = i.verbatim and c.method = 'FUZZY'
                returning c.verbatim)
            insert into verbatim_coding (verbatim, normalized, term_id, method, score, matched_synonym, coded_by, coded_at)
            select i.verbatim, i.normalized, i.term_id, case when i.term_id is null then 'UNCODED' else 'EXACT' end,
                   case when i.term_id is null then null else 1.000 end, i.matched, null, ?2
            from input i
            where not exists (select 1 from verbatim_coding c where c.verbatim = i.verbatim)
            order by i.ord
            on conflict (verbatim) do nothing""";

    /** The MANUAL codings and exact synonyms of a batch of normalised texts (?1 a jsonb array). */
    static final String MANUAL_OR_EXACT_SQL = """
            select n.normalized, m.term_id, m.coded_by, s.term_id, s.text
            from jsonb_array_elements_text(cast(?1 as jsonb)) as n(normalized)
            left join lateral (select term_id, coded_by from verbatim_coding c
                               where c.normalized = n.normalized and c.method = 'MANUAL' limit 1) m on true
            left join symptom_synonym s on s.normalized = n.normalized
            where m.term_id is not null or s.term_id is not null""";

    /** Stores the codings of a batch (?1 jsonb rows, ?2 now); a coding another transaction stored meanwhile is kept. */
    static final String CODINGS_INSERT_SQL = """
            insert into verbatim_coding (verbatim, normalized, term_id, method, score, matched_synonym, coded_by, coded_at)
            select t.verbatim, t.normalized, t.term_id, t.method, t.score, t.matched, t.coded_by, ?2
            from rows from (jsonb_to_recordset(cast(?1 as jsonb)) as (verbatim text, normalized text, term_id bigint,
                     method text, score numeric, matched text, coded_by text))
                 with ordinality as t(verbatim, normalized, term_id, method, score, matched, coded_by, ord)
            order by t.ord
            on conflict (verbatim) do nothing""";

    private final EntityManager em;
    private final ObjectMapper json;
    private final SymptomTermRepository terms;
    private final VerbatimCodingRepository codings;

    private final KnownTexts coded;

    SymptomCoder(
            EntityManager em,
            ObjectMapper json,
            KnownTexts coded,
            SymptomTermRepository terms,
            VerbatimCodingRepository codings) {
        this.codings = codings;
        this.em = em;
        this.json = json;
        this.terms = terms;
        this.coded = coded;
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
        Match exact = exact(normalized);
        return exact != Match.NONE ? exact : tolerant(normalized);
    }

    /** Spelling tolerance: candidates of similar length, accepted word by word (EditDistance); NONE on a tie. */
    private Match tolerant(String normalized) {
        List<Candidate> candidates = candidates(normalized.length());
        Long bestTerm = null;
        String bestText = null;
        int bestEdits = Integer.MAX_VALUE;
        boolean tie = false;
        for (Candidate c : candidates) {
            int edits = EditDistance.alignedEdits(normalized, c.normalized(), PROTECTED);
            if (edits < 0) {
                continue;
            }
            long term = c.termId();
            if (edits < bestEdits) {
                bestEdits = edits;
                bestTerm = term;
                bestText = c.text();
                tie = false;
            } else if (edits == bestEdits && term != bestTerm) {
                tie = true;
            }
        }
        if (bestTerm == null || tie) {
            return Match.NONE;
        }
        double score = 1.0 - (double) bestEdits / normalized.length();
        return new Match(
                bestTerm, CodingMethod.FUZZY, BigDecimal.valueOf(score).setScale(3, RoundingMode.HALF_UP), bestText);
    }

    /** A preferred name or synonym equal to the normalised text, or NONE. */
    private Match exact(String normalized) {
        return terms.synonym(normalized)
                .map(s -> new Match(s.termId, CodingMethod.EXACT, BigDecimal.ONE.setScale(3), s.text))
                .orElse(Match.NONE);
    }

    /**
     * Codes terms that come already coded from their source (FDA's MedDRA preferred terms on import): a term
     * matches a preferred name or synonym exactly, or stays its own, uncoded term (in the coding queue and
     * countable as reported); it is never spelling-corrected, because a coded term that is a few letters from
     * another term is another term (HYPERNATRAEMIA is not Hyponatraemia). A FUZZY coding stored earlier for the
     * same text is replaced the same way; a MANUAL one (a person decided) is kept. In its own transaction, so
     * the caller's later {@link #ensureCoded} finds these rows.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public void ensureSourceCoded(Collection<String> terms) {
        // Sorted, and inserted in this order (ordinality): concurrent batches cannot deadlock on the unique index.
        Set<String> all = new java.util.TreeSet<>(terms);
        if (all.isEmpty()) {
            return;
        }
        // One statement for the batch: normalised in Java (the one rule, TextNormalizer), matched and written in SQL.
        ArrayNode rows = json.createArrayNode();
        all.forEach(v -> rows.addObject().put("verbatim", v).put("normalized", TextNormalizer.forMatching(v)));
        // (an UPDATE that replaces no FUZZY coding takes no coding lock: V86's row triggers)
        em.createNativeQuery(SOURCE_CODED_SQL)
                .setParameter(1, rows.toString())
                .setParameter(2, Instant.now())
                .executeUpdate();
    }

    /** A synonym as spelling tolerance sees it. */
    private record Candidate(long termId, String text, String normalized) {}

    /** The synonyms by normalised length, reloaded at most every {@link #CACHE_TTL} or after a change here. */
    private record Snapshot(java.util.Map<Integer, List<Candidate>> byLength, Instant loadedAt) {}

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(60);
    /**
     * One snapshot per search path: the live synonyms, and those of the latest statistics release for callers who
     * read frozen releases (statistics.FrozenVocabulary), so that neither ever codes with the other's.
     */
    private final java.util.Map<String, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forgets the cached synonyms (after a term was added through this instance). */
    public void invalidate() {
        snapshots.clear();
    }

    private List<Candidate> candidates(int length) {
        String path = (String) em.createNativeQuery(SEARCH_PATH_SQL).getSingleResult();
        Snapshot current = snapshots.get(path);
        if (current == null || current.loadedAt().plus(CACHE_TTL).isBefore(Instant.now())) {
            java.util.Map<Integer, List<Candidate>> byLength = new java.util.HashMap<>();
            for (SymptomTermRepository.Name n : terms.allSynonyms()) {
                byLength.computeIfAbsent(n.normalized().length(), k -> new java.util.ArrayList<>())
                        .add(new Candidate(n.termId(), n.text(), n.normalized()));
            }
            current = new Snapshot(byLength, Instant.now());
            snapshots.put(path, current);
        }
        List<Candidate> out = new java.util.ArrayList<>();
        for (int l = length - EditDistance.MAX_TOTAL; l <= length + EditDistance.MAX_TOTAL; l++) {
            out.addAll(current.byLength().getOrDefault(l, List.of()));
        }
        return out;
    }

    /**
     * Makes sure every verbatim has a coding row (in the caller's transaction). The new texts of a call are
     * looked up at once (a person's MANUAL coding of the same normalised text, else an exact synonym), spelling
     * tolerance runs in memory, and the rows are inserted by one statement.
     */
    public void ensureCoded(Collection<String> verbatims) {
        // Sorted: concurrent transactions then insert new codings in one order, so they cannot deadlock on the
        // unique index (found by the load harness: two reports with the same two new texts in opposite orders).
        Set<String> missing = new java.util.TreeSet<>(verbatims);
        coded.removeKnown(missing);
        if (missing.isEmpty()) {
            return;
        }
        coded.rememberOnCommit(missing);
        List<String> known = codings.coded(missing);
        missing.removeAll(new HashSet<>(known));
        if (missing.isEmpty()) {
            return;
        }
        java.util.Map<String, String> normalizedOf = new java.util.LinkedHashMap<>();
        missing.forEach(v -> normalizedOf.put(v, TextNormalizer.forMatching(v)));
        java.util.Map<String, Match> manual = new java.util.HashMap<>();
        java.util.Map<String, String> manualBy = new java.util.HashMap<>();
        java.util.Map<String, Match> exact = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(MANUAL_OR_EXACT_SQL)
                .setParameter(
                        1,
                        json.valueToTree(new java.util.TreeSet<>(normalizedOf.values()))
                                .toString())
                .getResultList();
        for (Object[] r : found) {
            String n = (String) r[0];
            if (r[1] != null) {
                manual.put(n, new Match(((Number) r[1]).longValue(), CodingMethod.MANUAL, null, null));
                manualBy.put(n, (String) r[2]);
            }
            if (r[3] != null) {
                exact.put(
                        n,
                        new Match(((Number) r[3]).longValue(), CodingMethod.EXACT, BigDecimal.ONE.setScale(3), (String)
                                r[4]));
            }
        }
        ArrayNode rows = json.createArrayNode();
        normalizedOf.forEach((verbatim, normalized) -> {
            Match m = manual.get(normalized);
            String codedBy = manualBy.get(normalized);
            if (m == null) {
                m = normalized.isEmpty() ? Match.NONE : exact.get(normalized);
                m = m != null ? m : tolerant(normalized);
            }
            rows.addObject()
                    .put("verbatim", verbatim)
                    .put("normalized", normalized)
                    .put("term_id", m.termId())
                    .put("method", m.method().name())
                    .put("score", m.score())
                    .put("matched", m.matchedSynonym())
                    .put("coded_by", codedBy);
        });
        em.createNativeQuery(CODINGS_INSERT_SQL)
                .setParameter(1, rows.toString())
                .setParameter(2, Instant.now())
                .executeUpdate();
    }
}
