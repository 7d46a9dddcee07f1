package org.kaers.statistics;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.agroal.DataSource;

/**
 * {@link FrozenVocabulary} on the streaming replica's connections too (common.ReadReplica): a frozen caller's read
 * routed there reads the release's copies, which the replica holds as the primary does. Unused while no replica is
 * configured.
 */
@ApplicationScoped
@DataSource("replica")
class FrozenVocabularyOnReplica implements AgroalPoolInterceptor {

    private final FrozenVocabulary frozen;

    FrozenVocabularyOnReplica(FrozenVocabulary frozen) {
        this.frozen = frozen;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        frozen.onConnectionAcquire(connection);
    }
}
