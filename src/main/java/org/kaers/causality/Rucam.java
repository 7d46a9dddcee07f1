package org.kaers.causality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kaers.causality.model.RucamAnswer;
import org.kaers.causality.model.RucamBand;
import org.kaers.causality.model.RucamItem;
import org.kaers.causality.model.RucamResult;
import org.kaers.causality.model.RucamScale;
import org.kaers.report.model.ActionTaken;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.ChallengeResult;
import org.kaers.report.model.LiverInjury;
import org.kaers.report.model.Sex;

/**
 * RUCAM 2016 (Danan and Teschke, Int J Mol Sci 2016;17:14): the one place its items are computed and summed.
 * Every item the case can answer is computed from it; a reviewer's answer takes precedence; what neither
 * gives is listed in {@link RucamResult#itemsToAnswer()}.
 * <ul>
 * <li>Scale: R at onset = (ALT/ULN)/(ALP/ULN) on the earliest date both were measured (else of the peaks);
 * R >= 5 hepatocellular, otherwise cholestatic or mixed. Applies when peak ALT >= 5 x ULN or ALP >= 2 x ULN.</li>
 * <li>Time to onset: onset before the start, or more than 15 (hepatocellular) / 30 days after the stop:
 * unrelated. With a start date: 5-90 days +2, otherwise +1; without one, onset after the stop within the
 * window +1 (RUCAM's "alternative" rule for when the start is not known).</li>
 * <li>Course: the excess over ULN after the stop (ALT; ALP, else bilirubin, on the other scale), counted
 * from the stop date: the first value at or below half the peak excess dates the fall.</li>
 * </ul>
 */
final class Rucam {

    static final String METHOD = "RUCAM_2016";
    private static final String ALT = "ALT";
    private static final String ALP = "ALP";
    private static final String BILIRUBIN = "TOTAL_BILIRUBIN";
    private static final BigDecimal HEPATOCELLULAR_FROM = BigDecimal.valueOf(5);

    private Rucam() {}

    /** What the service knows about the case beyond the report: whether the product's substance is a known hepatotoxin. */
    record Context(boolean publishedHepatotoxin, Boolean heavyAlcohol) {}

    static RucamResult assess(
            CaseReportRequest report,
            int caseVersion,
            int productIndex,
            int reactionIndex,
            Context context,
            RucamScale requestedScale,
            Map<RucamItem, RucamAnswer> reviewerAnswers) {
        List<CaseReportRequest.Lab> labs = report.labs() == null ? List.of() : report.labs();
        BigDecimal r = rAtOnset(labs);
        boolean applicable = applicable(labs);
        RucamScale scale = requestedScale;
        String scaleSource = "REVIEWER";
        if (scale == null && r != null) {
            scale = r.compareTo(HEPATOCELLULAR_FROM) >= 0 ? RucamScale.HEPATOCELLULAR : RucamScale.CHOLESTATIC_OR_MIXED;
            scaleSource = "R_RATIO";
        }
        BigDecimal shownR = r == null ? null : plain(r.setScale(3, RoundingMode.HALF_UP));
        if (scale == null || !applicable) {
            return new RucamResult(
                    METHOD,
                    caseVersion,
                    applicable,
                    shownR,
                    scale,
                    scale == null ? null : scaleSource,
                    List.of(),
                    List.of(),
                    null,
                    applicable ? null : RucamBand.EXCLUDED);
        }
        CaseReportRequest.Product product = report.products().get(productIndex);
        CaseReportRequest.Reaction reaction = report.reactions().get(reactionIndex);
        Map<RucamItem, Computed> computed = new EnumMap<>(RucamItem.class);
        computed.put(RucamItem.TIME_TO_ONSET, timeToOnset(product, reaction.onsetDate(), scale));
        computed.put(RucamItem.COURSE, course(labs, product, scale));
        computed.put(
                RucamItem.ALCOHOL,
                context.heavyAlcohol() == null
                        ? null
                        : new Computed(
                                context.heavyAlcohol() ? RucamAnswer.ALCOHOL_YES : RucamAnswer.ALCOHOL_NO,
                                "from the patient's history"));
        computed.put(RucamItem.AGE, age(report.patient()));
        computed.put(RucamItem.PREGNANCY, pregnancy(report.patient()));
        computed.put(RucamItem.CONCOMITANT, concomitant(report.products(), productIndex, reaction.onsetDate(), scale));
        computed.put(RucamItem.ALTERNATIVE_CAUSES, null);
        computed.put(
                RucamItem.KNOWN_HEPATOTOXICITY,
                context.publishedHepatotoxin()
                        ? new Computed(
                                RucamAnswer.HEPATOTOXICITY_PUBLISHED_UNLABELLED,
                                "kratom products: hepatotoxicity published but not labelled")
                        : null);
        computed.put(RucamItem.RECHALLENGE, rechallenge(product));

        List<RucamResult.Item> items = new ArrayList<>();
        List<RucamItem> missing = new ArrayList<>();
        int total = 0;
        boolean unrelated = false;
        for (RucamItem item : RucamItem.values()) {
            if (!item.onScale(scale)) {
                continue;
            }
            RucamAnswer answer = reviewerAnswers == null ? null : reviewerAnswers.get(item);
            if (answer != null && (answer.item() != item || !answer.allowedOn(scale))) {
                answer = null; // not an answer to this item on this scale: the caller reports it
            }
            String source = "REVIEWER";
            Computed fromCase = computed.get(item);
            String basis = fromCase == null ? null : fromCase.basis();
            if (answer == null && fromCase != null && fromCase.answer() != null) {
                answer = fromCase.answer();
                source = "CASE";
            }
            if (answer == null) {
                missing.add(item);
                items.add(new RucamResult.Item(item, null, null, null, basis));
                continue;
            }
            int points = answer.points(scale);
            total += points;
            unrelated |= answer == RucamAnswer.ONSET_UNRELATED;
            items.add(new RucamResult.Item(item, answer, points, source, basis));
        }
        Integer score = missing.isEmpty() && !unrelated ? total : null;
        RucamBand band = unrelated ? RucamBand.EXCLUDED : score == null ? null : RucamBand.of(score);
        return new RucamResult(METHOD, caseVersion, true, shownR, scale, scaleSource, items, missing, score, band);
    }

