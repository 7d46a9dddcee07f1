package org.kaers.signals;

import java.util.ArrayList;
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
 * negative binomials. The prior is fitted by maximum likelihood over the cells with N >= 1, with the likelihood
 * openEBGM's {@code negLL} / {@code negLLsquash} compute (DuMouchel 1999 with N* = 1): each negative binomial
 * component truncated at zero separately, P f1(n)/(1 - f1(0)) + (1 - P) f2(n)/(1 - f2(0)), not the mixture as a
 * whole. Cells with the same N and E are one weighted point (exact: the likelihood is the unsquashed one); only
 * when more than {@link #MAX_POINTS} distinct points remain are the cells squashed as openEBGM's
 * {@code autoSquash} does (for each count N with more than 101 cells: sort by E, keep the largest E as they are,
 * average the rest in bins of equal size). The maximum is
 * searched from several starting points (openEBGM's vignette's five and a few more) with Nelder-Mead on
 * bounded log / logit scales; numerics from Commons Math. A fit says what is wrong with it: fewer cells than
 * {@link #MIN_CELLS}, no two starts agreeing, a parameter on a bound, a degenerate component.
 */
final class GammaPoissonShrinker {

    /** Starting points (a1, b1, a2, b2, P): openEBGM's vignette's five, then our own. */
    private static final double[][] STARTS = {
        {0.2, 0.1, 2, 4, 1.0 / 3},
        {0.1, 0.1, 10, 10, 0.2},
        {0.3, 0.5, 6, 6, 0.5},
        {0.5, 0.3, 12, 12, 0.8},
        {0.2, 0.2, 5, 5, 0.4},
        {2, 1, 2, 2, 0.1},
        {3, 0.4, 2, 2, 0.07}
    };

    private static final int MAX_EVALUATIONS = 20_000;
    /** Fewest cells with N >= 1 a prior is fitted on by default: five parameters need many more cells than that. */
    public static final int MIN_CELLS = 100;
    /** Most distinct (N, E) points fitted as they are (openEBGM's {@code max_pts}); beyond it they are squashed. */
    static final int MAX_POINTS = 20_000;
    /** openEBGM's {@code param_limit}: a shape or rate at or above it is outside its parameter space. */
    static final double PARAM_LIMIT = 100;

    private GammaPoissonShrinker() {}

    /** The prior's hyperparameters (shapes and rates of two gammas, and the weight of the first). */
    public record Prior(double alpha1, double beta1, double alpha2, double beta2, double p) {}

    /** One product x reaction cell: observed cases and expected cases. */
    public record Cell(long n, double e) {}

    /** A squashed point: count, mean expected count of the cells in it, and how many cells it stands for. */
    record Point(long n, double e, double weight) {}

    /** The posterior of a cell. */
    public record Posterior(double qn, double ebgm, double eb05, double eb95) {}

    /**
     * A fit: the prior (null when none was fitted), its log-likelihood, how many cells and squashed points it
     * used, how many of the starting points converged, whether it can be trusted ({@code converged}: at least two
     * starts reach the same maximum, no parameter on a bound, no degenerate component, enough cells), and what is
     * wrong with it otherwise ({@code warnings}, empty for a good fit).
     */
    public record Fit(
            Prior prior,
            double logLikelihood,
            int cells,
            int points,
            int startsConverged,
            int starts,
            boolean converged,
            long evaluations,
            List<String> warnings) {}

    public static Posterior posterior(Prior prior, long n, double e) {
        double l1 = Math.log(prior.p()) + logNegBinomial(n, prior.alpha1(), prior.beta1(), e);
        double l2 = Math.log(1 - prior.p()) + logNegBinomial(n, prior.alpha2(), prior.beta2(), e);
        double max = Math.max(l1, l2);
        double qn = Math.exp(l1 - max) / (Math.exp(l1 - max) + Math.exp(l2 - max));
        double shape1 = prior.alpha1() + n;
        double rate1 = prior.beta1() + e;
        double shape2 = prior.alpha2() + n;
        double rate2 = prior.beta2() + e;
        double meanLog =
                qn * (Gamma.digamma(shape1) - Math.log(rate1)) + (1 - qn) * (Gamma.digamma(shape2) - Math.log(rate2));
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
        return logRisingFactorial(alpha, n)
                - Gamma.logGamma(n + 1.0)
                + alpha * Math.log(beta / (beta + e))
                + n * Math.log(e / (beta + e));
    }

    /** log Gamma(alpha + n) - log Gamma(alpha): a sum of n logs for the small counts most cells have. */
    private static double logRisingFactorial(double alpha, long n) {
        if (n > 30) {
            return Gamma.logGamma(alpha + n) - Gamma.logGamma(alpha);
        }
        double product = 1;
        for (long k = 0; k < n; k++) {
            product *= alpha + k;
        }
        return Double.isFinite(product) && product > 0
                ? Math.log(product)
                : Gamma.logGamma(alpha + n) - Gamma.logGamma(alpha);
    }

    /** Fits the prior to the cells with N >= 1 (cells with N = 0 or E = 0 are ignored), with {@link #MIN_CELLS}. */
    public static Fit fit(List<Cell> cells) {
        return fit(cells, MIN_CELLS);
    }

    /** Fits the prior when at least {@code minCells} cells have N >= 1 and E > 0; otherwise says why not. */
    public static Fit fit(List<Cell> cells, int minCells) {
        List<Cell> usable = cells.stream().filter(c -> c.n() >= 1 && c.e() > 0).toList();
        if (usable.isEmpty() || usable.size() < minCells) {
            return new Fit(
                    null,
                    Double.NaN,
                    usable.size(),
                    0,
                    0,
                    STARTS.length,
                    false,
                    0,
                    List.of("too little data: " + usable.size() + " product x reaction cells with N >= 1, a prior needs"
                            + " at least " + minCells + "; EBGM is not computed"));
        }
        List<Point> exact = merged(usable);
        return fitPoints(exact.size() <= MAX_POINTS ? exact : autoSquash(usable), usable.size());
    }

    /**
     * Cells with the same N and the same E (the same margins) as one point weighted by their number: the
     * likelihood is unchanged (openEBGM's unsquashed {@code negLL}), and real tables have few distinct (N, E).
     */
    static List<Point> merged(List<Cell> cells) {
        Map<Cell, Long> same = new java.util.LinkedHashMap<>();
        cells.forEach(c -> same.merge(c, 1L, Long::sum));
        List<Point> out = new ArrayList<>(same.size());
        same.forEach((c, w) -> out.add(new Point(c.n(), c.e(), w)));
        return out;
    }

    /** Fits the prior to squashed points standing for {@code cells} cells (every point has N >= 1). */
    static Fit fitPoints(List<Point> points, int cells) {
        ObjectiveFunction likelihood = new ObjectiveFunction(x -> logLikelihood(points, prior(x)));
        List<PointValuePair> results = new ArrayList<>();
        long evaluations = 0;
        for (double[] start : STARTS) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-10);
            try {
                PointValuePair best = optimizer.optimize(
                        new MaxEval(MAX_EVALUATIONS),
                        likelihood,
                        GoalType.MAXIMIZE,
                        new InitialGuess(unconstrained(start)),
                        new NelderMeadSimplex(5));
                // Restart from the optimum (Nelder-Mead can stall on a ridge before the maximum).
                best = optimizer.optimize(
                        new MaxEval(MAX_EVALUATIONS),
                        likelihood,
                        GoalType.MAXIMIZE,
                        new InitialGuess(best.getPoint()),
                        new NelderMeadSimplex(5, 0.1));
                evaluations += optimizer.getEvaluations();
                if (Double.isFinite(best.getValue())) {
                    results.add(best);
                }
            } catch (TooManyEvaluationsException e) {
                evaluations += MAX_EVALUATIONS;
            }
        }
        if (results.isEmpty()) {
            return new Fit(
                    null,
                    Double.NaN,
                    cells,
                    points.size(),
                    0,
                    STARTS.length,
                    false,
                    evaluations,
                    List.of("no starting point reached a finite maximum; EBGM is not computed"));
        }
        results.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
        PointValuePair best = results.get(0);
        Prior prior = prior(best.getPoint());
        List<String> warnings = new ArrayList<>();
        // At least two starting points reach the same maximum (within 0.01 log-likelihood units).
        if (results.size() < 2 || Math.abs(results.get(1).getValue() - best.getValue()) >= 1e-2) {
            warnings.add("no two starting points reached the same maximum");
        }
        warnings.addAll(diagnose(prior));
        return new Fit(
                prior,
                best.getValue(),
                cells,
                points.size(),
                results.size(),
                STARTS.length,
                warnings.isEmpty(),
                evaluations,
                List.copyOf(warnings));
    }

    /** What is suspect about a fitted prior: parameters on a bound, outside openEBGM's space, degenerate components. */
    static List<String> diagnose(Prior prior) {
        List<String> out = new ArrayList<>();
        String[] names = {"alpha1", "beta1", "alpha2", "beta2"};
        double[] values = {prior.alpha1(), prior.beta1(), prior.alpha2(), prior.beta2()};
        for (int i = 0; i < 4; i++) {
            if (values[i] <= LO * 1.01 || values[i] >= HI / 1.01) {
                out.add(names[i] + " " + values[i] + " is on the bound of the search (" + LO + " to " + HI + ")");
            } else if (values[i] >= PARAM_LIMIT) {
                out.add(names[i] + " " + values[i] + " is outside openEBGM's parameter space (below " + PARAM_LIMIT
                        + ")");
            }
        }
        if (prior.p() < 1e-3 || prior.p() > 1 - 1e-3) {
            out.add("degenerate mixture: P " + prior.p() + " leaves one component almost no weight");
        }
        if (Math.abs(Math.log(prior.alpha1() / prior.alpha2())) < 1e-3
                && Math.abs(Math.log(prior.beta1() / prior.beta2())) < 1e-3) {
            out.add("degenerate mixture: the two components coincide");
        }
        return out;
    }

    /**
     * openEBGM's {@code negLLsquash} with N* = 1, negated: the weighted log of
     * P f1(n) / (1 - f1(0)) + (1 - P) f2(n) / (1 - f2(0)), each negative binomial truncated at zero on its own.
     */
    static double logLikelihood(List<Point> points, Prior prior) {
        double sum = 0;
        double logP = Math.log(prior.p());
        double logQ = Math.log1p(-prior.p());
        for (Point point : points) {
            double l1 = logP + logTruncatedNegBinomial(point.n(), prior.alpha1(), prior.beta1(), point.e());
            double l2 = logQ + logTruncatedNegBinomial(point.n(), prior.alpha2(), prior.beta2(), point.e());
            double max = Math.max(l1, l2);
            sum += point.weight() * (max + Math.log(Math.exp(l1 - max) + Math.exp(l2 - max)));
        }
        return Double.isFinite(sum) ? sum : Double.NEGATIVE_INFINITY;
    }

    /** log f(n) - log(1 - f(0)) for the negative binomial of size alpha and probability beta / (beta + e). */
    static double logTruncatedNegBinomial(long n, double alpha, double beta, double e) {
        // 1 - f(0) = 1 - (beta / (beta + e))^alpha = -expm1(-alpha log1p(e / beta))
        return logNegBinomial(n, alpha, beta, e) - Math.log(-Math.expm1(-alpha * Math.log1p(e / beta)));
    }

    /** Every usable cell as a point of weight 1. */
    static List<Point> points(List<Cell> cells) {
        return cells.stream()
                .filter(c -> c.n() >= 1 && c.e() > 0)
                .map(c -> new Point(c.n(), c.e(), 1))
                .toList();
    }

    /**
     * openEBGM's {@code autoSquash} with its defaults: for the k-th count (ascending) with more than 101 cells,
     * keep the 100, 75, 50, then 25 cells of largest E as they are and squash the rest into 50, 75, 150, 500, 750,
     * 1,000, 2,000 or 5,000 points (by how many there are: fewer than 500, 1e3, 1e4, 1e5, 5e5, 1e6, 5e6, more),
     * in bins of equal size of at least 2.
     */
    static List<Point> autoSquash(List<Cell> cells) {
        int[] keepPts = {100, 75, 50, 25};
        double[] cutOffs = {500, 1e3, 1e4, 1e5, 5e5, 1e6, 5e6};
        int[] superPts = {50, 75, 150, 500, 750, 1000, 2000, 5000};
        List<Point> points = points(cells);
        Map<Long, Long> byCount = new java.util.TreeMap<>();
        points.forEach(p -> byCount.merge(p.n(), 1L, Long::sum));
        int position = 0;
        for (Map.Entry<Long, Long> count : byCount.entrySet()) {
            if (count.getValue() <= keepPts[0] + 1) {
                continue;
            }
            int keep = keepPts[Math.min(position, keepPts.length - 1)];
            position++;
            long toSquash = count.getValue() - keep;
            int index = 0;
            while (index < cutOffs.length && toSquash >= cutOffs[index]) {
                index++;
            }
            int binSize = (int) Math.max(toSquash / superPts[index], 2);
            points = squash(points, count.getKey(), binSize, keep);
        }
        return points;
    }

    /**
     * openEBGM's {@code squashData}: the points with N = {@code count} sorted by E; all but the {@code keep} of
     * largest E averaged in consecutive bins of {@code binSize} (the last one partial), each weighted by its size.
     */
    static List<Point> squash(List<Point> points, long count, int binSize, int keep) {
        List<Point> out = new ArrayList<>();
        List<Point> same = new ArrayList<>();
        for (Point p : points) {
            (p.n() == count ? same : out).add(p);
        }
        same.sort(java.util.Comparator.comparingDouble(Point::e));
        int squashed = Math.max(0, same.size() - keep);
        for (int from = 0; from < squashed; from += binSize) {
            int to = Math.min(squashed, from + binSize);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += same.get(i).e();
            }
            out.add(new Point(count, sum / (to - from), to - from));
        }
        out.addAll(same.subList(squashed, same.size()));
        return out;
    }

    /**
     * Shapes and rates are kept within [1e-5, 1e5], P within [1e-6, 1 - 1e-6]: beyond them a component is a
     * point mass or flat, the likelihood barely changes, and gamma quantiles of huge shapes are slow to compute.
     */
    static final double LO = 1e-5;

    static final double HI = 1e5;
    private static final double LN_LO = Math.log(LO);
    private static final double LN_HI = Math.log(HI);
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
