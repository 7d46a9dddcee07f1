package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Symptom terms with their synonyms and organ classes; the trigram search and the coders' batches stay SQL. */
@ApplicationScoped
class SymptomTermRepository implements PanacheRepository<SymptomTerm> {

    /** An organ class and how many terms it holds. */
    record OrganClassCount(String code, String name, long terms) {}

    Optional<SymptomTerm> byCode(String code) {
        return find("code", code).firstResultOptional();
    }

    /** The names of a term other than its preferred name, sorted. */
    List<String> synonymsOf(long termId) {
        return getEntityManager()
                .createQuery(
                        "select s.text from SymptomSynonym s where s.termId = ?1 and not s.preferred order by s.text",
                        String.class)
                .setParameter(1, termId)
                .getResultList();
    }

    /** The synonym with this normalised form, if any. */
    Optional<SymptomSynonym> synonym(String normalized) {
        return Optional.ofNullable(getEntityManager().find(SymptomSynonym.class, normalized));
    }

    /** The code of the term a normalised name already names. */
    Optional<String> codeNamedBy(String normalized) {
        return getEntityManager()
                .createQuery(
                        "select t.code from SymptomSynonym s join SymptomTerm t on t.id = s.termId"
                                + " where s.normalized = ?1",
                        String.class)
                .setParameter(1, normalized)
                .getResultStream()
                .findFirst();
    }

    /** A synonym as read, not managed. */
    record Name(long termId, String text, String normalized) {}

    /** Every synonym (the fuzzy coder's candidates), read as values: thousands, never changed here. */
    List<Name> allSynonyms() {
        return getEntityManager()
                .createQuery("select s.termId, s.text, s.normalized from SymptomSynonym s", Object[].class)
                .getResultStream()
                .map(r -> new Name(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                .toList();
    }

    void persist(SymptomSynonym synonym) {
        getEntityManager().persist(synonym);
    }

    boolean organClassExists(String code) {
        return code != null && getEntityManager().find(OrganClass.class, code) != null;
    }

    /** Every organ class in its sort order, with its term count. */
    List<OrganClassCount> organClasses() {
        return getEntityManager()
                .createQuery("""
                        select o.code, o.name, count(t.id) from OrganClass o left join SymptomTerm t on t.organClass = o.code
                        group by o.code, o.name, o.sortOrder order by o.sortOrder""", Object[].class)
                .getResultStream()
                .map(r -> new OrganClassCount((String) r[0], (String) r[1], ((Number) r[2]).longValue()))
                .toList();
    }
}
