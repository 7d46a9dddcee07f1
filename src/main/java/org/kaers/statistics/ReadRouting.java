package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;
import org.kaers.common.ReadReplica;
import org.kaers.statistics.model.ReadSide;

/**
 * Where the statistics read side's statements go ({@link ReadSide}): a transaction whose read was routed to the
 * replica gets a Hibernate session on one replica connection (REPEATABLE READ, READ ONLY, the statistics timeout),
 * opened when the read begins and closed with the transaction; every other transaction uses the primary's
 * EntityManager. Only native queries run there (the read side maps no entities).
 */
@ApplicationScoped
class ReadRouting {

    private static final Logger LOG = Logger.getLogger(ReadRouting.class);
    private static final String SESSION = ReadRouting.class.getName() + ".session";

    private final EntityManager primary;
    private final SessionFactory sessions;
    private final ReadReplica replica;
    private final TransactionSynchronizationRegistry transaction;

    ReadRouting(
            EntityManager primary,
            SessionFactory sessions,
            ReadReplica replica,
            TransactionSynchronizationRegistry transaction) {
        this.primary = primary;
        this.sessions = sessions;
        this.replica = replica;
        this.transaction = transaction;
    }

    @Produces
    @ReadSide
    @Singleton
    EntityManager readSide() {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(current(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, handler);
    }

    private EntityManager current() {
        Object session = transaction.getTransactionKey() == null ? null : transaction.getResource(SESSION);
        return session == null ? primary : (EntityManager) session;
    }

    /**
     * Opens the replica session of the current transaction: false (and the replica marked unreachable until its
     * next check) when no connection could be had.
     */
    boolean openReplica(long timeoutMillis) {
        Connection connection = null;
        try {
            connection = replica.connection();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            try (PreparedStatement s = connection.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                s.setString(1, timeoutMillis + "ms");
                s.execute();
            }
        } catch (SQLException e) {
            LOG.debugf("replica connection failed: %s", e.getClass().getSimpleName());
            close(connection);
            replica.failed();
            return false;
        }
        Connection opened = connection;
        Session session = sessions.withOptions()
                .connection(opened)
                .autoJoinTransactions(false)
                .openSession();
        transaction.putResource(SESSION, session);
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                try {
                    session.close();
                } finally {
                    close(opened);
                }
            }
        });
        return true;
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            // broken: closing returns it to the pool, which discards it
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("closing a replica connection failed: %s", e.getClass().getSimpleName());
        }
    }
}
