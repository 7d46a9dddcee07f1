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

    private final EntityManager em;
    private final CaseCounts counts;
    private final SignalConfig config;

    PriorStore(EntityManager em, CaseCounts counts, SignalConfig config) {
        this.em = em;
        this.counts = counts;
        this.config = config;
    }

    @Transactional
    public Optional<SignalViews.PriorView> current(PriorLevel level) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select id, fitted_at, data_version, total_cases, cells, points, alpha1, beta1, alpha2, beta2, p,
                       log_likelihood, starts, starts_converged, converged, evaluations, duration_ms, reason, level,
                       array_to_string(warnings, chr(31))
                from signal_prior where level = ?1 order by id desc limit 1""").setParameter(1, level.code).getResultList();
        // Exact figures of the live data (cases, cells at the fit) only for callers with exact counts (Disclosure).
        return rows.stream().findFirst().map(PriorStore::view).map(v -> counts.exact() ? v : v.withheld());
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
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text")
                .setParameter(1, FIT_LOCK)
                .getSingleResult();
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
        em.createNativeQuery("""
                insert into signal_prior (data_version, total_cases, cells, points, alpha1, beta1, alpha2, beta2, p,
                    log_likelihood, starts, starts_converged, converged, evaluations, duration_ms, reason, level, warnings)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                        string_to_array(?18, chr(31)))""")
                .setParameter(1, version.version())
                .setParameter(2, cross.totalCases())
                .setParameter(3, fit.cells())
                .setParameter(4, fit.points())
                .setParameter(5, p == null ? null : p.alpha1())
                .setParameter(6, p == null ? null : p.beta1())
                .setParameter(7, p == null ? null : p.alpha2())
                .setParameter(8, p == null ? null : p.beta2())
                .setParameter(9, p == null ? null : p.p())
                .setParameter(10, p == null ? null : fit.logLikelihood())
                .setParameter(11, fit.starts())
                .setParameter(12, fit.startsConverged())
                .setParameter(13, fit.converged())
                .setParameter(14, fit.evaluations())
                .setParameter(15, millis)
                .setParameter(16, reason)
                .setParameter(17, level.code)
                .setParameter(18, String.join("\u001f", fit.warnings()))
                .executeUpdate();
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
            LOG.warnf("EBGM prior refit check failed: %s", org.kaers.common.ProblemMappers.describe(e));
        }
    }

    private static SignalViews.PriorView view(Object[] r) {
        String warnings = (String) r[19];
        return new SignalViews.PriorView(
                ((Number) r[0]).longValue(),
                (String) r[18],
                org.kaers.common.SqlValues.instant(r[1]),
                ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(),
                ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(),
                r[6] != null,
                number(r[6]),
                number(r[7]),
                number(r[8]),
                number(r[9]),
                number(r[10]),
                number(r[11]),
                ((Number) r[12]).intValue(),
                ((Number) r[13]).intValue(),
                (Boolean) r[14],
                warnings == null || warnings.isEmpty() ? List.of() : List.of(warnings.split("\u001f")),
                ((Number) r[15]).longValue(),
                ((Number) r[16]).longValue(),
                (String) r[17]);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