    /** A computed answer (null when the case does not allow one) and why. */
    private record Computed(RucamAnswer answer, String basis) {}

    private static Computed timeToOnset(CaseReportRequest.Product product, LocalDate onset, RucamScale scale) {
        int window = scale == RucamScale.HEPATOCELLULAR ? 15 : 30;
        if (onset == null) {
            return new Computed(null, "the reaction has no onset date");
        }
        LocalDate start = product.startDate();
        LocalDate stop = product.stopDate();
        if (start != null && onset.isBefore(start)) {
            return new Computed(RucamAnswer.ONSET_UNRELATED, "onset before the product was started");
        }
        if (stop != null && ChronoUnit.DAYS.between(stop, onset) > window) {
            return new Computed(
                    RucamAnswer.ONSET_UNRELATED,
                    "onset " + ChronoUnit.DAYS.between(stop, onset) + " days after the stop (window " + window + ")");
        }
        if (start != null) {
            long days = ChronoUnit.DAYS.between(start, onset);
            return new Computed(
                    days >= 5 && days <= 90
                            ? RucamAnswer.ONSET_5_TO_90_DAYS
                            : RucamAnswer.ONSET_UNDER_5_OR_OVER_90_DAYS,
                    "onset " + days + " days after the start");
        }
        if (stop != null && onset.isAfter(stop)) {
            return new Computed(
                    RucamAnswer.ONSET_AFTER_STOP_IN_WINDOW,
                    "onset " + ChronoUnit.DAYS.between(stop, onset) + " days after the stop; start not known");
        }
        return new Computed(null, "the product has no start date");
    }

    private static Computed course(
            List<CaseReportRequest.Lab> labs, CaseReportRequest.Product product, RucamScale scale) {
        LocalDate stop = product.stopDate();
        if (stop == null) {
            String why = product.actionTaken() == ActionTaken.DOSE_NOT_CHANGED
                    ? "the product was continued"
                    : "the product has no stop date";
            return new Computed(RucamAnswer.COURSE_NO_INFORMATION, why);
        }
        if (scale == RucamScale.HEPATOCELLULAR) {
            Optional<Fall> fall = fall(labs, ALT, stop);
            if (fall.isEmpty()) {
                return new Computed(RucamAnswer.COURSE_NO_INFORMATION, "no dated ALT with ULN after the peak");
            }
            Fall f = fall.get();
            if (f.daysToHalf() != null) {
                RucamAnswer a = f.daysToHalf() <= 8
                        ? RucamAnswer.ALT_FALL_50_WITHIN_8_DAYS
                        : f.daysToHalf() <= 30
                                ? RucamAnswer.ALT_FALL_50_WITHIN_30_DAYS
                                : RucamAnswer.ALT_FALL_50_AFTER_30_DAYS;
                return new Computed(a, "ALT excess over ULN halved " + f.daysToHalf() + " days after the stop");
            }
            if (f.lastDay() > 30) {
                return new Computed(
                        RucamAnswer.ALT_FALL_UNDER_50_AFTER_30_DAYS_OR_RISE,
                        "ALT excess over ULN not halved by day " + f.lastDay() + " after the stop");
            }
            return new Computed(
                    RucamAnswer.COURSE_NO_INFORMATION,
                    "ALT followed only to day " + f.lastDay() + " after the stop, not yet halved");
        }
        Computed best = null;
        for (String code : List.of(ALP, BILIRUBIN)) {
            Optional<Fall> fall = fall(labs, code, stop);
            if (fall.isEmpty()) {
                continue;
            }
            Fall f = fall.get();
            Computed c;
            if (f.daysToHalf() != null && f.daysToHalf() <= 180) {
                c = new Computed(
                        RucamAnswer.ALP_FALL_50_WITHIN_180_DAYS,
                        code + " excess over ULN halved " + f.daysToHalf() + " days after the stop");
            } else if (f.fellWithin180()) {
                c = new Computed(
                        RucamAnswer.ALP_FALL_UNDER_50_WITHIN_180_DAYS,
                        code + " excess over ULN fell by less than half within 180 days of the stop");
            } else {
                c = new Computed(
                        RucamAnswer.ALP_PERSISTENT_OR_RISING,
                        code + " excess over ULN did not fall within 180 days of the stop");
            }
            if (best == null || c.answer().points(scale) > best.answer().points(scale)) {
                best = c;
            }
        }
        return best != null
                ? best
                : new Computed(RucamAnswer.COURSE_NO_INFORMATION, "no dated ALP or bilirubin with ULN after the peak");
    }

