package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.verbatim, t.code, t.preferred_name, t.organ_class, c.method
                        from verbatim_coding c left join symptom_term t on t.id = c.term_id
                        where c.verbatim = any (cast(?1 as text[]))""")
                .setParameter(1, verbatims.toArray(new String[0]))
                .getResultList();
        for (Object[] r : rows) {
            out.put(
                    (String) r[0],
                    new ReactionCoding(
                            (String) r[1], (String) r[2], (String) r[3], CodingMethod.valueOf((String) r[4])));
        }
        return out;
    }

    public Map<String, ProductCoding> products(Collection<String> names) {
        Map<String, ProductCoding> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select c.name, p.id, p.name, p.substance, p.curated, c.method
                        from product_name_coding c left join product p on p.id = c.product_id
                        where c.name = any (cast(?1 as text[]))""")
                .setParameter(1, names.toArray(new String[0]))
                .getResultList();
        for (Object[] r : rows) {
            out.put(
                    (String) r[0],
                    new ProductCoding(
                            r[1] == null ? null : ((Number) r[1]).longValue(),
                            (String) r[2],
                            r[1] == null ? SubstanceDetector.UNKNOWN : (String) r[3],
                            r[1] != null && (Boolean) r[4],
                            CodingMethod.valueOf((String) r[5])));
        }
        return out;
    }
}
