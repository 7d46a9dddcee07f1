package org.kaers.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kaers.common.CopyRows;
import org.kaers.report.model.SeriousnessCriterion;

/**
 * Writes the cases of an import batch with plain JDBC: one {@code COPY ... FROM STDIN} per table ({@link CopyRows};
 * COPY fires the tables' triggers and checks their constraints as inserts do), ids from the tables' sequences in one
 * statement per table. The ORM's way (an entity per row, a sequence call per 50 ids, flushes in between) costs
 * several hundred round trips per batch of 500 reports; this costs about ten, and COPY spares the server the
 * parsing and binding of a multi-row insert (JDBC batches before). Ids are taken as the ORM's optimizer takes them (pooled-lo, Quarkus's
 * default: a sequence value V stands for the block V..V+49, the sequences' increment), so they never collide with
 * ids the ORM hands out to submissions ({@code CaersImportTest} interleaves both). The rows are those {@link CaseMapper#toVersion} built, column for column as the entities
 * map them; a column added to an entity must be added here too ({@code CaersImportTest} and {@code CaersLayoutsTest}
 * read imported cases and follow-ups back through the API).
 */
final class ImportRows {

    private static final String CASE_REPORT_COLUMNS =
            "id, case_number, status, current_version, source, external_id, received_at, updated_at, submitted_by, "
                    + "source_digest";

    private static final String CASE_VERSION_COLUMNS =
            "id, case_id, version, version_type, received_at, submitted_by, reporter_qualification, "
                    + "reporter_country, reporter_organisation, reporter_contact, patient_initials, "
                    + "patient_age_value, patient_age_unit, patient_age_group, patient_sex, patient_weight_kg, "
                    + "patient_pregnant, date_of_death, narrative, serious, derived_age_group, liver_r_ratio, "
                    + "liver_injury_pattern, hys_law, centre_reference, poison_centre";

    private static final String CASE_PRODUCT_COLUMNS =
            "id, case_version_id, seq, role, name_reported, vendor, form, strain, lot_number, "
                    + "mitragynine_mg_per_serving, seven_oh_mg_per_serving, purchase_channel, dose_amount, "
                    + "dose_unit, doses_per_day, route, start_date, stop_date, reason_for_use, action_taken, "
                    + "dechallenge, rechallenge";

    private static final String CASE_REACTION_COLUMNS =
            "id, case_version_id, seq, verbatim, onset_date, outcome, time_to_onset_days";

    private static final String CASE_LAB_COLUMNS =
            "id, case_version_id, seq, test_code, value, unit, upper_limit_normal, result_date";

    private static final String CASE_SERIOUSNESS_COLUMNS = "case_version_id, criterion";

    private static final String CASE_DATA_QUALITY_COLUMNS = "case_version_id, seq, field, problem";

