package org.kaers.signals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.statistics.CaseCounts;

/**
 * One subject (a product, a substance, a symptom term or an organ class) against each value of another
 * dimension: the 2x2 case counts under the statistics counting rule, the measures of {@link Disproportionality},
 * EBGM under the current prior, the screening flags. For researchers every count is a released (protected) cell
 * of the statistics disclosure model.
 */
@ApplicationScoped
public class SignalService {

    static final String CAUTION = "Disproportionality compares how often a reaction is reported with a product against "
            + "all other reports. A high score is a hypothesis for clinical review, not proof that the product causes "
            + "the reaction, and says nothing about how often it occurs; reports are voluntary, selective and may be "
            + "duplicated.";
    static final String COUNTING = "Cases, not rows: each case counts once per table cell. Only the latest version of "
            + "each case counts; nullified cases never count.";
    /** Subjects, and what each may be compared against (the first is the default). */
    static final Map<String, List<String>> AGAINST = Map.of(
            "product", List.of("symptom", "organClass", "verbatim"),
            "substance", List.of("symptom", "organClass", "verbatim"),
            "productName", List.of("verbatim", "symptom", "organClass"),
            "symptom", List.of("product", "substance", "productName"),
            "organClass", List.of("product", "substance", "productName"),
            "verbatim", List.of("productName", "product", "substance"));
    /** Subjects given as text as reported (any text up to the length the case rows hold). */
    static final Map<String, Integer> AS_REPORTED = Map.of("productName", 300, "verbatim", 500);

    /** Sort keys and how to read them from a row (descending; nulls and suppressed rows last). */
    static final Map<String, Function<SignalViews.Row, Double>> SORTS = Map.ofEntries(
            Map.entry("a", r -> r.a() == null ? null : r.a().doubleValue()),
            Map.entry("expected", SignalViews.Row::expected),
            Map.entry("prr", r -> r.prr().value()),
            Map.entry("prrLower", r -> r.prr().lower()),
            Map.entry("chiSquare", SignalViews.Row::chiSquare),
            Map.entry("ror", r -> r.ror().value()),
            Map.entry("rorLower", r -> r.ror().lower()),
            Map.entry("ic", r -> r.ic().value()),
            Map.entry("ic025", r -> r.ic().lower()),
            Map.entry("ebgm", r -> r.ebgm().value()),
            Map.entry("eb05", r -> r.ebgm().lower()));

    private final CaseCounts counts;
    private final PriorStore priors;
    private final EntityManager em;

    SignalService(CaseCounts counts, PriorStore priors, @org.kaers.statistics.model.ReadSide EntityManager em) {
        this.counts = counts;
        this.priors = priors;
        this.em = em;
    }

    /** A parsed request. */
    record Query(
            String subject,
            String key,
            String against,
            CaseCounts.Filters filters,
            int minCases,
            String sort,
            PageRequest page) {

        PriorLevel level() {
            return PriorLevel.ofTable(subject, against);
        }
    }

    /** The table of a parsed request ({@link SignalParams#query}), the prior fitted first if there is none. */
    public SignalViews.Table table(Query query) {
        return table(query, priors.currentOrFit(query.level()).orElse(null));
    }