    /** The course of one test after its peak: days from the stop to the first value at half the peak excess or below. */
    private record Fall(Integer daysToHalf, long lastDay, boolean fellWithin180) {}

    private static Optional<Fall> fall(List<CaseReportRequest.Lab> labs, String code, LocalDate stop) {
        List<CaseReportRequest.Lab> series = labs.stream()
                .filter(l -> code.equals(l.testCode())
                        && l.date() != null
                        && l.upperLimitOfNormal() != null
                        && l.upperLimitOfNormal().signum() > 0)
                .sorted(Comparator.comparing(CaseReportRequest.Lab::date))
                .toList();
        if (series.size() < 2) {
            return Optional.empty();
        }
        CaseReportRequest.Lab peak =
                series.stream().max(Comparator.comparing(Rucam::excess)).orElseThrow();
        BigDecimal peakExcess = excess(peak);
        if (peakExcess.signum() <= 0) {
            return Optional.empty();
        }
        // a fall counts only once the product was stopped: values while it was still taken are not a dechallenge
        List<CaseReportRequest.Lab> after = series.stream()
                .filter(l -> l.date().isAfter(peak.date()) && !l.date().isBefore(stop))
                .toList();
        if (after.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal half = peakExcess.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
        Integer daysToHalf = null;
        boolean fellWithin180 = false;
        for (CaseReportRequest.Lab l : after) {
            long days = ChronoUnit.DAYS.between(stop, l.date());
            if (days <= 180 && excess(l).compareTo(peakExcess) < 0) {
                fellWithin180 = true;
            }
            if (daysToHalf == null && excess(l).compareTo(half) <= 0) {
                daysToHalf = Math.toIntExact(days);
            }
        }
        long lastDay = ChronoUnit.DAYS.between(stop, after.get(after.size() - 1).date());
        return Optional.of(new Fall(daysToHalf, lastDay, fellWithin180));
    }

    /** The excess over the upper limit of normal, as a multiple of it: value/ULN - 1. */
    private static BigDecimal excess(CaseReportRequest.Lab lab) {
        return lab.value()
                .divide(lab.upperLimitOfNormal(), MathContext.DECIMAL64)
                .subtract(BigDecimal.ONE);
    }

    private static Computed age(CaseReportRequest.Patient patient) {
        if (patient.age() != null) {
            BigDecimal years = switch (patient.age().unit()) {
                case DECADE -> patient.age().value().multiply(BigDecimal.TEN);
                case YEAR -> patient.age().value();
                default -> BigDecimal.ZERO; // months, weeks, days, hours: a child
            };
            boolean older = years.compareTo(BigDecimal.valueOf(55)) >= 0;
            return new Computed(older ? RucamAnswer.AGE_55_OR_OVER : RucamAnswer.AGE_UNDER_55, "from the age");
        }
        AgeGroup group = patient.ageGroup();
        if (group == null) {
            return new Computed(null, "no age or age group");
        }
        return switch (group) {
            case ELDERLY -> new Computed(RucamAnswer.AGE_55_OR_OVER, "age group ELDERLY (65 or over)");
            case ADULT -> new Computed(null, "age group ADULT (18-64) does not tell whether 55 or over");
            default -> new Computed(RucamAnswer.AGE_UNDER_55, "age group " + group);
        };
    }

    private static Computed pregnancy(CaseReportRequest.Patient patient) {
        if (Boolean.TRUE.equals(patient.pregnant())) {
            return new Computed(RucamAnswer.PREGNANT, "pregnant at exposure");
        }
        if (Boolean.FALSE.equals(patient.pregnant())) {
            return new Computed(RucamAnswer.NOT_PREGNANT, "not pregnant at exposure");
        }
        if (patient.sex() == Sex.MALE) {
            return new Computed(RucamAnswer.NOT_PREGNANT, "male patient");
        }
        return new Computed(null, "pregnancy not reported");
    }

    private static Computed concomitant(
            List<CaseReportRequest.Product> products, int assessed, LocalDate onset, RucamScale scale) {
        int window = scale == RucamScale.HEPATOCELLULAR ? 15 : 30;
        int compatible = 0;
        int incompatible = 0;
        int unknown = 0;
        for (int i = 0; i < products.size(); i++) {
            if (i == assessed) {
                continue;
            }
            CaseReportRequest.Product p = products.get(i);
            if (onset == null) {
                unknown++;
            } else if ((p.startDate() != null && p.startDate().isAfter(onset))
                    || (p.stopDate() != null && ChronoUnit.DAYS.between(p.stopDate(), onset) > window)) {
                incompatible++;
            } else if (p.startDate() != null) {
                compatible++;
            } else {
                unknown++;
            }
        }
        if (compatible > 0) {
            return new Computed(
                    RucamAnswer.CONCOMITANT_COMPATIBLE_TIMING,
                    compatible + " other product(s) taken at a time compatible with the onset");
        }
        if (unknown > 0) {
            return new Computed(null, unknown + " other product(s) without the dates to judge their timing");
        }
        if (incompatible > 0) {
            return new Computed(
                    RucamAnswer.CONCOMITANT_INCOMPATIBLE_TIMING, "other products' timing incompatible with the onset");
        }
        return new Computed(RucamAnswer.CONCOMITANT_NONE, "no other product reported");
    }

    private static Computed rechallenge(CaseReportRequest.Product product) {
        ChallengeResult r = product.rechallenge();
        if (r == ChallengeResult.POSITIVE) {
            return new Computed(null, "rechallenge POSITIVE: say whether ALT (ALP) doubled with the product alone");
        }
        return new Computed(RucamAnswer.RECHALLENGE_OTHER, "rechallenge " + (r == null ? "not reported" : r.name()));
    }

    /** R at onset: the earliest date with both ALT and ALP (with ULN); else the peaks' R from the liver assessment. */
    static BigDecimal rAtOnset(List<CaseReportRequest.Lab> labs) {
        Optional<LocalDate> first = labs.stream()
                .filter(l -> ALT.equals(l.testCode()) && hasUln(l) && l.date() != null)
                .map(CaseReportRequest.Lab::date)
                .filter(d -> labs.stream().anyMatch(o -> ALP.equals(o.testCode()) && hasUln(o) && d.equals(o.date())))
                .min(LocalDate::compareTo);
        if (first.isPresent()) {
            BigDecimal alt = multiple(labs, ALT, first.get());
            BigDecimal alp = multiple(labs, ALP, first.get());
            return alp.signum() > 0 ? alt.divide(alp, MathContext.DECIMAL64) : null;
        }
        LiverInjury liver = LiverInjury.assess(labs);
        return liver == null ? null : liver.rRatio();
    }

    /** RUCAM applies to liver injury: peak ALT >= 5 x ULN or peak ALP >= 2 x ULN. */
    static boolean applicable(List<CaseReportRequest.Lab> labs) {
        return labs.stream().filter(Rucam::hasUln).anyMatch(l -> {
            BigDecimal m = l.value().divide(l.upperLimitOfNormal(), MathContext.DECIMAL64);
            return (ALT.equals(l.testCode()) && m.compareTo(BigDecimal.valueOf(5)) >= 0)
                    || (ALP.equals(l.testCode()) && m.compareTo(BigDecimal.valueOf(2)) >= 0);
        });
    }

    private static BigDecimal multiple(List<CaseReportRequest.Lab> labs, String code, LocalDate date) {
        return labs.stream()
                .filter(l -> code.equals(l.testCode()) && hasUln(l) && date.equals(l.date()))
                .map(l -> l.value().divide(l.upperLimitOfNormal(), MathContext.DECIMAL64))
                .max(BigDecimal::compareTo)
                .orElseThrow();
    }

    private static boolean hasUln(CaseReportRequest.Lab l) {
        return l.upperLimitOfNormal() != null && l.upperLimitOfNormal().signum() > 0 && Objects.nonNull(l.value());
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
