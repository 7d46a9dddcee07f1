package org.kaers.signals;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kaers.statistics.CaseCounts;

/**
 * The EBGM priors, one per {@link PriorLevel}: fitted over every cell of the level's two dimensions of the
 * counted cases (no filters), stored with the data version it came from and its diagnostics, refitted on
 * request, when none exists, and by a periodic check when the number of counted cases has moved by more than
 * {@code kaers.signals.refit-change} (10%) since. With fewer than {@code kaers.signals.prior-min-cells} cells
 * (N >= 1) no prior is fitted: the stored row has no hyperparameters and says why, and EBGM is null.
 */
@ApplicationScoped
public class PriorStore {

    private static final Logger LOG = Logger.getLogger(PriorStore.class);
    /** Held while fitting, so that instances and requests do not fit at the same time. */
    private static final long FIT_LOCK = 4_242_003L;
    /** Takes the fitting lock (?1) until the transaction ends (kept native; NamedNativeQueriesTest plans it). */
    static final String FIT_LOCK_SQL = "select pg_advisory_xact_lock(?1)::text";

    private final EntityManager em;
    private final CaseCounts counts;
    private final SignalConfig config;
    private final SignalPriorRepository priors;

    PriorStore(EntityManager em, CaseCounts counts, SignalConfig config, SignalPriorRepository priors) {
        this.em = em;
        this.counts = counts;
        this.config = config;
        this.priors = priors;
    }

    @Transactional
    public Optional<SignalViews.PriorView> current(PriorLevel level) {
        // Exact figures of the live data (cases, cells at the fit) only for callers with exact counts (Disclosure).
        return priors.newest(level).map(PriorStore::view).map(v -> counts.exact() ? v : v.withheld());
    }

    /** The current prior of a level, fitting one first when there is none (the first signal request of a database). */
    public Optional<SignalViews.PriorView> currentOrFit(PriorLevel level) {
        Optional<SignalViews.PriorView> prior = current(level);
        return prior.isPresent() ? prior : fit(level, "first use");
    }

    /**
     * Fits and stores a prior of a level from the current aggregates; empty when there are no cells at all (no
     * case has both a product and a reaction of the level). Too little data or a failed fit is stored as a row
     * without hyperparameters and with its warnings.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Optional<SignalViews.PriorView> fit(PriorLevel level, String reason) {
        em.createNativeQuery(FIT_LOCK_SQL).setParameter(1, FIT_LOCK).getSingleResult();
        long started = System.nanoTime();
        CaseCounts.DataVersion version = counts.dataVersion();
        CaseCounts.Cross cross = counts.cross(level.productDimension, level.reactionDimension);
        List<GammaPoissonShrinker.Cell> cells = new ArrayList<>(cross.pairs().size());
        double total = cross.totalCases();
        for (CaseCounts.Pair pair : cross.pairs()) {
            double expected = cross.rows().getOrDefault(pair.row(), 0L)
                    / total
                    * cross.columns().getOrDefault(pair.column(), 0L);
            cells.add(new GammaPoissonShrinker.Cell(pair.cases(), expected));
        }
        if (cells.isEmpty()) {
            LOG.infof("EBGM prior (%s) not fitted (%s): no cells", level.code, reason);
            return Optional.empty();
        }
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(cells, config.priorMinCells());
        long millis = (System.nanoTime() - started) / 1_000_000;
        GammaPoissonShrinker.Prior p = fit.prior();
        SignalPrior prior = new SignalPrior();
        prior.dataVersion = version.version();
        prior.totalCases = cross.totalCases();
        prior.cells = fit.cells();
        prior.points = fit.points();
        prior.alpha1 = p == null ? null : p.alpha1();
        prior.beta1 = p == null ? null : p.beta1();
        prior.alpha2 = p == null ? null : p.alpha2();
        prior.beta2 = p == null ? null : p.beta2();
        prior.p = p == null ? null : p.p();
        prior.logLikelihood = p == null ? null : fit.logLikelihood();
        prior.starts = fit.starts();
        prior.startsConverged = fit.startsConverged();
        prior.converged = fit.converged();
        prior.evaluations = fit.evaluations();
        prior.durationMs = millis;
        prior.reason = reason;
        prior.level = level.code;
        prior.warnings = List.copyOf(fit.warnings());
        priors.persist(prior);
        LOG.infof(
                "EBGM prior (%s) %s (%s) over %d cells (%d points) in %d ms, converged %s%s",
                level.code,
                p == null ? "not fitted" : "fitted",
                reason,
                fit.cells(),
                fit.points(),
                millis,
                fit.converged(),
                fit.warnings().isEmpty() ? "" : ": " + String.join("; ", fit.warnings()));
        return current(level);
    }

    /** Refits when the counted cases have changed by more than the configured share since the last fit. */
    @Scheduled(
            every = "${kaers.signals.refit-check:10m}",
            delay = 1,
            delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refitWhenStale() {
        try {
            for (PriorLevel level : PriorLevel.values()) {
                Optional<SignalViews.PriorView> prior = current(level);
                if (prior.isEmpty()) {
                    continue; // fitted on first use
                }
                long now = counts.totalCases();
                long then = prior.get().totalCases();
                if (Math.abs(now - then) > config.refitChange() * Math.max(1, then)) {
                    fit(level, "cases changed from " + then + " to " + now);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("EBGM prior refit check failed: %s", org.kaers.common.FailureLog.describe(e));
        }
    }

    private static SignalViews.PriorView view(SignalPrior r) {
        return new SignalViews.PriorView(
                r.id,
                r.level,
                r.fittedAt,
                r.dataVersion,
                r.totalCases,
                r.cells,
                r.points,
                r.alpha1 != null,
                r.alpha1,
                r.beta1,
                r.alpha2,
                r.beta2,
                r.p,
                r.logLikelihood,
                r.starts,
                r.startsConverged,
                r.converged,
                r.warnings == null ? List.of() : List.copyOf(r.warnings),
                r.evaluations,
                r.durationMs,
                r.reason);
    }
}
