package org.kaers.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Admission control at the door (README, "Load and faults"): at most {@code kaers.http.max-in-flight} requests
 * outside /q/ are in progress at once; one more is answered 503 problem+json with {@code Retry-After} (1 to 3 s, at random) at once,
 * before it reaches a worker thread or waits for a database connection. Without it, a herd of clients retrying
 * together (after a restart, say) all waited the pool's acquisition timeout, then their audit rows waited again,
 * and answers took longer than the clients' timeouts. The bound is four times the connection pool (a stall of a second at the half-rate load leaves it unreached), so that
 * ordinary bursts queue briefly for a connection instead of being refused.
 *
 * <p>A request refused here reached no resource and changed nothing: it is counted ({@code
 * kaers.http.requests.shed}) and logged at most once a second, not audited row by row (the audit row would need
 * the database connection that shedding saves).
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);
    /** After the token and rate limits and the request-line checks (FrontDoor), before the body is read. */
    static final int ORDER = FrontDoor.TOKEN_ORDER + 20;

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastLogged = new AtomicLong();
    private final Counter shed;
    private final Refusals refusals;

    Admission(
            @ConfigProperty(name = "kaers.http.max-in-flight", defaultValue = "64") int limit,
            MeterRegistry metrics,
            Refusals refusals) {
        if (limit < 1) {
            throw new IllegalArgumentException("kaers.http.max-in-flight must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.refusals = refusals;
        this.shed = Counter.builder("kaers.http.requests.shed")
                .description("Requests answered 503 at the door because kaers.http.max-in-flight were in progress")
                .register(metrics);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    /**
     * 1 to 3 seconds, at random: clients that honour it come back spread over three seconds instead of together
     * (a herd refused together and told the same delay would arrive together again).
     */
    static int retryAfter() {
        return 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(3);
    }

    /** Requests in progress now (for tests and metrics). */
    public int inFlight() {
        return inFlight.get();
    }

    private void admit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            shed.increment();
            long now = System.currentTimeMillis();
            long last = lastLogged.get();
            if (now - last >= 1000 && lastLogged.compareAndSet(last, now)) {
                LOG.warnf(
                        "at capacity: %d requests in progress; shedding with 503 (%.0f shed so far)",
                        limit, shed.count());
            }
            refusals.answer(
                    ctx,
                    ProblemType.SERVICE_UNAVAILABLE,
                    "the service is at its capacity (" + limit + " requests in progress); nothing was done: retry"
                            + " after Retry-After seconds",
                    java.util.Map.of("Retry-After", String.valueOf(retryAfter())));
            return;
        }
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }
}
