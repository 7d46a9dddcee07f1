package org.kaers.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;
import org.kaers.signals.GammaPoissonShrinker.Cell;
import org.kaers.signals.GammaPoissonShrinker.Prior;

class GammaPoissonShrinkerTest {

    /** openEBGM's CAERS example hyperparameters (DOMAIN.md). */
    private static final Prior CAERS = new Prior(3.25379356, 0.39988854, 2.02612692, 1.90807970, 0.06534557);

    @Test
    void posteriorMatchesTheReferenceValues() {
        GammaPoissonShrinker.Posterior strong = GammaPoissonShrinker.posterior(CAERS, 16, 0.40643623);
        assertThat(strong.ebgm()).isCloseTo(23.26, within(0.01));
        assertThat(strong.eb05()).isCloseTo(15.68, within(0.01));
        assertThat(strong.eb95()).isCloseTo(33.48, within(0.01));
        GammaPoissonShrinker.Posterior single = GammaPoissonShrinker.posterior(CAERS, 1, 0.0360548272);
        assertThat(single.qn()).isCloseTo(0.28197, within(1e-5));
        assertThat(single.ebgm()).isCloseTo(2.23, within(0.01));
        assertThat(single.eb05()).isCloseTo(0.49, within(0.01));
        assertThat(single.eb95()).isCloseTo(13.85, within(0.01));
    }

    @Test
    void posteriorOfEdgeCellsIsFinite() {
        for (long n : new long[] {0, 1, 1000}) {
            for (double e : new double[] {1e-9, 0.5, 5000}) {
                GammaPoissonShrinker.Posterior p = GammaPoissonShrinker.posterior(CAERS, n, e);
                assertThat(java.util.List.of(p.qn(), p.ebgm(), p.eb05(), p.eb95()))
                        .as(n + "/" + e)
                        .allSatisfy(v -> assertThat(v).isFinite());
                assertThat(p.eb05()).isLessThanOrEqualTo(p.ebgm());
                assertThat(p.ebgm()).isLessThanOrEqualTo(p.eb95());
            }
        }
    }

    @Test
    void fitRecoversAPriorFromDataDrawnFromIt() {
        // 3,000 cells from DuMouchel's model of the reported cells: a cell is of the first component with
        // probability P; its lambda from that gamma, N ~ Poisson(lambda E), drawn again until N >= 1 (each
        // component truncated at zero on its own).
        JDKRandomGenerator random = new JDKRandomGenerator(7);
        Random pick = new Random(11);
        GammaDistribution g1 = new GammaDistribution(random, CAERS.alpha1(), 1 / CAERS.beta1());
        GammaDistribution g2 = new GammaDistribution(random, CAERS.alpha2(), 1 / CAERS.beta2());
        List<Cell> cells = new ArrayList<>();
        while (cells.size() < 3000) {
            double e = Math.exp(pick.nextGaussian() * 1.5 - 1);
            GammaDistribution g = pick.nextDouble() < CAERS.p() ? g1 : g2;
            long n = 0;
            while (n == 0) {
                n = new PoissonDistribution(random, g.sample() * e, 1e-12, 10_000_000).sample();
            }
            cells.add(new Cell(n, e));
        }
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(cells);
        assertThat(fit.prior()).isNotNull();
        // The maximum found is at least as likely as the truth, and the truth is inside the fit's 99.9% likelihood
        // region (2 (LL_fit - LL_truth) below the chi-square(5) quantile 20.52): a wrong likelihood fails this.
        double atTruth = GammaPoissonShrinker.logLikelihood(GammaPoissonShrinker.merged(cells), CAERS);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(atTruth - 1e-6);
        assertThat(2 * (fit.logLikelihood() - atTruth)).isLessThan(20.52);
        assertThat(fit.converged()).isTrue();
        assertThat(fit.warnings()).isEmpty();
        // And gives a similar shrunk estimate for a strong cell.
        assertThat(GammaPoissonShrinker.posterior(fit.prior(), 16, 0.40643623).ebgm())
                .isCloseTo(23.26, within(6.0));
    }

    @Test
    void fitOfNothingSaysSo() {
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(List.of(new Cell(0, 1.0)));
        assertThat(fit.points()).isZero();
        assertThat(fit.converged()).isFalse();
    }

