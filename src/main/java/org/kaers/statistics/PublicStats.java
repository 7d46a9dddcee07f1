package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kaers.common.ApiProblem;
import org.kaers.statistics.disclosure.Disclosure;

/**
 * The public tier's numbers (no token): one dimension of {@link Disclosure#PUBLIC_DIMENSIONS} over all the cases of
 * the latest release, no filters. Every number is {@link Disclosure#publicValue} of the value a researcher gets for
 * the same cell of the same release (the published value {@code p} of the release's cell, which is what
 * {@code GET /stats/counts?by=...} answers researchers); never computed from a count.
 */
@ApplicationScoped
class PublicStats {

    private final EntityManager em;
    private final ReleaseStore releases;

    PublicStats(EntityManager em, ReleaseStore releases) {
        this.em = em;
        this.releases = releases;
    }

    @Transactional
    PublicCountResponse counts(Dimension by) {
        ReleaseStore.Info release =
                releases.find(null).orElseThrow(() -> ApiProblem.notFound("no statistics release has been cut yet"));
        String label = switch (by) {
            case ORGAN_CLASS -> "(select o.name from organ_class o where o.code = split_part(c.b, '=', 2))";
            case SUBSTANCE -> "(select s.name from substance s where s.code = split_part(c.b, '=', 2))";
            default -> "null";
        };
        // The dimension's values are the cells ('*', 'by=value'), all time; 'by=' (no value) sorts before them.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select split_part(c.b, '=', 2), c.p, " + label
                        + " from stats_release_cell c where c.a = '*' and c.period = 0 and c.b > ?1 and c.b < ?2")
                .setParameter(1, by.code() + "=")
                .setParameter(2, by.code() + ">")
                .getResultList();
        List<PublicCountResponse.Group> groups = new ArrayList<>();
        for (Object[] r : rows) {
            Long value = Disclosure.publicValue(((Number) r[1]).longValue());
            if (value != null) {
                groups.add(new PublicCountResponse.Group((String) r[0], (String) r[2], value));
            }
        }
        groups.sort(Comparator.comparingLong(PublicCountResponse.Group::count)
                .reversed()
                .thenComparing(PublicCountResponse.Group::key));
        @SuppressWarnings("unchecked")
        List<Number> all = em.createNativeQuery(
                        "select p from stats_release_cell where a = '*' and b = '*' and period = 0")
                .getResultList();
        Long total = all.isEmpty() ? null : Disclosure.publicValue(all.get(0).longValue());
        return new PublicCountResponse(
                by.code(),
                groups,
                total,
                new PublicCountResponse.Meta(
                        ReleaseView.Stamp.of(release),
                        Disclosure.PUBLIC_BASE,
                        Disclosure.PUBLIC_MINIMUM,
                        PublicCountResponse.RULE,
                        CountingRule.CAUTION));
    }
}
