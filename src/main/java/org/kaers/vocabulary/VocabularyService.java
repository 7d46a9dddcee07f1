package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.Violation;
import org.kaers.vocabulary.model.CountedCases;

/** Symptom terms: search, read, add uncurated terms; the coding queue and manual coding. */
@ApplicationScoped
public class VocabularyService {

    private static final Logger LOG = Logger.getLogger(VocabularyService.class);
    /* The native queries kept (NamedNativeQueriesTest runs each): trigram search, counts of cases, set-based coding. */
    private static final String SEARCH_RANKED_SQL = """
            select distinct on (t.id) t.code, t.preferred_name, t.organ_class, t.curated, s.text,
                case when :q = '' then 1.0 when s.normalized = :q then 1.0 when s.normalized like :prefix then 0.9
                     else similarity(s.normalized, :q) end as score
            from symptom_synonym s join symptom_term t on t.id = s.term_id
            where (:q = '' and s.preferred or :q <> '' and (s.normalized % :q or s.normalized like :like))""";
    private static final String SEARCH_ORDER_SQL = " order by t.id, score desc, s.preferred desc, s.text";
    /** The best synonym of each term that matches :q (:prefix, :like). */
    static final String SEARCH_SQL = SEARCH_RANKED_SQL + SEARCH_ORDER_SQL;
    /** SEARCH_SQL within :organClass. */
    static final String SEARCH_IN_ORGAN_CLASS_SQL =
            SEARCH_RANKED_SQL + " and t.organ_class = :organClass" + SEARCH_ORDER_SQL;
    /** The number of rows of a search ({ranked}: SEARCH_SQL or SEARCH_IN_ORGAN_CLASS_SQL). */
    static final String SEARCH_COUNT_SQL = "select count(*) from ({ranked}) x";
    /** A page of a search ({ranked} as in SEARCH_COUNT_SQL; :limit, :offset). */
    static final String SEARCH_PAGE_SQL =
            "select * from ({ranked}) x order by score desc, preferred_name limit :limit offset :offset";
    /** The next number of an uncurated term's code. */
    static final String NEXT_UNCURATED_CODE_SQL = "select nextval('uncurated_term_code_seq')";
    /** Codes the verbatims waiting in the queue that the names of term ?1 match exactly (?2 now). */
    static final String CODE_QUEUED_EXACT_SQL = """
            update verbatim_coding c set term_id = ?1, method = 'EXACT', score = 1, matched_synonym = s.text,
                coded_at = ?2
            from symptom_synonym s where s.term_id = ?1 and c.normalized = s.normalized and c.method = 'UNCODED'""";

    private static final String CODING_QUEUE_GROUPED_SQL = """
            select c.normalized, (array_agg(distinct c.verbatim))[1:10], count(distinct v.case_id) as cases
            from verbatim_coding c
            join case_reaction r on r.verbatim = c.verbatim
            join case_version v on v.id = r.case_version_id""" + CountedCases.SCOPE_PLACEHOLDER + """
            where c.method = 'UNCODED' group by c.normalized""";
    /** How many normalised forms wait in the coding queue. */
    static final String CODING_QUEUE_COUNT_SQL = "select count(*) from (" + CODING_QUEUE_GROUPED_SQL + ") x";
    /** A page of the coding queue (?1 size, ?2 offset), the forms most cases use first. */
    static final String CODING_QUEUE_SQL =
            CODING_QUEUE_GROUPED_SQL + " order by cases desc, c.normalized limit ?1 offset ?2";
    /** The cases (latest active versions) with a verbatim of the normalised form ?1. */
    static final String CASES_OF_NORMALIZED_SQL = """
            select count(distinct v.case_id) from verbatim_coding c
            join case_reaction r on r.verbatim = c.verbatim
            join case_version v on v.id = r.case_version_id""" + CountedCases.SCOPE_PLACEHOLDER + """
            where c.normalized = ?1""";

    private final EntityManager em;
    private final PageReads pages;
    private final SymptomCoder coder;
    private final SymptomTermRepository terms;
    private final VerbatimCodingRepository codings;
    /** Gives the queues' SQL its case scope (CountedCases.SCOPE_PLACEHOLDER): the live one, for curators. */
    private final CountedCases counted;

