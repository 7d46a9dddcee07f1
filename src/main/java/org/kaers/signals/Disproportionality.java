package org.kaers.signals;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * The frequentist and BCPNN measures of one 2x2 table of case counts (see DOMAIN.md): PRR with its 95% CI and
 * Yates chi-square, ROR with its 95% CI, the information component with its 95% credibility interval, and the
 * signal rules. Pure arithmetic, no state. A measure that the table does not define (a zero divisor, the log
 * of zero) is null, never NaN or infinity.
 */
final class Disproportionality {

    private static final double Z95 = 1.959963984540054;
    private static final double LN2 = Math.log(2);

    private Disproportionality() {}

    /** The counts: a cases with the product and the reaction, b with the product only, c with the reaction only, d neither. */
    public record Table(long a, long b, long c, long d) {

        public Table {
            if (a < 0 || b < 0 || c < 0 || d < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }

        public long n() {
            return a + b + c + d;
        }

        /** Expected a under independence: (a+b)(a+c)/N; null when N is 0. */
        public Double expected() {
            return n() == 0 ? null : (double) (a + b) * (a + c) / n();
        }
    }

    /** An estimate with its 95% interval; any part null when undefined. */
    public record Estimate(Double value, Double lower, Double upper) {}

    public static Estimate prr(Table t) {
        long withP = t.a + t.b;
        long withoutP = t.c + t.d;
        if (withP == 0 || withoutP == 0 || t.c == 0) {
            return new Estimate(null, null, null);
        }
        double prr = ((double) t.a / withP) / ((double) t.c / withoutP);
        if (t.a == 0) {
            return new Estimate(0.0, null, null);
        }
        double se = Math.sqrt(1.0 / t.a - 1.0 / withP + 1.0 / t.c - 1.0 / withoutP);
        return interval(prr, se);
    }

    public static Estimate ror(Table t) {
        if (t.b == 0 || t.c == 0) {
            return new Estimate(null, null, null);
        }
        double ror = ((double) t.a * t.d) / ((double) t.b * t.c);
        if (t.a == 0 || t.d == 0) {
            return new Estimate(ror, null, null);
        }
        double se = Math.sqrt(1.0 / t.a + 1.0 / t.b + 1.0 / t.c + 1.0 / t.d);
        return interval(ror, se);
    }

    /**
     * Chi-square with Yates' continuity correction, N max(0, |ad - bc| - N/2)^2 / [(a+b)(c+d)(a+c)(b+d)]: the
     * correction never takes the difference below 0 (a table closer to independence than N/2 gives 0, not a
     * positive value); null when a margin is 0.
     */
    public static Double chiSquareYates(Table t) {
        double n = t.n();
        double denominator = (double) (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d);
        if (denominator == 0) {
            return null;
        }
        double difference = Math.max(0, Math.abs((double) t.a * t.d - (double) t.b * t.c) - n / 2);
        return n * difference * difference / denominator;
    }

    /** IC = log2((a + 0.5) / (E0 + 0.5)) with the 2.5% and 97.5% quantiles of Gamma(a + 0.5, rate E0 + 0.5). */
    public static Estimate informationComponent(Table t) {
        Double e0 = t.expected();
        if (e0 == null) {
            return new Estimate(null, null, null);
        }
        double shape = t.a + 0.5;
        double rate = e0 + 0.5;
        GammaDistribution posterior = new GammaDistribution(null, shape, 1 / rate);
        return new Estimate(
                log2(shape / rate),
                log2(posterior.inverseCumulativeProbability(0.025)),
                log2(posterior.inverseCumulativeProbability(0.975)));
    }

    /** Evans et al.: a >= 3, PRR >= 2 and Yates chi-square >= 4. */
    public static boolean evansSignal(Table t, Estimate prr, Double chi2) {
        return t.a >= 3 && prr.value() != null && prr.value() >= 2 && chi2 != null && chi2 >= 4;
    }

    /** ROR: lower 95% bound above 1 with a >= 3. */
    public static boolean rorSignal(Table t, Estimate ror) {
        return t.a >= 3 && ror.lower() != null && ror.lower() > 1;
    }

    /** BCPNN: IC025 above 0. */
    public static boolean icSignal(Estimate ic) {
        return ic.lower() != null && ic.lower() > 0;
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    private static Estimate interval(double value, double se) {
        double ln = Math.log(value);
        return new Estimate(value, Math.exp(ln - Z95 * se), Math.exp(ln + Z95 * se));
    }
}
