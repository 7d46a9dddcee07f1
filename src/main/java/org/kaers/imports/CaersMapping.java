package org.kaers.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kaers.common.Violation;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;

/** How CAERS codes map to ours, in one place (see README, "Importing CAERS"). */
final class CaersMapping {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private CaersMapping() {}

    /** M/D/YYYY; empty is null. */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + value.strip() + "' is not M/D/YYYY");
        }
    }

    static ProductRole role(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "suspect", "s" -> ProductRole.SUSPECT;
            case "concomitant", "c" -> ProductRole.CONCOMITANT;
            default ->
                throw new IllegalArgumentException(
                        "product role '" + value.strip() + "' is not Suspect or Concomitant");
        };
    }

    /** Null for "Not Available" or an empty unit; an unknown unit is a data-quality problem and no age. */
    static AgeUnit ageUnit(String value, List<Violation> quality) {
        try {
            return ageUnit(value);
        } catch (IllegalArgumentException e) {
            quality.add(Violation.body("patient.age.unit", e.getMessage() + "; no age taken"));
            return null;
        }
    }

    /** Null for "Not Available" or an empty unit. */
    static AgeUnit ageUnit(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "year(s)", "years", "year" -> AgeUnit.YEAR;
            case "month(s)", "months", "month" -> AgeUnit.MONTH;
            case "week(s)", "weeks", "week" -> AgeUnit.WEEK;
            case "day(s)", "days", "day" -> AgeUnit.DAY;
            case "decade(s)", "decades", "decade" -> AgeUnit.DECADE;
            case "", "not available", "not reported", "unknown" -> null;
            default -> throw new IllegalArgumentException("age unit '" + value.strip() + "' is not a CAERS age unit");
        };
    }

    /** Null when not reported or not available; a number that is no age is an error. */
    static BigDecimal age(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal age = new BigDecimal(value.strip());
            if (age.signum() < 0) {
                throw new IllegalArgumentException("age '" + value.strip() + "' is negative");
            }
            return age;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("age '" + value.strip() + "' is not a number");
        }
    }

    /** An unknown gender is a data-quality problem and no sex. */
    static Sex sex(String value, List<Violation> quality) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "female", "f" -> Sex.FEMALE;
            case "male", "m" -> Sex.MALE;
            case "unknown", "u" -> Sex.UNKNOWN;
            case "", "not reported", "not available", "n/a" -> null;
            default -> {
                quality.add(Violation.body("patient.sex", "gender '" + value.strip() + "' is not a CAERS gender"));
                yield null;
            }
        };
    }

    /**
     * CAERS outcomes to seriousness criteria. SERIOUS INJURIES/ ILLNESS (serious, criterion not given) is
     * OTHER_MEDICALLY_IMPORTANT; NON-SERIOUS INJURIES/ ILLNESS, VISITED AN ER, VISITED A HEALTH CARE PROVIDER
     * and NONE add no criterion. An outcome we do not know adds no criterion and is a data-quality problem of the
     * case (it stays in the narrative), so nothing is silently dropped.
     */
    static Set<SeriousnessCriterion> criteria(List<String> outcomes, List<Violation> quality) {
        Set<SeriousnessCriterion> out = EnumSet.noneOf(SeriousnessCriterion.class);
        for (String outcome : outcomes) {
            String o = outcome.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            switch (o) {
                case "DEATH" -> out.add(SeriousnessCriterion.DEATH);
                case "LIFE THREATENING" -> out.add(SeriousnessCriterion.LIFE_THREATENING);
                case "HOSPITALIZATION" -> out.add(SeriousnessCriterion.HOSPITALIZATION);
                case "DISABILITY" -> out.add(SeriousnessCriterion.DISABILITY);
                case "CONGENITAL ANOMALY" -> out.add(SeriousnessCriterion.CONGENITAL_ANOMALY);
                case "REQ. INTERVENTION TO PRVNT PERM. IMPRMNT." -> out.add(SeriousnessCriterion.REQUIRED_INTERVENTION);
                case "OTHER SERIOUS (IMPORTANT MEDICAL EVENTS)",
                        "SERIOUS INJURIES/ ILLNESS",
                        "SERIOUS INJURIES/ILLNESS" -> out.add(SeriousnessCriterion.OTHER_MEDICALLY_IMPORTANT);
                case "NON-SERIOUS INJURIES/ ILLNESS",
                        "NON-SERIOUS INJURIES/ILLNESS",
                        "VISITED AN ER",
                        "VISITED A HEALTH CARE PROVIDER",
                        "NONE",
                        "" -> {
                    // not a seriousness criterion
                }
                default ->
                    quality.add(Violation.body(
                            "seriousnessCriteria",
                            "outcome '" + outcome.strip() + "' is not a CAERS outcome; kept in the narrative only"));
            }
        }
        return out;
    }

    /** A comma-separated list inside one field; blanks dropped, order and duplicates kept once. */
    static List<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return new ArrayList<>(out);
    }
}
