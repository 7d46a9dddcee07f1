package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The replica's state: measured at most once per check interval; none configured is NONE and routes nothing. */
class ReadReplicaStateTest {

    private static final ReadReplica.Config CONFIG = new ReadReplica.Config() {
        @Override
        public Duration maxLag() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration checkInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public List<String> routes() {
            return List.of("/api/v1/stats/counts", "/api/v1/signals");
        }
    };

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();

    /** A replica whose every connection fails (and is counted). */
    private AgroalDataSource unreachable() {
        return (AgroalDataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {AgroalDataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                        throw new SQLException("connection refused");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void measuredOncePerIntervalAndUnreachableWhenItCannotBeConnected() {
        ReadReplica replica = new ReadReplica(CONFIG, Optional.of(unreachable()), nanos::get);
        assertThat(replica.state()).isEqualTo(new ReadReplica.State(ReadReplica.Status.UNREACHABLE, null));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(replica.state().usable()).isFalse();
        assertThat(connections).hasValue(1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        replica.state();
        assertThat(connections).hasValue(2);
        assertThat(replica.routes("/api/v1/stats/counts")).isTrue();
        assertThat(replica.routes("/api/v1/stats/line-listing")).isFalse();
        assertThat(replica.routes(null)).isFalse();
    }

    @Test
    void withoutAReplicaNothingIsRoutedOrMeasured() {
        ReadReplica replica = new ReadReplica(CONFIG, Optional.empty(), nanos::get);
        assertThat(replica.configured()).isFalse();
        assertThat(replica.routes("/api/v1/stats/counts")).isFalse();
        assertThat(replica.state()).isEqualTo(new ReadReplica.State(ReadReplica.Status.NONE, null));
    }
}
