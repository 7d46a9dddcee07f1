package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The current coding of reported texts, for showing a case as it now counts. Native statements with one array
 * parameter: the statement text is the same whatever the number of texts, so it is prepared once (an HQL IN list
 * was translated by Hibernate anew on every call: 14 % of a submission's request-thread samples, README "Load and
 * faults").
 */
@ApplicationScoped
public class CodingLookup {

    private final EntityManager em;

    CodingLookup(EntityManager em) {
        this.em = em;
    }

    /** The coded symptom term of a reaction verbatim. */
    @Schema(
            name = "ReactionCoding",
            description = "The symptom term a verbatim is coded to now (re-coding changes it).")
    public record ReactionCoding(
            @Schema(description = "Absent while UNCODED.", examples = "KT0012")
            String termCode,

            @Schema(examples = "Jaundice") String preferredName,
            @Schema(examples = "HEPATOBILIARY") String organClass,
            CodingMethod method) {}

    /** The canonical product and substance of a product name as reported. */
    @Schema(
            name = "ProductCoding",
            description = "The canonical product and substance a reported product name is coded to now.")
    public record ProductCoding(
            @Schema(
                    description = "Absent when the name is WITHHELD (a placeholder such as REDACTED).",
                    examples = "1051")
            Long productId,

            @Schema(description = "Absent when the name is WITHHELD.", examples = "Kratom (unspecified)")
            String productName,

            @Schema(examples = "KRATOM") String substance,
            boolean curated,
            CodingMethod method) {}

    public Map<String, ReactionCoding> reactions(Collection<String> verbatims) {
        Map<String, ReactionCoding> out = new HashMap<>();
        if (verbatims.isEmpty()) {
            return out;
        }
        read(
                REACTIONS,
                verbatims,
                rs -> out.put(
                        rs.getString(1),
                        new ReactionCoding(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                CodingMethod.valueOf(rs.getString(5)))));
        return out;
    }

    public Map<String, ProductCoding> products(Collection<String> names) {
        Map<String, ProductCoding> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        read(PRODUCTS, names, rs -> {
            long id = rs.getLong(2);
            boolean coded = !rs.wasNull();
            out.put(
                    rs.getString(1),
                    new ProductCoding(
                            coded ? id : null,
                            rs.getString(3),
                            coded ? rs.getString(4) : SubstanceDetector.UNKNOWN,
                            coded && rs.getBoolean(5),
                            CodingMethod.valueOf(rs.getString(6))));
        });
        return out;
    }

    private static final String REACTIONS = """
            select c.verbatim, t.code, t.preferred_name, t.organ_class, c.method
            from verbatim_coding c left join symptom_term t on t.id = c.term_id
            where c.verbatim = any (?::text[])""";

    private static final String PRODUCTS = """
            select c.name, p.id, p.name, p.substance, p.curated, c.method
            from product_name_coding c left join product p on p.id = c.product_id
            where c.name = any (?::text[])""";

    private interface Row {
        void read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /**
     * One statement with the texts as one array, on the transaction's connection through plain JDBC (through the
     * ORM's native query each call cost several times the statement's own work: 6 % of the service's CPU at the
     * load harness's maximum rate, issue 16); what the transaction has persisted is flushed first, as the ORM's
     * native query did.
     */
    private void read(String sql, Collection<String> texts, Row row) {
        em.flush();
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement q = c.prepareStatement(sql)) {
                q.setArray(1, c.createArrayOf("text", texts.toArray()));
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        });
    }
}
