package org.kaers.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.kaers.statistics.CaseCounts;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.scheduler.Scheduled;

/**
 * The EBGM prior: fitted over every canonical product x coded symptom cell of the counted cases (no filters),
 * stored with the data version it came from, refitted on request, when none exists, and by a periodic check
 * when the number of counted cases has moved by more than {@code kaers.signals.refit-change} (10%) since.
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
    public Optional<SignalViews.PriorView> current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, fitted_at, data_version, total_cases, cells, points, alpha1, beta1, alpha2, beta2, p,
                       log_likelihood, starts, starts_converged, converged, evaluations, duration_ms, reason
                from signal_prior order by id desc limit 1""").getResultList();
        return rows.stream().findFirst().map(PriorStore::view);
    }

    /** The current prior, fitting one first when there is none (the first signal request of a database). */
    public Optional<SignalViews.PriorView> currentOrFit() {
        Optional<SignalViews.PriorView> prior = current();
        return prior.isPresent() ? prior : fit("first use");
    }

    /**
     * Fits and stores a prior from the current aggregates; empty when there are no cells to fit (no case has
     * both a product and a coded symptom) or the fit failed.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Optional<SignalViews.PriorView> fit(String reason) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text").setParameter(1, FIT_LOCK).getSingleResult();
        long started = System.nanoTime();
        CaseCounts.DataVersion version = counts.dataVersion();
        CaseCounts.Cross cross = counts.cross("product", "symptom");
        List<GammaPoissonShrinker.Cell> cells = new ArrayList<>(cross.pairs().size());
        double total = cross.totalCases();
        for (CaseCounts.Pair pair : cross.pairs()) {
            double expected = cross.rows().getOrDefault(pair.row(), 0L) * (double) cross.columns().getOrDefault(pair.column(), 0L)
                    / total;
            cells.add(new GammaPoissonShrinker.Cell(pair.cases(), expected));
        }
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(cells);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (fit.prior() == null) {
            LOG.infof("EBGM prior not fitted (%s): %d cells", reason, cells.size());
            return Optional.empty();
        }
        GammaPoissonShrinker.Prior p = fit.prior();
        em.createNativeQuery("""
                insert into signal_prior (data_version, total_cases, cells, points, alpha1, beta1, alpha2, beta2, p,
                    log_likelihood, starts, starts_converged, converged, evaluations, duration_ms, reason)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)""")
                .setParameter(1, version.version()).setParameter(2, cross.totalCases()).setParameter(3, fit.cells())
                .setParameter(4, fit.points()).setParameter(5, p.alpha1()).setParameter(6, p.beta1())
                .setParameter(7, p.alpha2()).setParameter(8, p.beta2()).setParameter(9, p.p())
                .setParameter(10, fit.logLikelihood()).setParameter(11, fit.starts())
                .setParameter(12, fit.startsConverged()).setParameter(13, fit.converged())
                .setParameter(14, fit.evaluations()).setParameter(15, millis).setParameter(16, reason).executeUpdate();
        LOG.infof("EBGM prior fitted (%s) over %d cells (%d points) in %d ms, converged %s", reason, fit.cells(),
                fit.points(), millis, fit.converged());
        return current();
    }

    /** Refits when the counted cases have changed by more than the configured share since the last fit. */
    @Scheduled(every = "${kaers.signals.refit-check:10m}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refitWhenStale() {
        try {
            Optional<SignalViews.PriorView> prior = current();
            if (prior.isEmpty()) {
                return; // fitted on first use
            }
            long now = counts.totalCases();
            long then = prior.get().totalCases();
            if (Math.abs(now - then) > config.refitChange() * Math.max(1, then)) {
                fit("cases changed from " + then + " to " + now);
            }
        } catch (RuntimeException e) {
            LOG.warnf("EBGM prior refit check failed: %s", org.kaers.common.ProblemMappers.describe(e));
        }
    }

    private static SignalViews.PriorView view(Object[] r) {
        return new SignalViews.PriorView(((Number) r[0]).longValue(), org.kaers.common.SqlValues.instant(r[1]), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).intValue(), ((Number) r[5]).intValue(),
                ((Number) r[6]).doubleValue(), ((Number) r[7]).doubleValue(), ((Number) r[8]).doubleValue(),
                ((Number) r[9]).doubleValue(), ((Number) r[10]).doubleValue(), ((Number) r[11]).doubleValue(),
                ((Number) r[12]).intValue(), ((Number) r[13]).intValue(), (Boolean) r[14], ((Number) r[15]).longValue(),
                ((Number) r[16]).longValue(), (String) r[17]);
    }
}
