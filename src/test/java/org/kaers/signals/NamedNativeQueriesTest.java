package org.kaers.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** Every native query signals keeps (the {@code ..._SQL} constants) is planned by PostgreSQL with sample parameters. */
@QuarkusTest
class NamedNativeQueriesTest {

    @Inject
    EntityManager em;

    @Test
    @TestTransaction
    void priorQueriesArePlanned() {
        assertThat(em.createNativeQuery("explain " + PriorStore.FIT_LOCK_SQL)
                        .setParameter(1, 1L)
                        .getResultList())
                .isNotEmpty();
    }

    @Test
    @TestTransaction
    void labelQueriesArePlanned() {
        SignalService.LABEL_SQL.forEach((subject, sql) -> assertThat(em.createNativeQuery("explain " + sql)
                        .setParameter(1, subject.equals("product") ? "1" : "x")
                        .getResultList())
                .as(subject)
                .isNotEmpty());
    }
}