    @Test
    void eachComponentIsTruncatedAtZeroOnItsOwn() {
        // N = 1, E = 1. Component 1 NB(size 1, prob 1/2): f(1) = 1/4, f(0) = 1/2, truncated 1/2. Component 2
        // NB(size 2, prob 1/2): f(1) = 2 (1/2)^2 (1/2) = 1/4, f(0) = 1/4, truncated 1/3. With P = 1/2 the
        // likelihood is 1/2 * 1/2 + 1/2 * 1/3 = 5/12 (openEBGM, DuMouchel); truncating the mixture would give
        // (1/4) / (1 - 3/8) = 2/5.
        Prior prior = new Prior(1, 1, 2, 1, 0.5);
        double l = GammaPoissonShrinker.logLikelihood(List.of(new GammaPoissonShrinker.Point(1, 1, 1)), prior);
        assertThat(l).isCloseTo(Math.log(5.0 / 12), within(1e-12));
        // Weights multiply the log-likelihood.
        assertThat(GammaPoissonShrinker.logLikelihood(List.of(new GammaPoissonShrinker.Point(1, 1, 3)), prior))
                .isCloseTo(3 * Math.log(5.0 / 12), within(1e-12));
    }

    @Test
    void squashingBinsAsOpenEbgmDoes() {
        // 7 cells with N = 1, keep the 2 of largest E, bins of 2: (1,2) (3,4) (5) then 6 and 7 kept.
        List<GammaPoissonShrinker.Point> points = GammaPoissonShrinker.points(List.of(
                new Cell(1, 5),
                new Cell(1, 1),
                new Cell(1, 7),
                new Cell(1, 3),
                new Cell(1, 2),
                new Cell(1, 6),
                new Cell(1, 4),
                new Cell(2, 9)));
        List<GammaPoissonShrinker.Point> squashed = GammaPoissonShrinker.squash(points, 1, 2, 2);
        assertThat(squashed)
                .containsExactlyInAnyOrder(
                        new GammaPoissonShrinker.Point(2, 9, 1),
                        new GammaPoissonShrinker.Point(1, 1.5, 2),
                        new GammaPoissonShrinker.Point(1, 3.5, 2),
                        new GammaPoissonShrinker.Point(1, 5, 1),
                        new GammaPoissonShrinker.Point(1, 6, 1),
                        new GammaPoissonShrinker.Point(1, 7, 1));
    }

    @Test
    void tooLittleDataIsNoPrior() {
        // The 6-case database: a pair seen twice against 1.3 expected must not get EBGM 0.00002.
        List<Cell> few = List.of(
                new Cell(2, 1.3),
                new Cell(1, 0.7),
                new Cell(3, 2.1),
                new Cell(1, 1.4),
                new Cell(1, 0.3),
                new Cell(2, 0.9));
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(few);
        assertThat(fit.prior()).isNull();
        assertThat(fit.converged()).isFalse();
        assertThat(fit.cells()).isEqualTo(6);
        assertThat(fit.warnings()).singleElement().asString().startsWith("too little data: 6 product x reaction cells");
        // With the minimum lowered the fit runs, and says what is wrong with it.
        GammaPoissonShrinker.Fit forced = GammaPoissonShrinker.fit(few, 1);
        assertThat(forced.prior()).isNotNull();
    }

    @Test
    void aPriorOnABoundOrDegenerateSaysSo() {
        assertThat(GammaPoissonShrinker.diagnose(CAERS)).isEmpty();
        assertThat(GammaPoissonShrinker.diagnose(new Prior(1.0e-5, 9.9e4, 2, 2, 0.5)))
                .anySatisfy(w -> assertThat(w).startsWith("alpha1 1.0E-5 is on the bound"))
                .anySatisfy(w -> assertThat(w).startsWith("beta1 99000.0 is outside openEBGM's parameter space"));
        assertThat(GammaPoissonShrinker.diagnose(new Prior(0.0004, 0.03, 2, 2, 0.9999)))
                .singleElement()
                .asString()
                .startsWith("degenerate mixture: P");
        assertThat(GammaPoissonShrinker.diagnose(new Prior(2, 1, 2, 1, 0.3)))
                .containsExactly("degenerate mixture: the two components coincide");
    }
}
