package org.kaers.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The streaming replica (README, "Deployment"): a read-only PostgreSQL hot standby that answers the read requests
 * named in {@code kaers.replica.routes} while it is no further behind the primary than {@code kaers.replica.max-lag}.
 * The datasource is Quarkus's named datasource {@code replica} ({@code quarkus.datasource.replica.*}, transactions
 * disabled: its reads are never part of a write); without a JDBC URL it is inactive and everything is read from the
 * primary. Its lag is measured at most once per {@code check-interval} (shared by every request): 0 when the standby
 * has replayed all it received, else the age of the last transaction it replayed; a standby that cannot be reached
 * or not measured is {@link Status#UNREACHABLE}. Writes and the aggregate worker never come here.
 */
@ApplicationScoped
public class ReadReplica {

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    /** The datasource's name: {@code quarkus.datasource.replica.*}. */
    public static final String DATASOURCE = "replica";

    /**
     * The standby's lag in seconds: 0 when everything received is replayed (an idle primary sends nothing to
     * replay, so the age of the last replayed transaction says nothing then), else the age of the last replayed
     * transaction (null before the first one: unknown). On a server that is not in recovery (a primary given as
     * replica), 0.
     */
    static final String LAG_SQL = """
            select case when not pg_is_in_recovery() then 0::float8
                        when pg_last_wal_receive_lsn() is not null
                             and pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0::float8
                        else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 end""";

    /** Settings of the replica. */
    @ConfigMapping(prefix = "kaers.replica")
    public interface Config {
        /** Reads go to the primary while the replica is further behind than this. */
        @WithDefault("5s")
        Duration maxLag();

        /** How long one measurement of the lag is used before the next (shared by all requests). */
        @WithDefault("1s")
        Duration checkInterval();

        /** The request paths (prefixes) whose reads the replica answers when it is usable. */
        @WithDefault("/api/v1/stats/counts,/api/v1/stats/trends,/api/v1/stats/summary,/api/v1/signals")
        List<String> routes();
    }

    /** What the replica is, as last measured. */
    public enum Status {
        /** No replica is configured: everything is read from the primary. */
        NONE,
        /** Reachable and within the lag bound: it answers the routed reads. */
        IN_USE,
        /** Reachable but further behind than the bound: the primary answers. */
        BEHIND,
        /** Not reachable or its lag not measurable: the primary answers. */
        UNREACHABLE
    }

    /** One measurement: the replica's status and lag in seconds (null when unknown). */
    public record State(Status status, Double lagSeconds) {

        public boolean usable() {
            return status == Status.IN_USE;
        }
    }

    private record Measured(State state, long atNanos) {}

    private final Config config;
    private final Optional<AgroalDataSource> dataSource;
    private final LongSupplier nanoClock;
    private volatile Measured last;

    @jakarta.inject.Inject
    ReadReplica(Config config) {
        this(config, AgroalDataSourceUtil.dataSourceIfActive(DATASOURCE), System::nanoTime);
    }

    ReadReplica(Config config, Optional<AgroalDataSource> dataSource, LongSupplier nanoClock) {
        this.config = config;
        this.dataSource = dataSource;
        this.nanoClock = nanoClock;
    }

    /** Whether a replica is configured at all. */
    public boolean configured() {
        return dataSource.isPresent();
    }

    /** Whether the reads of a request to this path are the replica's to answer (when it is usable). */
    public boolean routes(String path) {
        return dataSource.isPresent()
                && path != null
                && config.routes().stream().anyMatch(path::startsWith);
    }

    /** The replica's state, measured at most once per check interval. */
    public State state() {
        if (dataSource.isEmpty()) {
            return new State(Status.NONE, null);
        }
        Measured known = last;
        long now = nanoClock.getAsLong();
        if (known != null && now - known.atNanos() < config.checkInterval().toNanos()) {
            return known.state();
        }
        State measured = measure();
        last = new Measured(measured, now);
        return measured;
    }

    /** Marks the replica unreachable until the next check (a connection to it failed). */
    public void failed() {
        last = new Measured(new State(Status.UNREACHABLE, null), nanoClock.getAsLong());
    }

    /** A connection to the replica (autocommit, not enlisted in any transaction); the caller closes it. */
    public Connection connection() throws SQLException {
        return dataSource
                .orElseThrow(() -> new SQLException("no replica configured"))
                .getConnection();
    }

    private State measure() {
        try (Connection c = connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(LAG_SQL)) {
            r.next();
            double lag = r.getDouble(1);
            if (r.wasNull()) {
                return new State(Status.BEHIND, null);
            }
            lag = Math.max(0, lag);
            return new State(lag * 1000 > config.maxLag().toMillis() ? Status.BEHIND : Status.IN_USE, lag);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("replica not reachable: %s", e.getClass().getSimpleName());
            return new State(Status.UNREACHABLE, null);
        }
    }
}
