package org.kaers.clusters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.ProblemType;
import org.kaers.security.Caller;

/**
 * Stored cluster alerts: a scan runs the cluster rules ({@link ClusterDetector}) and stores what fired, one alert
 * per episode of a kind and key; reviewers acknowledge or dismiss an alert with a reason. Owns the transactions.
 * <ul>
 * <li>A firing whose window overlaps or adjoins a stored alert of the same kind and key continues it: an OPEN
 * alert takes the new cases and the wider window; a decided alert is left as decided, and new cases (not in it)
 * raise a new OPEN alert naming it ({@code previousId}).</li>
 * <li>OPEN may be acknowledged or dismissed; ACKNOWLEDGED may be dismissed; anything else is 409.</li>
 * </ul>
 */
@ApplicationScoped
class ClusterAlerts {

    /** Scans run one at a time per database (a transaction-level advisory lock). */
    private static final long SCAN_LOCK = 0x6b61657273_17L;

    private final ClusterDetector detector;
    private final EntityManager em;
    private final PageReads pages;
    private final Caller caller;

    ClusterAlerts(ClusterDetector detector, EntityManager em, Caller caller, PageReads pages) {
        this.pages = pages;
        this.detector = detector;
        this.em = em;
        this.caller = caller;
    }

    @Transactional
    AlertViews.Scan scan(LocalDate asOf, int windowDays, int minCases) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, SCAN_LOCK)
                .getSingleResult();
        List<ClusterAlert> fired = detector.detect(asOf, windowDays, minCases);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int raised = 0;
        int updated = 0;
        List<Long> ids = new ArrayList<>();
        for (ClusterAlert alert : fired) {
            StoredAlert stored = continued(alert);
            TreeSet<String> cases = new TreeSet<>(alert.caseNumbers());
            if (stored == null
                    || (stored.status != AlertStatus.OPEN && !caseSet(stored).containsAll(cases))) {
                StoredAlert fresh = new StoredAlert();
                fresh.kind = alert.kind();
                fresh.key = alert.key();
                fresh.windowFrom = alert.from();
                fresh.windowTo = alert.to();
                fresh.status = AlertStatus.OPEN;
                fresh.raisedAt = now;
                fresh.previousId = stored == null ? null : stored.id;
                take(fresh, alert, cases, now);
                em.persist(fresh);
                em.flush();
                ids.add(fresh.id);
                raised++;
            } else if (stored.status == AlertStatus.OPEN) {
                TreeSet<String> union = caseSet(stored);
                union.addAll(cases);
                LocalDate from = alert.from().isBefore(stored.windowFrom) ? alert.from() : stored.windowFrom;
                LocalDate to = alert.to().isAfter(stored.windowTo) ? alert.to() : stored.windowTo;
                if (union.size() != stored.cases || !from.equals(stored.windowFrom) || !to.equals(stored.windowTo)) {
                    stored.windowFrom = from;
                    if (!alert.to().isBefore(stored.windowTo)) {
                        stored.baselineMean = alert.baselineMean(); // the latest firing's limits
                        stored.limit = alert.limit();
                    }
                    stored.windowTo = to;
                    take(stored, null, union, now);
                    ids.add(stored.id);
                    updated++;
                }
            }
        }
        return new AlertViews.Scan(asOf, fired.size(), raised, updated, fired.size() - raised - updated, ids);
    }

    PageResponse<AlertViews.Alert> list(
            AlertStatus status,
            String kind,
            String key,
            String caseNumber,
            LocalDate from,
            LocalDate to,
            PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status.name());
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (key != null) {
            where.append(" and lower(alert_key) = lower(:key)");
            params.put("key", key);
        }
        if (caseNumber != null) {
            where.append(" and :caseNumber = any(string_to_array(case_numbers, ','))");
            params.put("caseNumber", caseNumber);
        }
        if (from != null) {
            where.append(" and window_to >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and window_from <= :to");
            params.put("to", to);
        }
        return pages.read(
                page,
                () -> {
                    var count = em.createNativeQuery("select count(*) from cluster_alert" + where);
                    params.forEach(count::setParameter);
                    return ((Number) count.getSingleResult()).longValue();
                },
                () -> {
                    var query = em.createNativeQuery(
                            "select * from cluster_alert" + where + " order by raised_at desc, id desc",
                            StoredAlert.class);
                    params.forEach(query::setParameter);
                    @SuppressWarnings("unchecked")
                    List<StoredAlert> found = query.setFirstResult(page.offset())
                            .setMaxResults(page.size())
                            .getResultList();
                    return found.stream().map(ClusterAlerts::view).toList();
                });
    }

    @Transactional
    AlertViews.Alert read(long id) {
        return view(find(id, false));
    }

    @Transactional
    AlertViews.Alert acknowledge(long id, String reason) {
        StoredAlert a = find(id, true);
        if (a.status != AlertStatus.OPEN) {
            throw new ApiProblem(
                    ProblemType.CONFLICT,
                    "cluster alert " + id + " is " + a.status + "; only an OPEN alert can be acknowledged");
        }
        a.status = AlertStatus.ACKNOWLEDGED;
        a.acknowledgedBy = caller.subject();
        a.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.acknowledgedReason = reason;
        return view(a);
    }

    @Transactional
    AlertViews.Alert dismiss(long id, String reason) {
        StoredAlert a = find(id, true);
        if (a.status == AlertStatus.DISMISSED) {
            throw new ApiProblem(ProblemType.CONFLICT, "cluster alert " + id + " was already dismissed");
        }
        a.status = AlertStatus.DISMISSED;
        a.dismissedBy = caller.subject();
        a.dismissedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.dismissedReason = reason;
        return view(a);
    }

    /** The latest stored alert of the kind and key whose window overlaps or adjoins the firing's. */
    private StoredAlert continued(ClusterAlert alert) {
        List<StoredAlert> found = em.createQuery(
                        "from StoredAlert a where a.kind = ?1 and a.key = ?2"
                                + " and a.windowFrom <= ?3 and a.windowTo >= ?4 order by a.id desc",
                        StoredAlert.class)
                .setParameter(1, alert.kind())
                .setParameter(2, alert.key())
                .setParameter(3, alert.to().plusDays(1))
                .setParameter(4, alert.from().minusDays(1))
                .setMaxResults(1)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static void take(StoredAlert a, ClusterAlert firing, TreeSet<String> cases, Instant now) {
        if (firing != null) {
            a.baselineMean = firing.baselineMean();
            a.limit = firing.limit();
        }
        a.cases = cases.size();
        a.caseNumbers = String.join(",", cases);
        a.updatedAt = now;
    }

    private static TreeSet<String> caseSet(StoredAlert a) {
        return new TreeSet<>(Arrays.asList(a.caseNumbers.split(",")));
    }

    private StoredAlert find(long id, boolean lock) {
        StoredAlert a =
                lock ? em.find(StoredAlert.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(StoredAlert.class, id);
        if (a == null) {
            throw ApiProblem.notFound("no cluster alert has the id " + id);
        }
        return a;
    }

    private static AlertViews.Alert view(StoredAlert a) {
        return new AlertViews.Alert(
                a.id,
                a.kind,
                a.key,
                a.windowFrom,
                a.windowTo,
                a.cases,
                a.baselineMean,
                a.limit,
                Arrays.asList(a.caseNumbers.split(",")),
                a.status,
                a.raisedAt,
                a.updatedAt,
                a.acknowledgedAt == null
                        ? null
                        : new AlertViews.Decision(a.acknowledgedBy, a.acknowledgedAt, a.acknowledgedReason),
                a.dismissedAt == null ? null : new AlertViews.Decision(a.dismissedBy, a.dismissedAt, a.dismissedReason),
                a.previousId);
    }
}
