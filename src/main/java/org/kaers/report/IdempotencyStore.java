package org.kaers.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;

/**
 * Idempotency-Key records for create and follow-up. A key is claimed inside the caller's transaction,
 * before any work: a concurrent request with the same key waits on the key's row and then sees the
 * first one's result; if the first rolls back, its claim disappears with it. One rule and one set of statements for
 * a single request ({@link #claim}, {@link #complete}) and for the batched intake's many ({@link #claimAll},
 * {@link #completeAll}): a single request is a batch of one. Records are kept forever
 * (they are small), so a retry is safe however late it comes. Keys are the caller's own: stored as a hash of the
 * caller's principal and the key, so that another caller's identical key neither collides with it nor learns that
 * it exists (README, "Security").
 */
@ApplicationScoped
class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    /** Claims the keys not claimed before (keys, hashes: arrays in one order); returns those it claimed. */
    private static final String CLAIM = """
            insert into idempotency_record (idempotency_key, request_hash, created_at)
            select k, h, ? from unnest(?::text[], ?::text[]) with ordinality u(k, h, o) order by o
            on conflict (idempotency_key) do nothing returning idempotency_key""";

    /** The records of keys claimed before. */
    private static final String CLAIMED = """
            select idempotency_key, request_hash, case_number, version from idempotency_record
            where idempotency_key = any (?::text[])""";

    /** Records the answers (keys, case numbers, versions: arrays in one order). */
    private static final String COMPLETE = """
            update idempotency_record r set case_number = u.n, version = u.v
            from unnest(?::text[], ?::text[], ?::integer[]) u(k, n, v) where r.idempotency_key = u.k""";

    private final EntityManager em;
    private final ObjectMapper json;

    IdempotencyStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** A request's claim on a key: the stored key ({@link #scoped}) and the request's {@link #fingerprint}. */
    record Claim(String key, String requestHash) {}

    /** What an earlier claim of the same key means for a request: its replay, or a refusal. */
    sealed interface Earlier permits Replay, Reused {}

    /** What an earlier request with the same key produced: this request is its replay. */
    record Replay(String caseNumber, int version) implements Earlier {}

    /** The key was claimed for a different request (or for one that has no answer): 422, {@link #keyReused}. */
    record Reused() implements Earlier {}

    /** A stored request's answer, recorded with its key ({@link Claim#key}). */
    record Completion(String key, String caseNumber, int version) {}

    /** Throws 400 for a malformed key; a null key means the client did not ask for idempotency. */
    static void validateKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(Violation.header(HEADER, "must be 1 to 200 visible ASCII characters"));
        }
    }

    /** The claim a request makes: the caller's key, scoped to them, and the fingerprint of operation and body. */
    Claim claimFor(String owner, String clientKey, String operation, Object request) {
        return new Claim(scoped(owner, clientKey), fingerprint(operation, request));
    }

    /**
     * Claims the key for this request, or returns the replay of the request that claimed it first.
     *
     * @throws ApiProblem 422 when the key was used for a different request
     */
    Optional<Replay> claim(String owner, String clientKey, String operation, Object request) {
        Claim claim = claimFor(owner, clientKey, operation, request);
        Earlier earlier = claimAll(List.of(claim)).get(claim.key());
        if (earlier instanceof Reused) {
            throw keyReused();
        }
        return Optional.ofNullable((Replay) earlier);
    }

    /**
     * Claims every key in one insert, in the order of the keys (so two transactions claiming the same keys cannot
     * deadlock): a key claimed before (committed, or waited for until its claimer commits) is answered from its
     * record. Returns what each key claimed before means for its request; a key not in the answer is now this
     * transaction's, to {@link #completeAll complete}. The keys must differ.
     */
    Map<String, Earlier> claimAll(List<Claim> claims) {
        Map<String, String> hashes = new TreeMap<>();
        for (Claim c : claims) {
            if (hashes.put(c.key(), c.requestHash()) != null) {
                throw new IllegalArgumentException("a key claimed twice in one call");
            }
        }
        Map<String, Earlier> earlier = new HashMap<>();
        if (hashes.isEmpty()) {
            return earlier;
        }
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            Set<String> claimed = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement(CLAIM)) {
                insert.setTimestamp(1, Timestamp.from(CaseClock.now()));
                insert.setArray(2, texts(c, hashes.keySet()));
                insert.setArray(3, texts(c, hashes.values()));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getString(1));
                    }
                }
            }
            List<String> before =
                    hashes.keySet().stream().filter(k -> !claimed.contains(k)).toList();
            if (before.isEmpty()) {
                return;
            }
            try (PreparedStatement select = c.prepareStatement(CLAIMED)) {
                select.setArray(1, texts(c, before));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        earlier.put(key, earlier(hashes.get(key), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
        });
        return earlier;
    }

    /** The rule: the same request as the key's first, once that one is answered, is its replay; else a reuse. */
    private static Earlier earlier(String requestHash, String firstHash, String caseNumber, int version) {
        if (!requestHash.equals(firstHash) || caseNumber == null) {
            return new Reused();
        }
        return new Replay(caseNumber, version);
    }

    /** The answer to a key used for a different request (422). */
    static ApiProblem keyReused() {
        return new ApiProblem(
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was already used for a different request; use a new key",
                List.of(Violation.header(HEADER, "already used for a different request")),
                Map.of());
    }

    /** The operation a submission's key is claimed for (part of its fingerprint). */
    static String createOperation(String subject) {
        return "CREATE by " + subject;
    }

    void complete(String owner, String clientKey, String caseNumber, int version) {
        completeAll(List.of(new Completion(scoped(owner, clientKey), caseNumber, version)));
    }

    /** Records each stored request's case number and version with its key, in one statement. */
    void completeAll(List<Completion> done) {
        if (done.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement update = c.prepareStatement(COMPLETE)) {
                update.setArray(1, texts(c, done.stream().map(Completion::key).toList()));
                update.setArray(
                        2, texts(c, done.stream().map(Completion::caseNumber).toList()));
                update.setArray(
                        3,
                        c.createArrayOf(
                                "integer",
                                done.stream().map(Completion::version).toArray()));
                update.executeUpdate();
            }
        });
    }

    private static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }

    /** The stored key: the caller's principal and their key, hashed (fits the column whatever their lengths). */
    private static String scoped(String owner, String clientKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(owner).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(clientKey.getBytes(StandardCharsets.UTF_8));
            return "k1:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of a request's operation and body: a replay must have the same. */
    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }
}
