package org.kaers.report;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;

@ApplicationScoped
class CaseReportRepository implements PanacheRepository<CaseReport> {

    Optional<CaseReport> findByCaseNumber(String caseNumber) {
        return find("caseNumber", caseNumber).firstResultOptional();
    }

    /** The case, locked for update until the transaction ends: serialises follow-ups and nullification. */
    Optional<CaseReport> lockByCaseNumber(String caseNumber) {
        return find("caseNumber", caseNumber)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** A stored case as an import needs it: to tell a changed report from an unchanged one. */
    record Present(
            long id, String externalId, String caseNumber, CaseStatus status, int currentVersion, String sourceDigest) {

        /**
         * Whether a report with this digest leaves the case alone: the same content, a case stored before digests
         * existed, or a nullified case (it takes no versions).
         */
        boolean unchangedBy(String digest) {
            return status == CaseStatus.NULLIFIED
                    || digest == null
                    || sourceDigest == null
                    || sourceDigest.equals(digest);
        }
    }

    /** The cases of a source with these external ids (one statement, no lock). */
    java.util.List<Present> presentByExternalIds(CaseSource source, java.util.List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return present(
                "select id, external_id, case_number, status, current_version, source_digest from case_report"
                        + " where source = ? and external_id = any (?)",
                source.name(),
                "text",
                ids.toArray());
    }

    /** These cases, locked for update until the transaction ends, in id order (a changed report adds a version). */
    java.util.List<Present> lockByIds(java.util.List<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return present(
                "select id, external_id, case_number, status, current_version, source_digest from case_report"
                        + " where id = any (?) order by id for update",
                null,
                "bigint",
                ids.toArray());
    }

    private java.util.List<Present> present(String sql, String source, String arrayType, Object[] values) {
        // (planned for each run: an import grows case_report while it looks its report numbers up)
        return getEntityManager()
                .unwrap(org.hibernate.Session.class)
                .doReturningWork(c ->
                        org.kaers.common.GrowingTables.planEachRun(c, () -> read(c, sql, source, arrayType, values)));
    }

    private static java.util.List<Present> read(
            java.sql.Connection c, String sql, String source, String arrayType, Object[] values)
            throws java.sql.SQLException {
        java.util.List<Present> out = new java.util.ArrayList<>();
        try (var q = c.prepareStatement(sql)) {
            int i = 0;
            if (source != null) {
                q.setString(++i, source);
            }
            q.setArray(++i, c.createArrayOf(arrayType, values));
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Present(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            CaseStatus.valueOf(rs.getString(4)),
                            rs.getInt(5),
                            rs.getString(6)));
                }
            }
        }
        return out;
    }

    java.util.Set<String> existingExternalIds(CaseSource source, java.util.List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(getEntityManager()
                .createQuery(
                        "select c.externalId from CaseReport c where c.source = :source and c.externalId in :ids",
                        String.class)
                .setParameter("source", source)
                .setParameter("ids", ids)
                .getResultList());
    }

    /** {@code n} case sequence numbers in one round trip. */
    java.util.List<String> nextCaseSequences(int n) {
        if (n == 0) {
            return java.util.List.of();
        }
        // plain JDBC on the transaction's connection: the batched intake calls this once per batch, and the ORM's
        // native query cost several times the statement's own work (issue 16)
        java.util.List<String> values = new java.util.ArrayList<>(n);
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement q =
                    c.prepareStatement("select nextval('case_number_seq') from generate_series(1, ?)")) {
                q.setInt(1, n);
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        values.add(String.valueOf(rs.getLong(1)));
                    }
                }
            }
        });
        return values;
    }

    String nextCaseSequence() {
        Object value = getEntityManager()
                .createNativeQuery("select nextval('case_number_seq')")
                .getSingleResult();
        return String.valueOf(((Number) value).longValue());
    }
}