    /** The column list of each table's COPY, by table (ImportRowsColumnsTest checks them against the schema). */
    static java.util.Map<String, String> copyColumns() {
        return java.util.Map.of(
                "case_report", CASE_REPORT_COLUMNS,
                "case_version", CASE_VERSION_COLUMNS,
                "case_product", CASE_PRODUCT_COLUMNS,
                "case_reaction", CASE_REACTION_COLUMNS,
                "case_lab", CASE_LAB_COLUMNS,
                "case_seriousness", CASE_SERIOUSNESS_COLUMNS,
                "case_data_quality", CASE_DATA_QUALITY_COLUMNS);
    }

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
        write(c, newCases, changed, versions, null);
    }

    /** Sets a new case's case number from its value of {@code case_number_seq}. */
    interface Numbering {
        void set(CaseReport target, long sequence);
    }

    /**
     * {@link #write}, with the new cases' case numbers taken by {@code numbering} in the same statement as the ids
     * (one round trip fewer per batch of the batched intake, issue 16); null when the caller set them already.
     */
    static void write(
            Connection c,
            List<CaseReport> newCases,
            List<Changed> changed,
            List<CaseVersion> versions,
            Numbering numbering)
            throws SQLException {
        List<CaseProduct> products = new ArrayList<>();
        List<CaseReaction> reactions = new ArrayList<>();
        List<CaseLab> labs = new ArrayList<>();
        for (CaseVersion v : versions) {
            products.addAll(v.products);
            reactions.addAll(v.reactions);
            labs.addAll(v.labs);
        }
        List<Ids<?>> ids = new ArrayList<>(List.of(
                new Ids<>("case_report_seq", BLOCK, newCases, (x, id) -> x.id = id),
                new Ids<>("case_version_seq", BLOCK, versions, (x, id) -> x.id = id),
                new Ids<>("case_product_seq", BLOCK, products, (x, id) -> x.id = id),
                new Ids<>("case_reaction_seq", BLOCK, reactions, (x, id) -> x.id = id),
                new Ids<>("case_lab_seq", BLOCK, labs, (x, id) -> x.id = id)));
        if (numbering != null) {
            ids.add(new Ids<>("case_number_seq", 1, newCases, numbering::set));
        }
        assign(c, ids);
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

    /** The rows that take their ids from one sequence, whose increment is {@code block}. */
    private record Ids<T>(String sequence, int block, List<T> targets, IdSetter<T> setter) {
        int blocks() {
            return (targets.size() + block - 1) / block;
        }

        void set(List<Long> values) {
            List<Long> ids = new ArrayList<>(values.size() * block);
            for (long lo : values) {
                for (long id = lo; id < lo + block; id++) {
                    ids.add(id);
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                setter.set(targets.get(i), ids.get(i));
            }
        }
    }

    /**
     * Ids for every table's rows in one statement (one round trip instead of one per sequence: five per batch of
     * the batched intake, issue 16), each value V of a sequence standing for V..V+block-1.
     */
    private static void assign(Connection c, List<Ids<?>> all) throws SQLException {
        List<Ids<?>> wanted = all.stream().filter(x -> !x.targets().isEmpty()).toList();
        if (wanted.isEmpty()) {
            return;
        }
        String[] sequences = wanted.stream().map(Ids::sequence).toArray(String[]::new);
        Integer[] blocks = wanted.stream().map(Ids::blocks).toArray(Integer[]::new);
        java.util.Map<String, List<Long>> values = new java.util.HashMap<>();
        try (PreparedStatement q = c.prepareStatement("select u.s, nextval(u.s::regclass)"
                + " from unnest(?::text[], ?::integer[]) u(s, n) cross join lateral generate_series(1, u.n)")) {
            q.setArray(1, c.createArrayOf("text", sequences));
            q.setArray(2, c.createArrayOf("integer", blocks));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    values.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getLong(2));
                }
            }
        }
        for (Ids<?> x : wanted) {
            List<Long> got = values.getOrDefault(x.sequence(), List.of());
            if (got.size() != x.blocks()) {
                throw new IllegalStateException(x.sequence() + ": " + got.size() + " blocks, " + x.blocks() + " asked");
            }
            x.set(got);
        }
    }

    private static void insertCases(Connection c, List<CaseReport> cases) throws SQLException {
        CopyRows rows = new CopyRows("case_report", CASE_REPORT_COLUMNS);
        for (CaseReport r : cases) {
            rows.add(r.id)
                    .add(r.caseNumber)
                    .add(r.status)
                    .add(r.currentVersion)
                    .add(r.source)
                    .add(r.externalId)
                    .add(r.receivedAt)
                    .add(r.updatedAt)
                    .add(r.submittedBy)
                    .add(r.sourceDigest)
                    .end();
        }
        rows.copy(c);
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
        CopyRows rows = new CopyRows("case_version", CASE_VERSION_COLUMNS);
        for (CaseVersion v : versions) {
            rows.add(v.id)
                    .add(v.caseReport.id)
                    .add(v.version)
                    .add(v.versionType)
                    .add(v.receivedAt)
                    .add(v.submittedBy)
                    .add(v.reporterQualification)
                    .add(v.reporterCountry)
                    .add(v.reporterOrganisation)
                    .add(v.reporterContact)
                    .add(v.patientInitials)
                    .add(v.patientAgeValue)
                    .add(v.patientAgeUnit)
                    .add(v.patientAgeGroup)
                    .add(v.patientSex)
                    .add(v.patientWeightKg)
                    .add(v.patientPregnant)
                    .add(v.dateOfDeath)
                    .add(v.narrative)
                    .add(v.serious)
                    .add(v.derivedAgeGroup)
                    .add(v.liverRRatio)
                    .add(v.liverInjuryPattern)
                    .add(v.hysLaw)
                    .add(v.centreReference)
                    .add(v.poisonCentre)
                    .end();
        }
        rows.copy(c);
    }

    private static void insertProducts(Connection c, List<CaseProduct> products) throws SQLException {
        CopyRows rows = new CopyRows("case_product", CASE_PRODUCT_COLUMNS);
        for (CaseProduct p : products) {
            rows.add(p.id)
                    .add(p.caseVersion.id)
                    .add(p.seq)
                    .add(p.role)
                    .add(p.nameReported)
                    .add(p.vendor)
                    .add(p.form)
                    .add(p.strain)
                    .add(p.lotNumber)
                    .add(p.mitragynineMgPerServing)
                    .add(p.sevenOhMgPerServing)
                    .add(p.purchaseChannel)
                    .add(p.doseAmount)
                    .add(p.doseUnit)
                    .add(p.dosesPerDay)
                    .add(p.route)
                    .add(p.startDate)
                    .add(p.stopDate)
                    .add(p.reasonForUse)
                    .add(p.actionTaken)
                    .add(p.dechallenge)
                    .add(p.rechallenge)
                    .end();
        }
        rows.copy(c);
    }

    private static void insertReactions(Connection c, List<CaseReaction> reactions) throws SQLException {
        CopyRows rows = new CopyRows("case_reaction", CASE_REACTION_COLUMNS);
        for (CaseReaction r : reactions) {
            rows.add(r.id)
                    .add(r.caseVersion.id)
                    .add(r.seq)
                    .add(r.verbatim)
                    .add(r.onsetDate)
                    .add(r.outcome)
                    .add(r.timeToOnsetDays)
                    .end();
        }
        rows.copy(c);
    }

    private static void insertLabs(Connection c, List<CaseLab> labs) throws SQLException {
        CopyRows rows = new CopyRows("case_lab", CASE_LAB_COLUMNS);
        for (CaseLab l : labs) {
            rows.add(l.id)
                    .add(l.caseVersion.id)
                    .add(l.seq)
                    .add(l.testCode)
                    .add(l.value)
                    .add(l.unit)
                    .add(l.upperLimitOfNormal)
                    .add(l.resultDate)
                    .end();
        }
        rows.copy(c);
    }

    private static void insertCriteria(Connection c, List<CaseVersion> versions) throws SQLException {
        CopyRows rows = new CopyRows("case_seriousness", CASE_SERIOUSNESS_COLUMNS);
        for (CaseVersion v : versions) {
            for (SeriousnessCriterion criterion : v.seriousnessCriteria) {
                rows.add(v.id).add(criterion).end();
            }
        }
        rows.copy(c);
    }

    /**
     * The data-quality problems of the versions just written (ids set), numbered per version as listed; a problem
     * longer than 500 characters is cut there.
     */
    static void insertDataQuality(Connection c, java.util.Map<CaseVersion, List<org.kaers.common.Violation>> problems)
            throws SQLException {
        CopyRows rows = new CopyRows("case_data_quality", CASE_DATA_QUALITY_COLUMNS);
        for (var e : problems.entrySet()) {
            int seq = 0;
            for (org.kaers.common.Violation v : e.getValue()) {
                String message = v.message().length() > 500 ? v.message().substring(0, 500) : v.message();
                rows.add(e.getKey().id).add(seq++).add(v.field()).add(message).end();
            }
        }
        rows.copy(c);
    }
}
