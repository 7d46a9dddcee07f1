package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

/**
 * Reads routed to the streaming replica, and back to the primary when it lags or cannot be reached, with the test
 * database itself configured as the "replica" (README, "Deployment": a real hot standby needs a second cluster, made
 * as root; that run is the load harness's, {@code -Pload}). The replica's connections put schema {@code replica_sim}
 * first on their search path; there the functions the lag check calls report a lag the test sets (or fail: an
 * unreachable standby), and a view {@code stats_cell} shows every aggregate cell times 10, so an answer read on a
 * replica connection is told apart from the primary's by its numbers, not only by what its meta claims.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.PrimaryAsReplica.class)
class ReadReplicaTest {

    /** The test database as replica, seen through replica_sim; lag measured on every read. */
    public static class PrimaryAsReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.replica.jdbc.url",
                    "${quarkus.datasource.jdbc.url}",
                    "quarkus.datasource.replica.password",
                    "${quarkus.datasource.password}",
                    "quarkus.datasource.replica.jdbc.additional-jdbc-properties.currentSchema",
                    "replica_sim,public,pg_catalog",
                    "kaers.replica.check-interval",
                    "0s",
                    "kaers.replica.max-lag",
                    "5s",
                    "kaers.replica.routes",
                    "/api/v1/stats/counts,/api/v1/signals");
        }
    }

    private static final String RESEARCHER = Tokens.of("researcher@replica", "RESEARCHER");
    private static DataSource shared;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void standby() {
        shared = dataSource;
        sql("""
                create schema if not exists replica_sim;
                create table if not exists replica_sim.standby (id int primary key, lag float8 not null, reachable boolean not null);
                insert into replica_sim.standby values (1, 0, true) on conflict (id) do update set lag = 0, reachable = true;
                create or replace function replica_sim.pg_is_in_recovery() returns boolean language plpgsql as $f$
                    begin
                        if not (select reachable from replica_sim.standby) then
                            raise exception 'the standby cannot be reached';
                        end if;
                        return true;
                    end $f$;
                create or replace function replica_sim.pg_last_wal_replay_lsn() returns pg_lsn language sql
                    as $f$ select '0/10'::pg_lsn $f$;
                create or replace function replica_sim.pg_last_wal_receive_lsn() returns pg_lsn language sql
                    as $f$ select case when (select lag from replica_sim.standby) = 0 then '0/10'::pg_lsn else '0/20'::pg_lsn end $f$;
                create or replace function replica_sim.pg_last_xact_replay_timestamp() returns timestamptz language sql
                    as $f$ select now() - make_interval(secs => (select lag from replica_sim.standby)) $f$;
                create or replace view replica_sim.stats_cell as select a, b, period, n * 10 as n, k from public.stats_cell;
                """);
        if (given().get("/api/v1/stats/counts?by=substance")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("meta.totalCases")
                == 0) {
            CaseReports.submit(CaseReports.minimal());
            CaseReports.submit(CaseReports.minimal());
            given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        }
    }

    @AfterAll
    static void dropStandby() {
        if (shared != null) {
            sql(shared, "drop schema if exists replica_sim cascade");
        }
    }

    @Test
    void aRoutedReadIsAnsweredByTheReplicaWhileItIsWithinTheLagBound() {
        setLag(0);
        JsonPath replica = counts(Tokens.ADMIN);
        assertThat(replica.getMap("meta.readSource"))
                .isEqualTo(Map.of("server", "REPLICA", "replica", "IN_USE", "replicaLagSeconds", 0.0f));
        setLag(4.5);
        JsonPath stillReplica = counts(Tokens.ADMIN);
        assertThat(stillReplica.getString("meta.readSource.server")).isEqualTo("REPLICA");
        assertThat(stillReplica.getDouble("meta.readSource.replicaLagSeconds")).isBetween(4.5, 5.0);
        setLag(60);
        JsonPath primary = counts(Tokens.ADMIN);
        assertThat(primary.getString("meta.readSource.server")).isEqualTo("PRIMARY");
        assertThat(primary.getString("meta.readSource.replica")).isEqualTo("BEHIND");
        assertThat(primary.getDouble("meta.readSource.replicaLagSeconds")).isBetween(60.0, 61.0);
        // the primary counted the two cases; the replica's connection read the cells through replica_sim (x 10)
        assertThat(primary.getLong("meta.totalCases")).isEqualTo(2);
        assertThat(primary.getList("results.count", Long.class)).containsExactly(2L);
        assertThat(replica.getLong("meta.totalCases")).isEqualTo(20);
        assertThat(replica.getList("results.count", Long.class)).containsExactly(20L);
    }

    @Test
    void anUnreachableReplicaSendsTheReadToThePrimary() {
        sql("update replica_sim.standby set reachable = false");
        JsonPath body = counts(Tokens.ADMIN);
        assertThat(body.getMap("meta.readSource")).isEqualTo(Map.of("server", "PRIMARY", "replica", "UNREACHABLE"));
        assertThat(body.getLong("meta.totalCases")).isEqualTo(2);
    }

    @Test
    void signalTablesAreRoutedAndOtherKindsStayOnThePrimary() {
        setLag(0);
        JsonPath signals = given().get("/api/v1/signals?substance=KRATOM")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(signals.getString("meta.readSource.server")).isEqualTo("REPLICA");
        assertThat(signals.getLong("meta.totalCases")).isEqualTo(20);
        JsonPath trend = given().get("/api/v1/stats/trends?interval=MONTH")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(trend.getMap("meta.readSource")).isEqualTo(Map.of("server", "PRIMARY", "replica", "NOT_ROUTED"));
    }

    @Test
    void researchersAreNotToldWhichDatabaseAnsweredNorItsLag() {
        setLag(0);
        given().post("/api/v1/stats/releases").then().statusCode(201);
        JsonPath body = counts(RESEARCHER);
        assertThat(body.getMap("meta")).doesNotContainKey("readSource");
        assertThat(body.getMap("meta")).containsKey("protection");
    }

    private static JsonPath counts(String token) {
        return given().header("Authorization", Tokens.bearer(token))
                .get("/api/v1/stats/counts?by=substance")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private void setLag(double seconds) {
        sql("update replica_sim.standby set lag = " + seconds + ", reachable = true");
    }

    private void sql(String statements) {
        sql(dataSource, statements);
    }

    private static void sql(DataSource dataSource, String statements) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