    VocabularyService(
            EntityManager em,
            SymptomCoder coder,
            SymptomTermRepository terms,
            VerbatimCodingRepository codings,
            CountedCases counted,
            PageReads pages) {
        this.em = em;
        this.pages = pages;
        this.coder = coder;
        this.terms = terms;
        this.codings = codings;
        this.counted = counted;
    }

    public PageResponse<VocabularyViews.TermHit> search(String q, String organClass, PageRequest page) {
        String normalized = q == null ? "" : TextNormalizer.forMatching(q);
        String ranked = organClass == null ? SEARCH_SQL : SEARCH_IN_ORGAN_CLASS_SQL;
        java.util.function.Function<String, jakarta.persistence.Query> query = sql -> {
            var built = em.createNativeQuery(sql.replace("{ranked}", ranked))
                    .setParameter("q", normalized)
                    .setParameter("prefix", normalized + "%")
                    .setParameter("like", "%" + normalized + "%");
            if (organClass != null) {
                built.setParameter("organClass", organClass);
            }
            return built;
        };
        return pages.read(page, () -> ((Number) query.apply(SEARCH_COUNT_SQL).getSingleResult()).longValue(), () -> {
            @SuppressWarnings("unchecked")
            List<Object[]> result = query.apply(SEARCH_PAGE_SQL)
                    .setParameter("limit", page.size())
                    .setParameter("offset", page.offset())
                    .getResultList();
            return result.stream().map(VocabularyService::hit).toList();
        });
    }

    @Transactional
    public VocabularyViews.Term term(String code) {
        SymptomTerm t = terms.byCode(code).orElseThrow(() -> ApiProblem.notFound("no symptom term has this code"));
        return new VocabularyViews.Term(
                t.code, t.preferredName, t.organClass, t.curated, t.externalCode, terms.synonymsOf(t.id));
    }

    @Transactional
    public List<VocabularyViews.OrganClass> organClasses() {
        return terms.organClasses().stream()
                .map(o -> new VocabularyViews.OrganClass(o.code(), o.name(), o.terms()))
                .toList();
    }

    /** Adds a term the curated list lacks, as uncurated, with code KU + a sequence number. */
    @Transactional
    public VocabularyViews.Term addTerm(VocabularyViews.NewTerm request) {
        String organClass = request.organClass() == null ? "UNCLASSIFIED" : request.organClass();
        requireOrganClass(organClass);
        Map<String, String> names = new LinkedHashMap<>();
        names.put(
                TextNormalizer.forMatching(request.preferredName()),
                request.preferredName().strip());
        if (request.synonyms() != null) {
            request.synonyms().forEach(s -> names.putIfAbsent(TextNormalizer.forMatching(s), s.strip()));
        }
        String preferredKey = TextNormalizer.forMatching(request.preferredName());
        List<Violation> taken = new ArrayList<>();
        for (String normalized : names.keySet()) {
            if (normalized.isEmpty()) {
                taken.add(Violation.body("preferredName", "must contain a letter or digit"));
                continue;
            }
            Optional<String> owner = terms.codeNamedBy(normalized);
            if (owner.isPresent()) {
                taken.add(Violation.body(
                        normalized.equals(preferredKey) ? "preferredName" : "synonyms",
                        "'" + names.get(normalized) + "' already names term " + owner.get()));
            }
        }
        if (!taken.isEmpty()) {
            throw ApiProblem.invalid(taken);
        }
        long seq = ((Number) em.createNativeQuery(NEXT_UNCURATED_CODE_SQL).getSingleResult()).longValue();
        String code = "KU%06d".formatted(seq);
        SymptomTerm term = new SymptomTerm();
        term.code = code;
        term.preferredName = request.preferredName().strip();
        term.organClass = organClass;
        term.curated = false;
        term.externalCode = request.externalCode();
        terms.persist(term);
        long id = term.id;
        boolean first = true;
        for (Map.Entry<String, String> name : names.entrySet()) {
            terms.persist(new SymptomSynonym(name.getKey(), id, name.getValue(), first));
            first = false;
        }
        terms.flush();
        // Verbatims waiting in the queue that the new names match exactly are coded now.
        em.createNativeQuery(CODE_QUEUED_EXACT_SQL)
                .setParameter(1, id)
                .setParameter(2, Instant.now())
                .executeUpdate();
        coder.invalidate();
        LOG.infof("uncurated term %s added", code);
        return term(code);
    }

