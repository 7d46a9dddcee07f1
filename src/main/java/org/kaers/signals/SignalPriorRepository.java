package org.kaers.signals;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The fitted EBGM priors, newest last. */
@ApplicationScoped
class SignalPriorRepository implements PanacheRepository<SignalPrior> {

    /** The newest prior of a level. */
    Optional<SignalPrior> newest(PriorLevel level) {
        return find("level = ?1 order by id desc", level.code).firstResultOptional();
    }
}
