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
                assertThat(java.util.List.of(p.qn(), p.ebgm(), p.eb05(), p.eb95())).as(n + "/" + e)
                        .allSatisfy(v -> assertThat(v).isFinite());
                assertThat(p.eb05()).isLessThanOrEqualTo(p.ebgm());
                assertThat(p.ebgm()).isLessThanOrEqualTo(p.eb95());
            }
        }
    }

    @Test
    void fitRecoversAPriorFromDataDrawnFromIt() {
        // 4,000 cells: lambda from the CAERS prior, N ~ Poisson(lambda E), keep N >= 1.
        JDKRandomGenerator random = new JDKRandomGenerator(7);
        Random pick = new Random(11);
        GammaDistribution g1 = new GammaDistribution(random, CAERS.alpha1(), 1 / CAERS.beta1());
        GammaDistribution g2 = new GammaDistribution(random, CAERS.alpha2(), 1 / CAERS.beta2());
        List<Cell> cells = new ArrayList<>();
        while (cells.size() < 4000) {
            double e = Math.exp(pick.nextGaussian() * 1.5 - 1);
            double lambda = pick.nextDouble() < CAERS.p() ? g1.sample() : g2.sample();
            long n = new PoissonDistribution(random, lambda * e, 1e-12, 10_000_000).sample();
            if (n >= 1) {
                cells.add(new Cell(n, e));
            }
        }
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(cells);
        assertThat(fit.prior()).isNotNull();
        assertThat(fit.points()).isLessThan(cells.size()); // squashed
        // The maximum found is at least as likely as the truth (on the same squashed points).
        double atTruth = GammaPoissonShrinker.logLikelihood(GammaPoissonShrinker.squash(cells), CAERS);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(atTruth - 1e-6);
        assertThat(fit.converged()).isTrue();
        // And gives nearly the same shrunk estimate for a strong cell.
        assertThat(GammaPoissonShrinker.posterior(fit.prior(), 16, 0.40643623).ebgm()).isCloseTo(23.26, within(4.0));
    }

    @Test
    void fitOfNothingSaysSo() {
        GammaPoissonShrinker.Fit fit = GammaPoissonShrinker.fit(List.of(new Cell(0, 1.0)));
        assertThat(fit.points()).isZero();
        assertThat(fit.converged()).isFalse();
    }
}
