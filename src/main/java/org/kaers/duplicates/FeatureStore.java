package org.kaers.duplicates;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Reads what linkage compares from the stored cases (latest versions of active cases), finds candidates by
 * blocking, and counts how often a value occurs. SQL over the report and vocabulary tables; reads only.
 */
@ApplicationScoped
class FeatureStore {

    private static final String LATEST = " from case_report c join case_version v on v.case_id = c.id"
            + " and v.version = c.current_version where c.status = 'ACTIVE'";
    private static final String LOT_KEY = NormalisedKeys.LOT_SQL;
    private static final String VENDOR_KEY = NormalisedKeys.VENDOR_SQL;
    private static final String PRODUCT_KEY = "coalesce('P' || pnc.product_id, 'N' || lower(p.name_reported))";
    private static final String REACTION_KEY = "coalesce('T' || vc.term_id, 'V' || lower(r.verbatim))";
    private static final String REF_KEY = "nullif(regexp_replace(upper(v.centre_reference), '[^A-Z0-9]', '', 'g'), '')";

    private final EntityManager em;

    FeatureStore(EntityManager em) {
        this.em = em;
    }

    Optional<CaseFeatures> features(long caseId) {
        List<CaseFeatures> found = features(List.of(caseId));
        return found.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    List<CaseFeatures> features(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("select c.id, c.case_number, v.patient_age_value, v.patient_age_unit,"
                + " v.patient_sex, v.reporter_country, v.centre_reference,"
                + " (select min(r.onset_date) from case_reaction r where r.case_version_id = v.id),"
                + " (select string_agg(distinct " + PRODUCT_KEY + ", '|') from case_product p"
                + "   left join product_name_coding pnc on pnc.name = p.name_reported where p.case_version_id = v.id),"
                + " (select string_agg(distinct " + VENDOR_KEY + ", '|') from case_product p where p.case_version_id = v.id),"
                + " (select string_agg(distinct " + LOT_KEY + ", '|') from case_product p where p.case_version_id = v.id),"
                + " (select string_agg(distinct " + REACTION_KEY + ", '|') from case_reaction r"
                + "   left join verbatim_coding vc on vc.verbatim = r.verbatim where r.case_version_id = v.id)"
                + LATEST + " and c.id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(","))).getResultList();
        return rows.stream().map(FeatureStore::toFeatures).toList();
    }

    /** Active cases sharing a centre reference or a lot with the case, or with an onset within a week of it. */
    @SuppressWarnings("unchecked")
    List<Long> candidates(CaseFeatures c, int max) {
        List<Number> ids = em.createNativeQuery("select c.id" + LATEST + " and c.id <> ?1 and ("
                + " (cast(?2 as text) is not null and " + REF_KEY + " = ?2)"
                + " or exists (select 1 from case_reaction r where r.case_version_id = v.id"
                + "    and r.onset_date between cast(?3 as date) - 7 and cast(?3 as date) + 7)"
                + " or exists (select 1 from case_product p where p.case_version_id = v.id"
                + "    and " + LOT_KEY + " = any(string_to_array(cast(?4 as text), '|'))))"
                + " order by c.received_at desc, c.id desc limit ?5")
                .setParameter(1, c.id())
                .setParameter(2, CaseFeatures.normaliseReference(c.centreReference()))
                .setParameter(3, c.onset() == null ? null : Date.valueOf(c.onset()))
                .setParameter(4, c.lots().isEmpty() ? null : String.join("|", c.lots()))
                .setParameter(5, max).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * How many pseudo-cases the prior shares weigh: a young database knows little, so its shares start from
     * priors shaped like the real data (DOMAIN.md: long tails of products and terms) and move to the counted
     * shares as cases accumulate.
     */
    static final double PRIOR_WEIGHT = 1000;
    private static final java.util.Map<LinkageField, Double> PRIOR = java.util.Map.of(
            LinkageField.SEX, 0.5, LinkageField.COUNTRY, 0.5, LinkageField.PRODUCTS, 0.01,
            LinkageField.VENDOR, 0.01, LinkageField.LOT, 0.001, LinkageField.REACTIONS, 0.02);

    /** The shares of the case's own values among active cases, and the spread of onsets. */
    Frequencies frequencies(CaseFeatures c) {
        return frequencies(c, new java.util.HashMap<>());
    }

    /**
     * The same, with the counts already made in this round of screening ({@code counts}, by query and value):
     * cases screened together share most of their values (sex, country, the common products and terms), and a
     * share that is a few cases stale weighs the same.
     */
    Frequencies frequencies(CaseFeatures c, java.util.Map<String, Double> counts) {
        double cases = counts.computeIfAbsent("cases", k -> ((Number) em.createNativeQuery("select count(*)" + LATEST)
                .getSingleResult()).doubleValue());
        double n = cases + PRIOR_WEIGHT;
        java.util.Map<String, Double> shares = new java.util.HashMap<>();
        if (c.sex() != null) {
            shares.put(LinkageField.SEX + c.sex(), smoothed(LinkageField.SEX,
                    count(counts, "select count(*)" + LATEST + " and v.patient_sex = ?1", c.sex()), n));
        }
        if (c.country() != null) {
            shares.put(LinkageField.COUNTRY + c.country(),
                    smoothed(LinkageField.COUNTRY, count(counts, "select count(*)" + LATEST + " and v.reporter_country = ?1",
                            c.country()), n));
        }
        for (String p : c.products()) {
            shares.put(LinkageField.PRODUCTS + p, smoothed(LinkageField.PRODUCTS, count(counts, "select count(distinct c.id)" + LATEST + " and exists (select 1"
                    + " from case_product p left join product_name_coding pnc on pnc.name = p.name_reported"
                    + " where p.case_version_id = v.id and " + PRODUCT_KEY + " = ?1)", p), n));
        }
        for (String vendor : c.vendors()) {
            shares.put(LinkageField.VENDOR + vendor, smoothed(LinkageField.VENDOR, count(counts, "select count(*)" + LATEST + " and exists (select 1"
                    + " from case_product p where p.case_version_id = v.id and " + VENDOR_KEY + " = ?1)", vendor), n));
        }
        for (String lot : c.lots()) {
            shares.put(LinkageField.LOT + lot, smoothed(LinkageField.LOT, count(counts, "select count(*)" + LATEST + " and exists (select 1"
                    + " from case_product p where p.case_version_id = v.id and " + LOT_KEY + " = ?1)", lot), n));
        }
        for (String term : c.reactions()) {
            shares.put(LinkageField.REACTIONS + term, smoothed(LinkageField.REACTIONS, count(counts, "select count(*)" + LATEST + " and exists (select 1"
                    + " from case_reaction r left join verbatim_coding vc on vc.verbatim = r.verbatim"
                    + " where r.case_version_id = v.id and " + REACTION_KEY + " = ?1)", term), n));
        }
        double spanDays = counts.computeIfAbsent("span", k -> {
            Object span = em.createNativeQuery("select max(onset_date) - min(onset_date) from case_reaction")
                    .getSingleResult();
            return span == null ? 365 : ((Number) span).doubleValue();
        });
        return new Frequencies() {
            @Override
            public double share(LinkageField field, String value) {
                // a value of the other case only: as rare as its prior says
                return shares.getOrDefault(field + value, smoothed(field, 1, n));
            }

            @Override
            public double onsetSpanDays() {
                return spanDays;
            }
        };
    }

    private static double smoothed(LinkageField field, double count, double n) {
        return (count + PRIOR_WEIGHT * PRIOR.get(field)) / n;
    }

    private double count(java.util.Map<String, Double> counts, String sql, String value) {
        return counts.computeIfAbsent(sql + '\u0000' + value,
                k -> ((Number) em.createNativeQuery(sql).setParameter(1, value).getSingleResult()).doubleValue());
    }

    private static CaseFeatures toFeatures(Object[] r) {
        Double age = r[2] == null ? null : years((BigDecimal) r[2], (String) r[3]);
        LocalDate onset = r[7] == null ? null : r[7] instanceof LocalDate d ? d : ((Date) r[7]).toLocalDate();
        return new CaseFeatures(((Number) r[0]).longValue(), (String) r[1], age, (String) r[4],
                r[5] == null ? null : r[5].toString().strip(), onset, split(r[8]), split(r[9]), split(r[10]),
                split(r[11]), (String) r[6]);
    }

    private static Set<String> split(Object joined) {
        if (joined == null) {
            return Set.of();
        }
        return Arrays.stream(joined.toString().split("\\|")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static double years(BigDecimal value, String unit) {
        double v = value.doubleValue();
        return switch (unit == null ? "YEAR" : unit) {
            case "DECADE" -> v * 10;
            case "MONTH" -> v / 12;
            case "WEEK" -> v / 52.18;
            case "DAY" -> v / 365.25;
            case "HOUR" -> v / 8766;
            default -> v;
        };
    }
}
