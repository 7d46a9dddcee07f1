package org.kaers.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.special.Gamma;

/**
 * DuMouchel's multi-item gamma-Poisson shrinker. The prior on the ratio lambda = N/E of a product x reaction
 * cell is the mixture P Gamma(a1, b1) + (1 - P) Gamma(a2, b2) (shape, rate); N given E is then a mixture of
 * negative binomials. The prior is fitted by maximum likelihood over the cells with N >= 1 (zero-truncated
 * likelihood, as openEBGM does), after squashing cells with the same N and nearly the same E into weighted
 * points; from several starting points, with Nelder-Mead on bounded log / logit scales. Numerics from Commons Math.
 */
public final class GammaPoissonShrinker {

    /** Starting points (a1, b1, a2, b2, P); the first is openEBGM's documented default. */
    private static final double[][] STARTS = {
            {0.2, 0.1, 2, 4, 1.0 / 3}, {0.2, 0.02, 2, 4, 1.0 / 3}, {2, 1, 2, 2, 0.1}, {1, 1, 3, 3, 0.2},
            {0.5, 0.5, 5, 5, 0.05}, {3, 0.4, 2, 2, 0.07}};
    private static final int MAX_EVALUATIONS = 20_000;
    /** Bins of ln E per unit when squashing. */
    private static final double BINS_PER_LOG_UNIT = 50;

    private GammaPoissonShrinker() {
    }

    /** The prior's hyperparameters (shapes and rates of two gammas, and the weight of the first). */
    public record Prior(double alpha1, double beta1, double alpha2, double beta2, double p) {
    }

    /** One product x reaction cell: observed cases and expected cases. */
    public record Cell(long n, double e) {
    }

    /** The posterior of a cell. */
    public record Posterior(double qn, double ebgm, double eb05, double eb95) {
    }

    /**
     * A fit: the prior, its log-likelihood, how many cells and squashed points it used, how many of the
     * starting points converged, and whether the best ones agree (the convergence check).
     */
    public record Fit(Prior prior, double logLikelihood, int cells, int points, int startsConverged, int starts,
            boolean converged, long evaluations) {
    }

    public static Posterior posterior(Prior prior, long n, double e) {
        double l1 = Math.log(prior.p()) + logNegBinomial(n, prior.alpha1(), prior.beta1(), e);
        double l2 = Math.log(1 - prior.p()) + logNegBinomial(n, prior.alpha2(), prior.beta2(), e);
        double max = Math.max(l1, l2);
        double qn = Math.exp(l1 - max) / (Math.exp(l1 - max) + Math.exp(l2 - max));
        double shape1 = prior.alpha1() + n;
        double rate1 = prior.beta1() + e;
        double shape2 = prior.alpha2() + n;
        double rate2 = prior.beta2() + e;
        double meanLog = qn * (Gamma.digamma(shape1) - Math.log(rate1))
                + (1 - qn) * (Gamma.digamma(shape2) - Math.log(rate2));
        GammaDistribution g1 = new GammaDistribution(null, shape1, 1 / rate1);
        GammaDistribution g2 = new GammaDistribution(null, shape2, 1 / rate2);
        return new Posterior(qn, Math.exp(meanLog), quantile(g1, g2, qn, 0.05), quantile(g1, g2, qn, 0.95));
    }

    /** The q-quantile of qn G1 + (1 - qn) G2: between the two components' own q-quantiles. */
    private static double quantile(GammaDistribution g1, GammaDistribution g2, double qn, double q) {
        double x1 = g1.inverseCumulativeProbability(q);
        double x2 = g2.inverseCumulativeProbability(q);
        double lo = Math.min(x1, x2);
        double hi = Math.max(x1, x2);
        org.apache.commons.math3.analysis.UnivariateFunction f =
                x -> qn * g1.cumulativeProbability(x) + (1 - qn) * g2.cumulativeProbability(x) - q;
        // When one component carries (nearly) all the weight, the quantile is (numerically) at its end.
        if (hi - lo < 1e-12 * Math.max(1, hi) || f.value(lo) >= 0) {
            return lo;
        }
        if (f.value(hi) <= 0) {
            return hi;
        }
        return new BrentSolver(1e-12, 1e-10).solve(200, f, lo, hi);
    }

    /** log of the negative binomial probability of n with size alpha and probability beta / (beta + e). */
    static double logNegBinomial(long n, double alpha, double beta, double e) {
        return Gamma.logGamma(alpha + n) - Gamma.logGamma(alpha) - Gamma.logGamma(n + 1.0)
                + alpha * Math.log(beta / (beta + e)) + n * Math.log(e / (beta + e));
    }

