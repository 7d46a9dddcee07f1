package org.kaers.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.SqlValues;

/** The append-only audit log: written by {@link AuditFilter}, read by administrators. */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final PageReads pages;
    private final javax.sql.DataSource dataSource;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AuditLog.class);

    private final io.vertx.core.Vertx vertx;

    AuditLog(EntityManager em, javax.sql.DataSource dataSource, io.vertx.core.Vertx vertx, PageReads pages) {
        this.pages = pages;
        this.em = em;
        this.dataSource = dataSource;
        this.vertx = vertx;
    }

    /** A refusal made at the router (common.Refusals), on the event loop: written on a worker thread. */
    void refused(@jakarta.enterprise.event.Observes org.kaers.common.RequestRefused refusal) {
        vertx.executeBlocking(
                () -> {
                    try {
                        record(
                                refusal.actor(),
                                refusal.roles(),
                                refusal.method(),
                                refusal.path(),
                                refusal.status(),
                                refusal.client());
                    } catch (RuntimeException e) {
                        LOG.errorf(
                                "audit event not recorded for %s %s: %s",
                                refusal.method(), refusal.path(), org.kaers.common.FailureLog.describe(e));
                    }
                    return null;
                },
                false);
    }

    @Schema(name = "AuditEvent", description = "One audited request: who, when, what, from where, and the answer.")
    public record Event(
            long id,
            Instant at,

            @Schema(
                    description = "Token subject; absent for a request without a valid token.",
                    examples = "dr.lee@clinic.example")
            String actor,

            @Schema(examples = "REPORTER") String roles,
            @Schema(examples = "POST") String action,

            @Schema(examples = "/api/v1/reports/KAE-2026-000123/follow-ups")
            String resource,

            @Schema(description = "HTTP status of the answer.", examples = "201")
            int status,

            @Schema(description = "Client address.", examples = "10.1.2.3")
            String client) {}

    /**
     * Stored (committed) before the answer leaves: one plain JDBC insert in its own transaction, as the audited
     * request's own has ended by the time the answer is known. No ORM session or JTA transaction: measured, they
     * cost more than the rest of an audited read (README, "Load and faults").
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void record(String actor, String roles, String action, String resource, int status, String client) {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement("""
                        insert into audit_event (actor, roles, action, resource, status, client)
                        values (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, truncate(actor, 200));
            insert.setString(2, truncate(roles, 200));
            insert.setString(3, action);
            insert.setString(4, truncate(resource, 500));
            insert.setInt(5, status);
            insert.setString(6, truncate(client, 100));
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("audit event not stored", e);
        }
    }

    /** One audit row, as {@link AuditedRequest#entry} captured it. */
    public record Entry(String actor, String roles, String action, String resource, int status, String client) {}

    /**
     * Inserts {@code entries} on {@code connection}, in its transaction (one statement, however many): the batched
     * intake's rows, committed with the cases they record.
     */
    public static void insertAll(java.sql.Connection connection, List<Entry> entries) throws java.sql.SQLException {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        String[] actors = new String[n];
        String[] roles = new String[n];
        String[] actions = new String[n];
        String[] resources = new String[n];
        Integer[] statuses = new Integer[n];
        String[] clients = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            actors[i] = truncate(e.actor(), 200);
            roles[i] = truncate(e.roles(), 200);
            actions[i] = e.action();
            resources[i] = truncate(e.resource(), 500);
            statuses[i] = e.status();
            clients[i] = truncate(e.client(), 100);
        }
        try (java.sql.PreparedStatement insert =
                connection.prepareStatement("insert into audit_event (actor, roles, action, resource, status, client) "
                        + "select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[])")) {
            insert.setArray(1, connection.createArrayOf("text", actors));
            insert.setArray(2, connection.createArrayOf("text", roles));
            insert.setArray(3, connection.createArrayOf("text", actions));
            insert.setArray(4, connection.createArrayOf("text", resources));
            insert.setArray(5, connection.createArrayOf("int4", statuses));
            insert.setArray(6, connection.createArrayOf("text", clients));
            insert.executeUpdate();
        }
    }

    /** Newest first, optionally one actor, one action, a day range (UTC, inclusive). */
    public PageResponse<Event> page(String actor, String action, LocalDate from, LocalDate to, PageRequest page) {
        List<String> where = new ArrayList<>(List.of("true"));
        Map<String, Object> params = new HashMap<>();
        if (actor != null) {
            where.add("actor = :actor");
            params.put("actor", actor);
        }
        if (action != null) {
            where.add("action = :action");
            params.put("action", action);
        }
        if (from != null) {
            where.add("at >= :from");
            params.put("from", from.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (to != null) {
            where.add("at < :to");
            params.put("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        String condition = " where " + String.join(" and ", where);
        LongSupplier total = () -> {
            var count = em.createNativeQuery("select count(*) from audit_event" + condition);
            params.forEach(count::setParameter);
            return ((Number) count.getSingleResult()).longValue();
        };
        return pages.read(page, total, () -> {
            var rows = em.createNativeQuery(
                    "select id, at, actor, roles, action, resource, status, client from audit_event" + condition
                            + " order by at desc, id desc");
            params.forEach(rows::setParameter);
            @SuppressWarnings("unchecked")
            List<Object[]> found = rows.setFirstResult(page.offset())
                    .setMaxResults(page.size())
                    .getResultList();
            return found.stream()
                    .map(r -> new Event(
                            ((Number) r[0]).longValue(),
                            SqlValues.instant(r[1]),
                            (String) r[2],
                            (String) r[3],
                            (String) r[4],
                            (String) r[5],
                            ((Number) r[6]).intValue(),
                            (String) r[7]))
                    .toList();
        });
    }

    /** Fits a value to its column; a NUL (which PostgreSQL text cannot hold) becomes U+FFFD. */
    private static String truncate(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.replace('\u0000', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
