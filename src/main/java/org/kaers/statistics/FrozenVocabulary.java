package org.kaers.statistics;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.kaers.statistics.disclosure.Disclosure;

/**
 * The vocabulary and codings of the latest release, for every caller who reads frozen releases
 * ({@link Disclosure#frozen()}), in one place: a connection handed to such a caller has {@code search_path}
 * {@value #FROZEN}, so that every table of {@link #TABLES} it names (labels, product and term listings, the coder's
 * preview, the codings and causality of recounts from the raw rows, openFDA's record) is the copy the release cut
 * (migration V42, {@link ReleaseStore#cut()}). Every other connection has the default path: reviewers,
 * administrators, workers and writes see the live tables.
 */
@ApplicationScoped
class FrozenVocabulary implements AgroalPoolInterceptor {

    /** The tables a release copies into schema {@value #SCHEMA}, with their names and columns. */
    static final List<String> TABLES = List.of(
            "organ_class",
            "symptom_term",
            "symptom_synonym",
            "verbatim_coding",
            "substance",
            "product",
            "product_alias",
            "product_alias_key",
            "product_name_coding",
            "causality_assessment");

    static final String SCHEMA = "kaers_release";
    /** openFDA's per-version record (V80), rebuilt over the copies; its release scope is V81's view, rebuilt too. */
    static final String RECORD_VIEW = "openfda_food_event_version";

    private static final String FROZEN = SCHEMA + ", public";
    private static final String LIVE = "public";
    private static final String OWN_CASES = "/api/v1/reports";
    private static final String OWN_FHIR_CASES = "/api/v1/fhir/";

    /** The path each physical connection has for sure (unknown, or being set in a transaction: absent). */
    private final Map<Connection, String> paths = Collections.synchronizedMap(new WeakHashMap<>());

    private final Disclosure disclosure;
    private final CurrentVertxRequest request;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;

    FrozenVocabulary(
            Disclosure disclosure,
            CurrentVertxRequest request,
            jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.disclosure = disclosure;
        this.request = request;
        this.transactions = transactions;
    }

    /**
     * Whether the connection serves a caller who reads frozen releases, in a read: never a write (a reporter's
     * submission codes through the live vocabulary) nor a reporter's read of their own cases
     * ({@value #OWN_CASES}...), which shows them what they sent, coded as it is now.
     */
    private boolean frozenRead() {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive()) {
            return false; // not a request (a scheduled job, a worker): live, as writes must be
        }
        try {
            RoutingContext ctx = request.getCurrent();
            if (ctx == null
                    || (ctx.request().method() != HttpMethod.GET
                            && ctx.request().method() != HttpMethod.HEAD)) {
                return false;
            }
            String path = ctx.request().path();
            return path != null
                    && !path.startsWith(OWN_CASES)
                    && !path.startsWith(OWN_FHIR_CASES)
                    && disclosure.frozen();
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return false; // after the request (its audit entry, written off the event loop): no caller to serve
        }
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        onConnectionAcquire(connection, LIVE);
    }

    /** As {@link #onConnectionAcquire(Connection)} for a datasource whose own path is {@code live}. */
    void onConnectionAcquire(Connection connection, String live) {
        try {
            setPath(connection, frozenRead() ? SCHEMA + ", " + live : live);
        } catch (SQLException e) {
            // Never hand a frozen caller a connection that would read the live vocabulary.
            throw new IllegalStateException("cannot set the search path of a connection", e);
        }
    }

    private void setPath(Connection connection, String wanted) throws SQLException {
        Connection physical =
                connection.unwrap(org.postgresql.PGConnection.class) instanceof Connection c ? c : connection;
        if (wanted.equals(paths.get(physical))) {
            return; // a connection keeps its path: a researcher's next request on it costs no statement
        }
        try (Statement s = connection.createStatement()) {
            s.execute("set search_path to " + wanted);
        }
        if (connection.getAutoCommit()) {
            paths.put(physical, wanted);
            return;
        }
        // Inside a transaction the SET lasts only if it commits: the path is known once the transaction has ended
        // (outside one, never: OnCommit drops it).
        paths.remove(physical);
        org.kaers.common.OnCommit.run(transactions, () -> paths.put(physical, wanted));
    }

    @Override
    public int getPriority() {
        return 0;
    }
}
