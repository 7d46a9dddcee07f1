package org.kaers.statistics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What cases can be counted by (and filtered on). Each dimension says at which level of a case its values
 * live (the case itself, its products, its reactions, its seriousness criteria) and the SQL of its key and
 * label over the statistics scope {@code s} (see {@link CountingRule}).
 */
public enum Dimension {
    PRODUCT("product", Level.PRODUCT, "p.id::text", "p.name", "product", "id::text", "name"),
    SUBSTANCE("substance", Level.PRODUCT, "p.substance", null),
    PRODUCT_FORM("productForm", Level.PRODUCT, "cp.form", null),
    /**
     * The name as reported; FDA's placeholders for a confidential name (REDACTED, EXEMPTION 4, ..., coded WITHHELD)
     * are one value, {@value #NAME_WITHHELD} (itself a placeholder, so no real name can be counted with them).
     */
    PRODUCT_NAME(
            "productName",
            Level.PRODUCT,
            "(case when pnc.method = 'WITHHELD' then '" + Dimension.NAME_WITHHELD + "' else cp.name_reported end)",
            null),
    PRODUCT_ROLE("productRole", Level.PRODUCT, "cp.role", null),
    SYMPTOM("symptom", Level.REACTION, "t.code", "t.preferred_name", "symptom_term", "code", "preferred_name"),
    ORGAN_CLASS("organClass", Level.REACTION, "t.organ_class", null),
    VERBATIM("verbatim", Level.REACTION, "r.verbatim", null),
    OUTCOME("outcome", Level.REACTION, "r.outcome", null),
    CRITERION("criterion", Level.CRITERION, "cs.criterion", null),
    /** The source's own outcome list as reported (CAERS: VISITED AN ER, NONE, ...), beside the criteria. */
    SOURCE_OUTCOME("sourceOutcome", Level.SOURCE_OUTCOME, "so.outcome", null),
    SERIOUS("serious", Level.CASE, "s.serious::text", null),
    AGE_GROUP("ageGroup", Level.CASE, "s.age_group", null),
    SEX("sex", Level.CASE, "s.sex", null),
    REPORTER_QUALIFICATION("reporterQualification", Level.CASE, "s.reporter_qualification", null),
    COUNTRY("country", Level.CASE, "s.country", null),
    SOURCE("source", Level.CASE, "s.source", null),
    /** Poison-centre fields (NPDS codes, issue 17), from the version's poison_centre document; absent when not given. */
    EXPOSURE_REASON("exposureReason", Level.CASE, "(s.pc -> 'exposure' ->> 'reason')", null),
    EXPOSURE_CHRONICITY("exposureChronicity", Level.CASE, "(s.pc -> 'exposure' ->> 'chronicity')", null),
    EXPOSURE_SITE("exposureSite", Level.CASE, "(s.pc -> 'exposure' ->> 'site')", null),
    CARE_LEVEL("careLevel", Level.CASE, "(s.pc -> 'care' ->> 'level')", null),
    MEDICAL_OUTCOME("medicalOutcome", Level.CASE, "(s.pc -> 'care' ->> 'medicalOutcome')", null),
    /**
     * {@value #PROBABLE_OR_BETTER} when the latest assessment of at least one product x reaction pair of the case
     * is WHO-UMC CERTAIN or PROBABLE (a reassessment replaces the earlier one); absent otherwise.
     */
    CAUSALITY(
            "causality",
            Level.CASE,
            "(select '" + Dimension.PROBABLE_OR_BETTER + "'::text where exists (select 1"
                    + " from causality_assessment ca where ca.case_id = s.cid and ca.who_umc in ('CERTAIN', 'PROBABLE')"
                    + " and not exists (select 1 from causality_assessment cb where cb.case_id = ca.case_id"
                    + " and cb.product_index = ca.product_index and cb.reaction_index = ca.reaction_index"
                    + " and cb.assessment_version > ca.assessment_version)))",
            null);

    /** The one value of {@link #PRODUCT_NAME} for every placeholder of a confidential name. */
    static final String NAME_WITHHELD = "NAME WITHHELD";

    /** The one value of {@link #CAUSALITY}. */
    static final String PROBABLE_OR_BETTER = "PROBABLE_OR_BETTER";

    /** Where a dimension's values live; each level but CASE is reached by a join from the scope. */
    public enum Level {
        CASE("", null),
        /** A product whose name is withheld (no product, coded WITHHELD) is still a product row of the case. */
        PRODUCT(
                "case_product cp join product_name_coding pnc on pnc.name = cp.name_reported"
                        + " left join product p on p.id = pnc.product_id",
                "cp.case_version_id"),
        REACTION(
                "case_reaction r left join verbatim_coding vc on vc.verbatim = r.verbatim"
                        + " left join symptom_term t on t.id = vc.term_id",
                "r.case_version_id"),
        CRITERION("case_seriousness cs", "cs.case_version_id"),
        SOURCE_OUTCOME("case_source_outcome so", "so.case_version_id");

        /** The tables of the level, joined among themselves. */
        final String tables;
        /** The column that ties a row of the level to its case version. */
        final String version;
        /** The join from the scope {@code s} to the level, for grouping. */
        final String join;

        /** The tables of the level (for the write side, statistics.aggregates). */
        public String tables() {
            return tables;
        }

        /** The column that ties a row of the level to its case version (for the write side). */
        public String version() {
            return version;
        }

        Level(String tables, String version) {
            this.tables = tables;
            this.version = version;
            this.join = version == null
                    ? ""
                    : tables.contains(" join ")
                            ? " join (" + tables + ") on " + version + " = s.vid"
                            : " join " + tables + " on " + version + " = s.vid";
        }

        /**
         * Whether the scope row {@code s} has a row of this level matching {@code condition}; correlated in the
         * WHERE clause so that PostgreSQL plans it as a semi-join (or, negated, an anti-join).
         */
        String exists(String condition) {
            return "exists (select 1 from " + tables + " where " + version + " = s.vid and " + condition + ")";
        }
    }

    final String code;
    final Level level;
    final String key;
    final String label;
    /** Where the label of a key is looked up from the key alone: table, key column (as text), label column. */
    final String labelTable;

    final String labelKey;
    final String labelColumn;

    Dimension(String code, Level level, String key, String label) {
        this(code, level, key, label, null, null, null);
    }

    Dimension(
            String code,
            Level level,
            String key,
            String label,
            String labelTable,
            String labelKey,
            String labelColumn) {
        this.code = code;
        this.level = level;
        this.key = key;
        this.label = label;
        this.labelTable = labelTable;
        this.labelKey = labelKey;
        this.labelColumn = labelColumn;
    }

    public String code() {
        return code;
    }

    /** Where the dimension's values live. */
    public Level level() {
        return level;
    }

    /** The SQL expression of a value's key, over the level's tables. */
    public String key() {
        return key;
    }

    static Dimension byCode(String code) {
        for (Dimension d : values()) {
            if (d.code.equals(code)) {
                return d;
            }
        }
        return null;
    }

    static String allowed() {
        return Arrays.stream(values()).map(Dimension::code).collect(Collectors.joining(", "));
    }
}