    @Transactional
    SignalViews.Table table(Query query, SignalViews.PriorView prior) {
        counts.beginRead();
        // Margins first: for a researcher a text as reported that is rare or absent is the same 400 (the filter
        // rule of the disclosure model), never a 404 that would tell the two apart.
        CaseCounts.Margins m = counts.margins(query.subject(), query.key(), query.against(), query.filters());
        String label = label(query.subject(), query.key());
        CaseCounts.DataVersion version = counts.dataVersion();
        GammaPoissonShrinker.Prior shrinker = prior == null || !prior.fitted()
                ? null
                : new GammaPoissonShrinker.Prior(
                        prior.alpha1(), prior.beta1(), prior.alpha2(), prior.beta2(), prior.p());
        long ab = m.subjectCases();
        long n = m.totalCases();
        List<SignalViews.Row> rows = new ArrayList<>();
        // a, a + b, a + c and N are released cells (for researchers: perturbed, never 1 to the threshold; values
        // released as 0 are not listed); b, c and d follow from them, at least 0. minCases applies to released a.
        for (Map.Entry<String, Long> cell : m.withSubject().entrySet()) {
            long a = cell.getValue();
            if (a < query.minCases()) {
                continue;
            }
            String key = cell.getKey();
            long ac = m.all().getOrDefault(key, a);
            long b = Math.max(0, ab - a);
            long c = Math.max(0, ac - a);
            long d = Math.max(0, n - a - b - c);
            Disproportionality.Table t = new Disproportionality.Table(a, b, c, d);
            // The text as reported is its own label.
            String rowLabel =
                    AS_REPORTED.containsKey(query.against()) ? key : m.labels().get(key);
            rows.add(row(key, rowLabel, t, shrinker));
        }
        Function<SignalViews.Row, Double> by = SORTS.get(query.sort());
        rows.sort(Comparator.comparing((SignalViews.Row r) -> r.suppressed())
                .thenComparing(by, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(SignalViews.Row::key));
        int from = Math.min(rows.size(), query.page().offset());
        int to = Math.min(rows.size(), from + query.page().size());
        boolean abHidden = false;
        SignalViews.Meta meta = new SignalViews.Meta(
                CAUTION,
                COUNTING,
                new SignalViews.Subject(query.subject(), query.key(), label),
                query.against(),
                query.filters().understood(),
                version.version(),
                version.asOf(),
                m.fromAggregates() ? "AGGREGATES" : "RAW_ROWS",
                prior,
                abHidden ? null : ab,
                abHidden,
                n,
                counts.smallCellThreshold(),
                query.minCases(),
                query.sort(),
                rows.size(),
                query.page().page(),
                query.page().size(),
                counts.protection(),
                counts.readSource());
        return new SignalViews.Table(meta, List.copyOf(rows.subList(from, to)));
    }

    /** The measures of one table. */
    static SignalViews.Row row(String key, String label, Disproportionality.Table t, GammaPoissonShrinker.Prior prior) {
        Disproportionality.Estimate prr = Disproportionality.prr(t);
        Double chi2 = Disproportionality.chiSquareYates(t);
        Disproportionality.Estimate ror = Disproportionality.ror(t);
        Disproportionality.Estimate ic = Disproportionality.informationComponent(t);
        Double expected = t.expected();
        SignalViews.Measure ebgm = none();
        if (prior != null && expected != null && expected > 0) {
            GammaPoissonShrinker.Posterior post = GammaPoissonShrinker.posterior(prior, t.a(), expected);
            ebgm = new SignalViews.Measure(post.ebgm(), post.eb05(), post.eb95());
        }
        SignalViews.Flags flags = new SignalViews.Flags(
                Disproportionality.evansSignal(t, prr, chi2),
                Disproportionality.rorSignal(t, ror),
                Disproportionality.icSignal(ic),
                ebgm.lower() != null && ebgm.lower() >= 2);
        return new SignalViews.Row(
                key,
                label,
                false,
                t.a(),
                t.b(),
                t.c(),
                t.d(),
                expected,
                measure(prr),
                chi2,
                measure(ror),
                measure(ic),
                ebgm,
                flags);
    }

    private static SignalViews.Measure measure(Disproportionality.Estimate e) {
        return new SignalViews.Measure(e.value(), e.lower(), e.upper());
    }

    private static SignalViews.Measure none() {
        return new SignalViews.Measure(null, null, null);
    }

    /**
     * The name of a subject by its key (?1), per subject: vocabulary's tables, read as SQL because signals may use
     * only statistics (ArchitectureTest). NamedNativeQueriesTest plans each.
     */
    static final java.util.Map<String, String> LABEL_SQL = java.util.Map.of(
            "productName", "select name from product_name_coding where name = ?1",
            "verbatim", "select verbatim from verbatim_coding where verbatim = ?1",
            "product", "select id::text || chr(31) || name from product where id = cast(?1 as bigint)",
            "substance", "select name from substance where code = ?1",
            "symptom", "select preferred_name from symptom_term where code = ?1",
            "organClass", "select name from organ_class where code = ?1");

    /** The subject's name; 404 when it does not exist. */
    private String label(String subject, String key) {
        String sql = LABEL_SQL.getOrDefault(subject, LABEL_SQL.get("organClass"));
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery(sql).setParameter(1, key).getResultList();
        if (found.isEmpty()) {
            throw ApiProblem.notFound("no " + subject + " has this key");
        }
        if (subject.equals("product")) {
            String[] idName = found.get(0).split("\u001f", 2);
            return counts.productLabel(idName[0], idName[1]);
        }
        return found.get(0);
    }
}
