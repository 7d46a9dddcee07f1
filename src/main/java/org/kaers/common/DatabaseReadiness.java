package org.kaers.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: can PostgreSQL be reached right now? A fresh connection with a 1 s limit on connecting, logging in
 * and answering {@code select 1}, outside the pool: the built-in check (switched off) borrows from the pool,
 * so when every connection is busy, as when requests pile up behind a database restart, it waited the pool's
 * acquisition timeout and could report a reachable database as down. This one answers within about a second
 * whatever the pool does (README, "Load and faults"). Says nothing about the cause in its answer.
 *
 * <p>The probe is public and neither rate-limited nor admission-controlled, so it must not let a client open
 * connections at will: at most one check runs at a time, and its answer is reused for {@link #REUSE} (a flood of
 * probes costs one PostgreSQL connection a second, not one per request, and cannot use up max_connections).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";

    private final String url;
    private final String user;
    private final String password;

    DatabaseReadiness(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** How long one check's answer is given to every probe. */
    static final long REUSE = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private HealthCheckResponse last;
    private long checkedAt;
    private long checks;

    /** Checks run (connections opened) so far, for tests. */
    synchronized long checks() {
        return checks;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.nanoTime();
        if (last == null || now - checkedAt >= REUSE) {
            last = check();
            checkedAt = System.nanoTime();
            checks++;
        }
        return last;
    }

    private HealthCheckResponse check() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("loginTimeout", "1");
        properties.setProperty("socketTimeout", "1");
        properties.setProperty("ApplicationName", "kaers-readiness");
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return HealthCheckResponse.up(NAME);
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("reason", "the database cannot be reached")
                    .build();
        }
    }
}
