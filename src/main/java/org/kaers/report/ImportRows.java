package org.kaers.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the cases of an import batch with plain JDBC: one pipelined JDBC batch per table (the driver rewrites
 * them into multi-row inserts), ids from the tables' sequences in one statement per table. The ORM's way (an
 * entity per row, a sequence call per 50 ids, flushes in between) costs several hundred round trips per batch
 * of 500 reports; this costs about ten. Ids are taken as the ORM's optimizer takes them (pooled-lo, Quarkus's
 * default: a sequence value V stands for the block V..V+49, the sequences' increment), so they never collide with
 * ids the ORM hands out to submissions ({@code CaersImportTest} interleaves both). The rows are those {@link CaseMapper#toVersion} built, column for column as the entities
 * map them; a column added to an entity must be added here too ({@code CaersImportTest} and {@code CaersLayoutsTest}
 * read imported cases and follow-ups back through the API).
 */
final class ImportRows {

    /** The increment of the case_* sequences (V1) and the allocationSize of their entities. */
    private static final int BLOCK = 50;

    private ImportRows() {}

    /** A case already stored that gets a new current version. */
    record Changed(long id, int currentVersion, Instant updatedAt, String sourceDigest) {}

    /**
     * Inserts new cases, the versions of new and changed cases (with products, reactions, labs and seriousness
     * criteria), and moves changed cases to their new version. Sets the ids on the objects it writes.
     */
    static void write(Connection c, List<CaseReport> newCases, List<Changed> changed, List<CaseVersion> versions)
            throws SQLException {
        assign(c, "case_report_seq", newCases, (x, id) -> x.id = id);
        assign(c, "case_version_seq", versions, (x, id) -> x.id = id);
        List<CaseProduct> products = new ArrayList<>();
        List<CaseReaction> reactions = new ArrayList<>();
        List<CaseLab> labs = new ArrayList<>();
        for (CaseVersion v : versions) {
            products.addAll(v.products);
            reactions.addAll(v.reactions);
            labs.addAll(v.labs);
        }
        assign(c, "case_product_seq", products, (x, id) -> x.id = id);
        assign(c, "case_reaction_seq", reactions, (x, id) -> x.id = id);
        assign(c, "case_lab_seq", labs, (x, id) -> x.id = id);
        insertCases(c, newCases);
        updateCases(c, changed);
        insertVersions(c, versions);
        insertProducts(c, products);
        insertReactions(c, reactions);
        insertLabs(c, labs);
        insertCriteria(c, versions);
    }

    private interface IdSetter<T> {
        void set(T target, long id);
    }

    /** Ids for {@code targets} from {@code sequence}: one statement, each value V standing for V..V+49. */
    private static <T> void assign(Connection c, String sequence, List<T> targets, IdSetter<T> setter)
            throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(targets.size());
        while (ids.size() < targets.size()) {
            int blocks = (targets.size() - ids.size() + BLOCK - 1) / BLOCK;
            try (PreparedStatement q = c.prepareStatement("select nextval(?::regclass) from generate_series(1, ?)")) {
                q.setString(1, sequence);
                q.setInt(2, blocks);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long lo = rs.getLong(1);
                        for (long id = lo; id < lo + BLOCK; id++) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            setter.set(targets.get(i), ids.get(i));
        }
    }

    private static void insertCases(Connection c, List<CaseReport> cases) throws SQLException {
        if (cases.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into case_report (id, case_number, status, current_version, source, external_id, received_at,
                    updated_at, submitted_by, source_digest)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (CaseReport r : cases) {
                insert.setLong(1, r.id);
                insert.setString(2, r.caseNumber);
                insert.setString(3, r.status.name());
                insert.setInt(4, r.currentVersion);
                insert.setString(5, r.source.name());
                insert.setString(6, r.externalId);
                insert.setTimestamp(7, Timestamp.from(r.receivedAt));
                insert.setTimestamp(8, Timestamp.from(r.updatedAt));
                insert.setString(9, r.submittedBy);
                insert.setString(10, r.sourceDigest);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void updateCases(Connection c, List<Changed> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(
                "update case_report set current_version = ?, updated_at = ?, source_digest = ? where id = ?")) {
            for (Changed x : changed) {
                update.setInt(1, x.currentVersion());
                update.setTimestamp(2, Timestamp.from(x.updatedAt()));
                update.setString(3, x.sourceDigest());
                update.setLong(4, x.id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void insertVersions(Connection c, List<CaseVersion> versions) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into case_version (id, case_id, version, version_type, received_at, submitted_by,
                    reporter_qualification, reporter_country, reporter_organisation, reporter_contact, patient_initials,
                    patient_age_value, patient_age_unit, patient_age_group, patient_sex, patient_weight_kg,
                    patient_pregnant, date_of_death, narrative, serious, derived_age_group, liver_r_ratio,
                    liver_injury_pattern, hys_law, centre_reference, poison_centre)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")) {
            for (CaseVersion v : versions) {
                int i = 0;
                insert.setLong(++i, v.id);
                insert.setLong(++i, v.caseReport.id);
                insert.setInt(++i, v.version);
                insert.setString(++i, name(v.versionType));
                insert.setTimestamp(++i, Timestamp.from(v.receivedAt));
                insert.setString(++i, v.submittedBy);
                insert.setString(++i, name(v.reporterQualification));
                insert.setString(++i, v.reporterCountry);
                insert.setString(++i, v.reporterOrganisation);
                insert.setString(++i, v.reporterContact);
                insert.setString(++i, v.patientInitials);
                insert.setBigDecimal(++i, v.patientAgeValue);
                insert.setString(++i, name(v.patientAgeUnit));
                insert.setString(++i, name(v.patientAgeGroup));
                insert.setString(++i, name(v.patientSex));
                insert.setBigDecimal(++i, v.patientWeightKg);
                bool(insert, ++i, v.patientPregnant);
                date(insert, ++i, v.dateOfDeath);
                insert.setString(++i, v.narrative);
                insert.setBoolean(++i, v.serious);
                insert.setString(++i, name(v.derivedAgeGroup));
                insert.setBigDecimal(++i, v.liverRRatio);
                insert.setString(++i, name(v.liverInjuryPattern));
                bool(insert, ++i, v.hysLaw);
                insert.setString(++i, v.centreReference);
                insert.setString(++i, v.poisonCentre);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertProducts(Connection c, List<CaseProduct> products) throws SQLException {
        if (products.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into case_product (id, case_version_id, seq, role, name_reported, vendor, form, strain, lot_number,
                    mitragynine_mg_per_serving, seven_oh_mg_per_serving, purchase_channel, dose_amount, dose_unit,
                    doses_per_day, route, start_date, stop_date, reason_for_use, action_taken, dechallenge, rechallenge)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (CaseProduct p : products) {
                int i = 0;
                insert.setLong(++i, p.id);
                insert.setLong(++i, p.caseVersion.id);
                insert.setInt(++i, p.seq);
                insert.setString(++i, name(p.role));
                insert.setString(++i, p.nameReported);
                insert.setString(++i, p.vendor);
                insert.setString(++i, name(p.form));
                insert.setString(++i, p.strain);
                insert.setString(++i, p.lotNumber);
                insert.setBigDecimal(++i, p.mitragynineMgPerServing);
                insert.setBigDecimal(++i, p.sevenOhMgPerServing);
                insert.setString(++i, name(p.purchaseChannel));
                insert.setBigDecimal(++i, p.doseAmount);
                insert.setString(++i, name(p.doseUnit));
                insert.setBigDecimal(++i, p.dosesPerDay);
                insert.setString(++i, name(p.route));
                date(insert, ++i, p.startDate);
                date(insert, ++i, p.stopDate);
                insert.setString(++i, name(p.reasonForUse));
                insert.setString(++i, name(p.actionTaken));
                insert.setString(++i, name(p.dechallenge));
                insert.setString(++i, name(p.rechallenge));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertReactions(Connection c, List<CaseReaction> reactions) throws SQLException {
        if (reactions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into case_reaction (id, case_version_id, seq, verbatim, onset_date, outcome, time_to_onset_days)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (CaseReaction r : reactions) {
                insert.setLong(1, r.id);
                insert.setLong(2, r.caseVersion.id);
                insert.setInt(3, r.seq);
                insert.setString(4, r.verbatim);
                date(insert, 5, r.onsetDate);
                insert.setString(6, name(r.outcome));
                if (r.timeToOnsetDays == null) {
                    insert.setNull(7, Types.INTEGER);
                } else {
                    insert.setInt(7, r.timeToOnsetDays);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertLabs(Connection c, List<CaseLab> labs) throws SQLException {
        if (labs.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("""
                insert into case_lab (id, case_version_id, seq, test_code, value, unit, upper_limit_normal, result_date)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (CaseLab l : labs) {
                insert.setLong(1, l.id);
                insert.setLong(2, l.caseVersion.id);
                insert.setInt(3, l.seq);
                insert.setString(4, l.testCode);
                insert.setBigDecimal(5, l.value);
                insert.setString(6, l.unit);
                insert.setBigDecimal(7, l.upperLimitOfNormal);
                date(insert, 8, l.resultDate);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertCriteria(Connection c, List<CaseVersion> versions) throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("insert into case_seriousness (case_version_id, criterion) values (?, ?)")) {
            int n = 0;
            for (CaseVersion v : versions) {
                for (SeriousnessCriterion criterion : v.seriousnessCriteria) {
                    insert.setLong(1, v.id);
                    insert.setString(2, criterion.name());
                    insert.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                insert.executeBatch();
            }
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static void bool(PreparedStatement s, int i, Boolean value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BOOLEAN);
        } else {
            s.setBoolean(i, value);
        }
    }

    private static void date(PreparedStatement s, int i, LocalDate value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.DATE);
        } else {
            s.setObject(i, value);
        }
    }
}
