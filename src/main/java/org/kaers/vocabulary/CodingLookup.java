package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The current coding of reported texts, for showing a case as it now counts. One statement with an array parameter
 * per kind (verbatims, product names): the statement text is the same whatever the number of texts, so it is prepared once (an HQL IN list
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

    /** The current coding of a case's (or a batch's) verbatims and product names, read together. */
    public record Codings(Map<String, ReactionCoding> reactions, Map<String, ProductCoding> products) {}

    /** Both codings in one statement (one round trip: a case read and an intake batch need both). */
    public Codings of(Collection<String> verbatims, Collection<String> names) {
        Map<String, ReactionCoding> reactions = new HashMap<>();
        Map<String, ProductCoding> products = new HashMap<>();
        if (verbatims.isEmpty() && names.isEmpty()) {
            return new Codings(reactions, products);
        }
        // plain JDBC on the transaction's connection (the ORM's native query cost several times the statement's own
        // work: 6 % of the service's CPU at the load harness's maximum rate, issue 16); what the transaction has
        // persisted is flushed first, as the ORM's native query did
        em.flush();
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement q = c.prepareStatement(CODINGS)) {
                q.setArray(1, c.createArrayOf("text", verbatims.toArray()));
                q.setArray(2, c.createArrayOf("text", names.toArray()));
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt(1) == 0) {
                            reactions.put(
                                    rs.getString(2),
                                    new ReactionCoding(
                                            rs.getString(3),
                                            rs.getString(4),
                                            rs.getString(5),
                                            CodingMethod.valueOf(rs.getString(8))));
                            continue;
                        }
                        long id = rs.getLong(6);
                        boolean coded = !rs.wasNull();
                        products.put(
                                rs.getString(2),
                                new ProductCoding(
                                        coded ? id : null,
                                        rs.getString(4),
                                        coded ? rs.getString(5) : SubstanceDetector.UNKNOWN,
                                        coded && rs.getBoolean(7),
                                        CodingMethod.valueOf(rs.getString(8))));
                    }
                }
            }
        });
        return new Codings(reactions, products);
    }

    /** Reactions (kind 0) and products (kind 1): kind, text, term code, name, organ class or substance, ids. */
    private static final String CODINGS = """
            select 0, c.verbatim, t.code, t.preferred_name, t.organ_class, null::bigint, null::boolean, c.method
            from verbatim_coding c left join symptom_term t on t.id = c.term_id
            where c.verbatim = any (?::text[])
            union all
            select 1, c.name, null, p.name, p.substance, p.id, p.curated, c.method
            from product_name_coding c left join product p on p.id = c.product_id
            where c.name = any (?::text[])""";
}
