package org.kaers.duplicates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kaers.duplicates.model.NormalisedKeys;

/**
 * Reads what linkage compares from the stored cases (latest versions of active cases, as coded now), for a batch of
 * cases in one query. SQL over the report and vocabulary tables; reads only.
 */
@ApplicationScoped
class FeatureStore {

    private static final String LATEST = " from case_report c join case_version v on v.case_id = c.id"
            + " and v.version = c.current_version where c.status = 'ACTIVE'";
    private static final String LOT_KEY = NormalisedKeys.LOT_SQL;
    private static final String VENDOR_KEY = NormalisedKeys.VENDOR_SQL;
    private static final String PRODUCT_KEY = "coalesce('P' || pnc.product_id, 'N' || lower(p.name_reported))";
    private static final String REACTION_KEY = "coalesce('T' || vc.term_id, 'V' || lower(r.verbatim))";

    private final EntityManager em;

    FeatureStore(EntityManager em) {
        this.em = em;
    }

    Optional<CaseFeatures> features(long caseId) {
        List<CaseFeatures> found = features(List.of(caseId));
        return found.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    List<CaseFeatures> features(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select c.id, c.case_number, v.patient_age_value, v.patient_age_unit,"
                                + " v.patient_sex, v.reporter_country, v.centre_reference,"
                                + " (select min(r.onset_date) from case_reaction r where r.case_version_id = v.id),"
                                + " (select string_agg(distinct " + PRODUCT_KEY + ", '|') from case_product p"
                                + "   left join product_name_coding pnc on pnc.name = p.name_reported where p.case_version_id = v.id),"
                                + " (select string_agg(distinct " + VENDOR_KEY
                                + ", '|') from case_product p where p.case_version_id = v.id),"
                                + " (select string_agg(distinct " + LOT_KEY
                                + ", '|') from case_product p where p.case_version_id = v.id),"
                                + " (select string_agg(distinct " + REACTION_KEY + ", '|') from case_reaction r"
                                + "   left join verbatim_coding vc on vc.verbatim = r.verbatim where r.case_version_id = v.id)"
                                + LATEST + " and c.id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        return rows.stream().map(FeatureStore::toFeatures).toList();
    }

    private static CaseFeatures toFeatures(Object[] r) {
        Double age = r[2] == null ? null : years((BigDecimal) r[2], (String) r[3]);
        LocalDate onset = r[7] == null ? null : r[7] instanceof LocalDate d ? d : ((Date) r[7]).toLocalDate();
        return new CaseFeatures(
                ((Number) r[0]).longValue(),
                (String) r[1],
                age,
                (String) r[4],
                r[5] == null ? null : r[5].toString().strip(),
                onset,
                split(r[8]),
                split(r[9]),
                split(r[10]),
                split(r[11]),
                (String) r[6]);
    }

    private static Set<String> split(Object joined) {
        if (joined == null) {
            return Set.of();
        }
        return Arrays.stream(joined.toString().split("\\|"))
                .filter(s -> !s.isEmpty())
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
