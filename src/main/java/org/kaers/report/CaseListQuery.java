package org.kaers.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;

/** The case list: latest versions matching the filters, newest first (ties broken by id), with a total. */
@ApplicationScoped
class CaseListQuery {

    private final EntityManager em;
    private final PageReads pages;

    CaseListQuery(EntityManager em, PageReads pages) {
        this.em = em;
        this.pages = pages;
    }

    /** @param owner when not null, only the cases this subject submitted */
    PageResponse<CaseSummary> page(CaseFilter filter, PageRequest page, String owner) {
        List<String> where = new ArrayList<>(List.of("v.version = c.currentVersion"));
        Map<String, Object> params = new HashMap<>();
        if (owner != null) {
            where.add("c.submittedBy = :owner");
            params.put("owner", owner);
        }
        if (filter.receivedFrom() != null) {
            where.add("c.receivedAt >= :from");
            params.put(
                    "from", filter.receivedFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (filter.receivedTo() != null) {
            where.add("c.receivedAt < :to");
            params.put(
                    "to",
                    filter.receivedTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (filter.serious() != null) {
            where.add("v.serious = :serious");
            params.put("serious", filter.serious());
        }
        if (filter.product() != null) {
            where.add("exists (select 1 from CaseProduct p where p.caseVersion = v"
                    + " and lower(p.nameReported) like :product escape '\\')");
            params.put("product", contains(filter.product()));
        }
        if (filter.reaction() != null) {
            where.add("exists (select 1 from CaseReaction r where r.caseVersion = v"
                    + " and lower(r.verbatim) like :reaction escape '\\')");
            params.put("reaction", contains(filter.reaction()));
        }
        if (filter.reporterQualification() != null) {
            where.add("v.reporterQualification = :qualification");
            params.put("qualification", filter.reporterQualification());
        }
        if (filter.status() != null) {
            where.add("c.status = :status");
            params.put("status", filter.status());
        }
        if (filter.centreReference() != null) {
            // any version: a centre's reference stays findable after a follow-up corrects it
            where.add("exists (select 1 from CaseVersion o where o.caseReport = c"
                    + " and lower(o.centreReference) = :centreReference)");
            params.put("centreReference", filter.centreReference().toLowerCase(java.util.Locale.ROOT));
        }
        if (filter.source() != null) {
            where.add("c.source = :source");
            params.put("source", filter.source());
        }
        String from = " from CaseVersion v join v.caseReport c where " + String.join(" and ", where);

        return pages.read(
                page,
                () -> {
                    TypedQuery<Long> count = em.createQuery("select count(v)" + from, Long.class);
                    params.forEach(count::setParameter);
                    return count.getSingleResult();
                },
                () -> {
                    TypedQuery<CaseVersion> rows = em.createQuery(
                            "select v" + from + " order by c.receivedAt desc, c.id desc", CaseVersion.class);
                    params.forEach(rows::setParameter);
                    return rows.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                            .map(v -> CaseMapper.toSummary(v.caseReport, v))
                            .toList();
                });
    }

    private static String contains(String text) {
        String escaped = text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
