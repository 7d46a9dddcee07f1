package org.kaers.statistics;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;

/**
 * {@link FrozenVocabulary} on the streaming replica's connections too (common.ReadReplica): a frozen caller's read
 * routed there reads the release's copies, which the replica holds as the primary does. Unused while no replica is
 * configured.
 */
@ApplicationScoped
@DataSource("replica")
class FrozenVocabularyOnReplica implements AgroalPoolInterceptor {

    private final FrozenVocabulary frozen;
    /** The replica datasource's own path (its JDBC {@code currentSchema}, public when none is configured). */
    private final String live;

    FrozenVocabularyOnReplica(
            FrozenVocabulary frozen,
            @org.eclipse.microprofile.config.inject.ConfigProperty(
                            name = "quarkus.datasource.replica.jdbc.additional-jdbc-properties.currentSchema",
                            defaultValue = "public")
                    String live) {
        this.frozen = frozen;
        this.live = live;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        frozen.onConnectionAcquire(connection, live);
    }
}
