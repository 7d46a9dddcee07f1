package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The current coding of reported texts, for showing a case as it now counts. */
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
        List<Object[]> rows = em.createQuery("""
                        select c.verbatim, t.code, t.preferredName, t.organClass, c.method
                        from VerbatimCoding c left join SymptomTerm t on t.id = c.termId
                        where c.verbatim in ?1""", Object[].class)
                .setParameter(1, List.copyOf(verbatims))
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
        List<Object[]> rows = em.createQuery("""
                        select c.name, p.id, p.name, p.substance, p.curated, c.method
                        from ProductNameCoding c left join Product p on p.id = c.productId
                        where c.name in ?1""", Object[].class)
                .setParameter(1, List.copyOf(names))
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
