package org.kaers.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;

/**
 * Idempotency-Key records for create and follow-up. A key is claimed inside the caller's transaction,
 * before any work: a concurrent request with the same key waits on the key's row and then sees the
 * first one's result; if the first rolls back, its claim disappears with it. Records are kept forever
 * (they are small), so a retry is safe however late it comes. Keys are the caller's own: stored as a hash of the
 * caller's principal and the key, so that another caller's identical key neither collides with it nor learns that
 * it exists (README, "Security").
 */
@ApplicationScoped
class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final EntityManager em;
    private final ObjectMapper json;

    IdempotencyStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** What an earlier request with the same key produced. */
    record Replay(String caseNumber, int version) {}

    /** Throws 400 for a malformed key; a null key means the client did not ask for idempotency. */
    static void validateKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(Violation.header(HEADER, "must be 1 to 200 visible ASCII characters"));
        }
    }

    /**
     * Claims the key for this request, or returns the replay of the request that claimed it first.
     *
     * @throws ApiProblem 422 when the key was used for a different request
     */
    Optional<Replay> claim(String owner, String clientKey, String operation, Object request) {
        String key = scoped(owner, clientKey);
        String hash = fingerprint(operation, request);
        return claimHashed(key, hash);
    }

    private Optional<Replay> claimHashed(String key, String hash) {
        int inserted = em.createNativeQuery("""
                insert into idempotency_record (idempotency_key, request_hash, created_at)
                values (?1, ?2, ?3) on conflict (idempotency_key) do nothing""")
                .setParameter(1, key)
                .setParameter(2, hash)
                .setParameter(3, Instant.now())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                select request_hash, case_number, version from idempotency_record where idempotency_key = ?1""").setParameter(1, key).getSingleResult();
        if (!hash.equals(row[0]) || row[1] == null) {
            throw keyReused();
        }
        return Optional.of(new Replay((String) row[1], ((Number) row[2]).intValue()));
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
        String key = scoped(owner, clientKey);
        em.createNativeQuery("update idempotency_record set case_number = ?1, version = ?2 where idempotency_key = ?3")
                .setParameter(1, caseNumber)
                .setParameter(2, version)
                .setParameter(3, key)
                .executeUpdate();
    }

    /** The stored key: the caller's principal and their key, hashed (fits the column whatever their lengths). */
    static String scoped(String owner, String clientKey) {
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
    String fingerprint(String operation, Object request) {
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
