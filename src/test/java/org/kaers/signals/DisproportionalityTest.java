package org.kaers.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.kaers.signals.Disproportionality.Estimate;
import org.kaers.signals.Disproportionality.Table;

/** The reference values of DOMAIN.md, and tables the measures do not define. */
class DisproportionalityTest {

    private static final Table REFERENCE = new Table(10, 90, 40, 9860);

    @Test
    void prrWithConfidenceInterval() {
        Estimate prr = Disproportionality.prr(REFERENCE);
        assertThat(prr.value()).isCloseTo(24.75, within(1e-3));
        assertThat(prr.lower()).isCloseTo(12.74, within(5e-3));
        assertThat(prr.upper()).isCloseTo(48.10, within(5e-3));
    }

    @Test
    void rorWithConfidenceInterval() {
        Estimate ror = Disproportionality.ror(REFERENCE);
        assertThat(ror.value()).isCloseTo(27.39, within(5e-3));
        assertThat(ror.lower()).isCloseTo(13.29, within(5e-3));
        assertThat(ror.upper()).isCloseTo(56.46, within(5e-3));
    }

    @Test
    void yatesChiSquareAndExpected() {
        assertThat(Disproportionality.chiSquareYates(REFERENCE)).isCloseTo(164.46, within(5e-3));
        assertThat(REFERENCE.expected()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void informationComponentAndCredibilityInterval() {
        Estimate ic = Disproportionality.informationComponent(REFERENCE);
        assertThat(ic.value()).isCloseTo(3.392, within(1e-3));
        assertThat(ic.lower()).isCloseTo(2.362, within(1e-3));
        assertThat(ic.upper()).isGreaterThan(ic.value());
        // a = 12 with E0 = 5: a table with (a+b)(a+c)/N = 5.
        Estimate other = Disproportionality.informationComponent(new Table(12, 88, 38, 862));
        assertThat(new Table(12, 88, 38, 862).expected()).isCloseTo(5.0, within(1e-12));
        assertThat(other.lower()).isCloseTo(0.2542, within(1e-3));
    }

    @Test
    void signalRules() {
        Estimate prr = Disproportionality.prr(REFERENCE);
        assertThat(Disproportionality.evansSignal(REFERENCE, prr, Disproportionality.chiSquareYates(REFERENCE)))
                .isTrue();
        assertThat(Disproportionality.rorSignal(REFERENCE, Disproportionality.ror(REFERENCE)))
                .isTrue();
        assertThat(Disproportionality.icSignal(Disproportionality.informationComponent(REFERENCE)))
                .isTrue();
        // Proportional reporting: no signal.
        Table even = new Table(10, 90, 100, 900);
        assertThat(Disproportionality.evansSignal(
                        even, Disproportionality.prr(even), Disproportionality.chiSquareYates(even)))
                .isFalse();
        assertThat(Disproportionality.rorSignal(even, Disproportionality.ror(even)))
                .isFalse();
        // Two cases are never an Evans or ROR signal, however strong.
        Table two = new Table(2, 0, 0, 10_000);
        assertThat(Disproportionality.evansSignal(
                        two, Disproportionality.prr(two), Disproportionality.chiSquareYates(two)))
                .isFalse();
    }

    @Test
    void yatesCorrectionIsFlooredAtZero() {
        // ad - bc = 10*900 - 90*100 = 0: independent, so chi-square is 0 (without the floor (0 - 550)^2 gave 2.4).
        assertThat(Disproportionality.chiSquareYates(new Table(10, 90, 100, 900)))
                .isZero();
        // |ad - bc| = |2*8 - 3*7| = 5 < N/2 = 10: 0, not N (5 - 10)^2 / (5*15*9*11) = 0.0539.
        assertThat(Disproportionality.chiSquareYates(new Table(2, 3, 7, 8))).isZero();
        // Just above N/2: |1*20 - 1*1| = 19 > 11.5: 23 (19 - 11.5)^2 / (2*21*2*21) = 0.7334.
        assertThat(Disproportionality.chiSquareYates(new Table(1, 1, 1, 20)))
                .isCloseTo(23 * 7.5 * 7.5 / (2.0 * 21 * 2 * 21), within(1e-12));
    }

    @Test
    void undefinedMeasuresAreNullNeverNaNOrInfinite() {
        // a = 0: PRR and ROR are 0 without an interval; IC is defined (shrinkage).
        Table noA = new Table(0, 50, 40, 9910);
        assertThat(Disproportionality.prr(noA)).isEqualTo(new Estimate(0.0, null, null));
        assertThat(Disproportionality.ror(noA)).isEqualTo(new Estimate(0.0, null, null));
        assertThat(Disproportionality.informationComponent(noA).value()).isNegative();
        // b = 0 (every case with the product has the reaction): ROR undefined, PRR defined.
        Table noB = new Table(5, 0, 40, 9955);
        assertThat(Disproportionality.ror(noB)).isEqualTo(new Estimate(null, null, null));
        assertThat(Disproportionality.prr(noB).value()).isFinite();
        // c = 0 (only this product has the reaction): PRR and ROR undefined.
        Table noC = new Table(5, 45, 0, 9950);
        assertThat(Disproportionality.prr(noC)).isEqualTo(new Estimate(null, null, null));
        assertThat(Disproportionality.ror(noC)).isEqualTo(new Estimate(null, null, null));
        assertThat(Disproportionality.chiSquareYates(noC)).isFinite();
        // A single product in the database: c + d = 0.
        Table alone = new Table(3, 7, 0, 0);
        assertThat(Disproportionality.prr(alone)).isEqualTo(new Estimate(null, null, null));
        assertThat(Disproportionality.chiSquareYates(alone)).isNull();
        assertThat(Disproportionality.informationComponent(alone).value()).isFinite();
        // Nothing at all.
        Table empty = new Table(0, 0, 0, 0);
        assertThat(Disproportionality.informationComponent(empty)).isEqualTo(new Estimate(null, null, null));
        assertThat(Disproportionality.chiSquareYates(empty)).isNull();
    }
}
