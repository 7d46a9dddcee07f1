package org.kaers.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.common.PageRequest;

/**
 * The eDISH read (evaluation of drug-induced serious hepatotoxicity; FDA, Watkins 2011): per case, the peak ALT and
 * the peak total bilirubin of its latest version as multiples of their upper limits of normal (the same peak
 * multiples {@code report.LiverInjury} derives from), and the quadrant the case falls in against the 3 x ULN ALT
 * and 2 x ULN bilirubin lines. A row per case: reviewers and administrators only (Disclosure.OPERATIONS).
 */
@ApplicationScoped
public class LiverPeaks {

    static final BigDecimal ALT_LINE = BigDecimal.valueOf(3);
    static final BigDecimal BILIRUBIN_LINE = BigDecimal.valueOf(2);

    /** Where a case lies on the eDISH plot. */
    public enum Quadrant {
        /** ALT >= 3 x ULN and bilirubin > 2 x ULN: potential Hy's law (ALP decides, see hysLaw). */
        POTENTIAL_HYS_LAW,
        /** ALT >= 3 x ULN, bilirubin <= 2 x ULN: hepatocellular injury without jaundice (Temple's corollary). */
        TEMPLE_CORNER,
        /** ALT < 3 x ULN, bilirubin > 2 x ULN: hyperbilirubinaemia or cholestasis. */
        HYPERBILIRUBINAEMIA,
        /** Neither. */
        NORMAL_RANGE;

        static Quadrant of(BigDecimal alt, BigDecimal bilirubin) {
            boolean highAlt = alt.compareTo(ALT_LINE) >= 0;
            boolean highBilirubin = bilirubin.compareTo(BILIRUBIN_LINE) > 0;
            return highAlt
                    ? (highBilirubin ? POTENTIAL_HYS_LAW : TEMPLE_CORNER)
                    : highBilirubin ? HYPERBILIRUBINAEMIA : NORMAL_RANGE;
        }
    }

    @Schema(name = "LiverPeakMeta", description = "What the peaks are and how far the data goes.")
    public record Meta(
            @Schema(description = "Spontaneous reports cannot show causation or incidence.")
            String caution,

            @Schema(description = "The ALT line of the plot, in multiples of ULN.", examples = "3")
            BigDecimal altLine,

            @Schema(description = "The total bilirubin line, in multiples of ULN.", examples = "2")
            BigDecimal bilirubinLine,

            @Schema(description = "When case data last changed (latest receipt, follow-up or nullification).")
            Instant lastUpdated) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "LiverPeakCase", description = "One case's peak liver tests (latest version) as multiples of ULN.")
    public record Case(
            @Schema(examples = "KAE-2026-000123") String caseNumber,

            @Schema(description = "Peak ALT / ULN.", examples = "11.5")
            BigDecimal altXUln,

            @Schema(description = "Peak AST / ULN; null when not measured with a ULN.", examples = "8.2")
            BigDecimal astXUln,

            @Schema(description = "Peak ALP / ULN; null when not measured with a ULN.", examples = "1.1")
            BigDecimal alpXUln,

            @Schema(description = "Peak total bilirubin / ULN.", examples = "3.4")
            BigDecimal bilirubinXUln,

            @Schema(
                    description =
                            "Hy's law as derived for the case (ALP taken into account); null when not assessable.")
            Boolean hysLaw,

            @Schema(description = "Injury pattern as derived (R ratio).", examples = "HEPATOCELLULAR")
            String pattern,

            Quadrant quadrant) {}

    @Schema(name = "LiverPeakTable", description = "A page of cases with both a peak ALT and a peak total bilirubin.")
    public record Table(
            Meta meta,
            List<Case> items,
            @Schema(examples = "0") int page,
            @Schema(examples = "100") int size,
            @Schema(examples = "37") long totalItems,
            @Schema(examples = "1") int totalPages) {}

    private static final String PEAKS = """
            from case_report c
            join case_version v on v.case_id = c.id and v.version = c.current_version
            join (select l.case_version_id,
                         max(l.value / l.upper_limit_normal) filter (where l.test_code = 'ALT') alt,
                         max(l.value / l.upper_limit_normal) filter (where l.test_code = 'AST') ast,
                         max(l.value / l.upper_limit_normal) filter (where l.test_code = 'ALP') alp,
                         max(l.value / l.upper_limit_normal) filter (where l.test_code = 'TOTAL_BILIRUBIN') bilirubin
                  from case_lab l where l.upper_limit_normal > 0 group by l.case_version_id) p
              on p.case_version_id = v.id
            where c.status = 'ACTIVE' and p.alt is not null and p.bilirubin is not null
            """;

    private final EntityManager em;
    private final ReadSnapshot snapshot;

    LiverPeaks(EntityManager em, ReadSnapshot snapshot) {
        this.em = em;
        this.snapshot = snapshot;
    }

    /** The count, the page and the last update from one snapshot, as every statistics read ({@link ReadSnapshot}). */
    @Transactional
    public Table page(PageRequest page) {
        snapshot.begin();
        long total = ((Number) em.createNativeQuery("select count(*) " + PEAKS).getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.case_number, p.alt, p.ast, p.alp, p.bilirubin, v.hys_law, "
                        + "v.liver_injury_pattern " + PEAKS + " order by c.case_number limit :size offset :offset")
                .setParameter("size", page.size())
                .setParameter("offset", page.offset())
                .getResultList();
        List<Case> cases = new ArrayList<>();
        for (Object[] r : rows) {
            BigDecimal alt = multiple(r[1]);
            BigDecimal bilirubin = multiple(r[4]);
            cases.add(new Case(
                    (String) r[0],
                    alt,
                    multiple(r[2]),
                    multiple(r[3]),
                    bilirubin,
                    (Boolean) r[5],
                    (String) r[6],
                    Quadrant.of(alt, bilirubin)));
        }
        Object updated =
                em.createNativeQuery("select max(updated_at) from case_report").getSingleResult();
        Instant lastUpdated = updated instanceof OffsetDateTime t
                ? t.toInstant()
                : updated instanceof Instant i ? i : updated instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
        int totalPages = (int) ((total + page.size() - 1) / page.size());
        return new Table(
                new Meta(CountingRule.CAUTION, ALT_LINE, BILIRUBIN_LINE, lastUpdated),
                cases,
                page.page(),
                page.size(),
                total,
                totalPages);
    }

    private static BigDecimal multiple(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(3, RoundingMode.HALF_UP);
    }
}