    public PageResponse<VocabularyViews.QueueEntry> codingQueue(PageRequest page) {
        LongSupplier total = () -> ((Number) em.createNativeQuery(counted.live(CODING_QUEUE_COUNT_SQL))
                        .getSingleResult())
                .longValue();
        return pages.read(page, total, () -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(counted.live(CODING_QUEUE_SQL))
                    .setParameter(1, page.size())
                    .setParameter(2, page.offset())
                    .getResultList();
            return rows.stream()
                    .map(r -> new VocabularyViews.QueueEntry(
                            (String) r[0], Arrays.asList((String[]) r[1]), ((Number) r[2]).longValue()))
                    .toList();
        });
    }

    /**
     * Codes a verbatim by hand. The coding applies to every verbatim with the same normalised form, in
     * every case past and future, in this one transaction, and is written to the coding audit.
     */
    @Transactional
    public VocabularyViews.ManualCodingResult codeManually(VocabularyViews.ManualCoding request) {
        String normalized = TextNormalizer.forMatching(request.verbatim());
        if (normalized.isEmpty()) {
            throw ApiProblem.invalid(Violation.body("verbatim", "must contain a letter or digit"));
        }
        SymptomTerm term = terms.byCode(request.termCode())
                .orElseThrow(() -> ApiProblem.invalid(Violation.body("termCode", "no symptom term has this code")));
        long termId = term.id;
        if (codings.count("normalized", normalized) == 0) {
            coder.ensureCoded(List.of(request.verbatim())); // coded ahead of any case: keep the decision
        }
        List<Long> previous = codings.termsOf(normalized);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int verbatims = codings.codeManually(normalized, termId, request.codedBy(), now);
        long cases = ((Number) em.createNativeQuery(counted.live(CASES_OF_NORMALIZED_SQL))
                        .setParameter(1, normalized)
                        .getSingleResult())
                .longValue();
        CodingAudit decision = new CodingAudit();
        decision.normalized = normalized;
        decision.oldTermId = previous.size() == 1 ? previous.get(0) : null;
        decision.newTermId = termId;
        decision.verbatims = verbatims;
        decision.actor = request.codedBy();
        decision.at = now;
        decision.comment = request.comment();
        codings.audit(decision);
        LOG.infof("manual coding to %s applied to %d verbatims", request.termCode(), verbatims);
        VocabularyViews.TermHit hit =
                new VocabularyViews.TermHit(term.code, term.preferredName, term.organClass, term.curated, null, null);
        return new VocabularyViews.ManualCodingResult(normalized, hit, verbatims, cases, request.codedBy(), now);
    }

    @Transactional
    public VocabularyViews.CodingPreview preview(String text) {
        SymptomCoder.Match match = coder.match(text);
        VocabularyViews.TermHit hit = null;
        if (match.termId() != null) {
            SymptomTerm t = terms.findById(match.termId());
            hit = new VocabularyViews.TermHit(
                    t.code, t.preferredName, t.organClass, t.curated, match.matchedSynonym(), match.score());
        }
        return new VocabularyViews.CodingPreview(text, TextNormalizer.forMatching(text), hit, match.method());
    }

    void requireOrganClass(String organClass) {
        if (!terms.organClassExists(organClass)) {
            throw ApiProblem.invalid(Violation.body("organClass", "no organ class has this code"));
        }
    }

    private static VocabularyViews.TermHit hit(Object[] r) {
        return new VocabularyViews.TermHit(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (Boolean) r[3],
                (String) r[4],
                new BigDecimal(r[5].toString())
                        .setScale(3, RoundingMode.HALF_UP)
                        .stripTrailingZeros());
    }
}