    /** Fits the prior to the cells with N >= 1 (cells with N = 0 or E = 0 are ignored). */
    public static Fit fit(List<Cell> cells) {
        List<double[]> points = squash(cells); // {n, e, weight}
        int used = (int) points.stream().mapToDouble(p -> p[2]).sum();
        if (points.isEmpty()) {
            return new Fit(null, Double.NaN, 0, 0, 0, STARTS.length, false, 0);
        }
        ObjectiveFunction likelihood = new ObjectiveFunction(x -> logLikelihood(points, prior(x)));
        List<PointValuePair> results = new ArrayList<>();
        long evaluations = 0;
        for (double[] start : STARTS) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-10);
            try {
                PointValuePair best = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), likelihood, GoalType.MAXIMIZE,
                        new InitialGuess(unconstrained(start)), new NelderMeadSimplex(5));
                evaluations += optimizer.getEvaluations();
                if (Double.isFinite(best.getValue())) {
                    results.add(best);
                }
            } catch (TooManyEvaluationsException e) {
                evaluations += MAX_EVALUATIONS;
            }
        }
        if (results.isEmpty()) {
            return new Fit(null, Double.NaN, cells.size(), points.size(), 0, STARTS.length, false, evaluations);
        }
        results.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
        PointValuePair best = results.get(0);
        // Converged: at least two starting points reach the same maximum (within 0.01 log-likelihood units).
        boolean agree = results.size() >= 2 && Math.abs(results.get(1).getValue() - best.getValue()) < 1e-2;
        return new Fit(prior(best.getPoint()), best.getValue(), used, points.size(), results.size(), STARTS.length,
                agree, evaluations);
    }

    /** Zero-truncated mixture log-likelihood of the weighted points. */
    static double logLikelihood(List<double[]> points, Prior prior) {
        double sum = 0;
        double logP = Math.log(prior.p());
        double logQ = Math.log(1 - prior.p());
        for (double[] point : points) {
            long n = (long) point[0];
            double e = point[1];
            double l1 = logP + logNegBinomial(n, prior.alpha1(), prior.beta1(), e);
            double l2 = logQ + logNegBinomial(n, prior.alpha2(), prior.beta2(), e);
            double zero = prior.p() * Math.pow(prior.beta1() / (prior.beta1() + e), prior.alpha1())
                    + (1 - prior.p()) * Math.pow(prior.beta2() / (prior.beta2() + e), prior.alpha2());
            double max = Math.max(l1, l2);
            sum += point[2] * (max + Math.log(Math.exp(l1 - max) + Math.exp(l2 - max)) - Math.log1p(-zero));
        }
        return Double.isFinite(sum) ? sum : Double.NEGATIVE_INFINITY;
    }

    /** Cells with the same N and ln E within 1/50 are one point at their mean E, weighted by their number. */
    static List<double[]> squash(List<Cell> cells) {
        Map<String, double[]> bins = new HashMap<>();
        for (Cell c : cells) {
            if (c.n() < 1 || !(c.e() > 0)) {
                continue;
            }
            String key = c.n() + ":" + Math.round(Math.log(c.e()) * BINS_PER_LOG_UNIT);
            double[] bin = bins.computeIfAbsent(key, k -> new double[] {c.n(), 0, 0});
            bin[1] += c.e();
            bin[2] += 1;
        }
        List<double[]> points = new ArrayList<>(bins.size());
        for (double[] bin : bins.values()) {
            points.add(new double[] {bin[0], bin[1] / bin[2], bin[2]});
        }
        return points;
    }

    /**
     * Shapes and rates are kept within [1e-5, 1e5], P within [1e-6, 1 - 1e-6]: beyond them a component is a
     * point mass or flat, the likelihood barely changes, and gamma quantiles of huge shapes are slow to compute.
     */
    private static final double LN_LO = Math.log(1e-5);
    private static final double LN_HI = Math.log(1e5);
    private static final double P_LO = 1e-6;

    private static double[] unconstrained(double[] prior) {
        double[] x = new double[5];
        for (int i = 0; i < 4; i++) {
            x[i] = logit((Math.log(prior[i]) - LN_LO) / (LN_HI - LN_LO));
        }
        x[4] = logit((prior[4] - P_LO) / (1 - 2 * P_LO));
        return x;
    }

    private static Prior prior(double[] x) {
        double[] v = new double[5];
        for (int i = 0; i < 4; i++) {
            v[i] = Math.exp(LN_LO + (LN_HI - LN_LO) * sigmoid(x[i]));
        }
        return new Prior(v[0], v[1], v[2], v[3], P_LO + (1 - 2 * P_LO) * sigmoid(x[4]));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double u) {
        return Math.log(u / (1 - u));
    }
}
