package org.kaers.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.DuplicateScreening;
import org.kaers.load.LoadReports;

/**
 * {@link LinkageIndex#candidates}: each probe reads at most {@code max} entries of the index in receipt order
 * (V90), and the answer is still the {@code max} most recently received indexed cases sharing a probe, as a plain
 * sort of every hit gives them: by receipt time, not by id; across two probes; without the screened case itself;
 * a case nullified since its last screening left out. The keys are written here (not by the worker), with receipt
 * times moved out of id order so that ordering by id would fail.
 */
@QuarkusTest
class LinkageIndexTest {

    @Inject
    LinkageIndex index;

    @Inject
    EntityManager em;

    @Test
    void eachCaseGetsTheMostRecentlyReceivedSharersOfItsProbes() {
        String token = CaseReports.uniqueToken();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String number = CaseReports.submit(LoadReports.report(token.hashCode() + i, token + "-" + i));
            ids.add(id(number));
        }
        DuplicateScreening.catchUp(); // the worker screened them: nothing of theirs is queued now
        long screened = ids.get(0);
        long nullified = ids.get(8);
        int max = 5;
        // One transaction, rolled back: the worker cannot see (and re-screen) what it changes.
        assertThatThrownBy(
                        () -> QuarkusTransaction.requiringNew().run(() -> check(ids, token, screened, nullified, max)))
                .isInstanceOf(RolledBack.class);
    }

    /** Thrown at the end of the check so that its transaction rolls back. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }

    private void check(List<Long> ids, String token, long screened, long nullified, int max) {
        // receipt times out of id order: case i received (5 i mod 14) hours after a fixed day
        for (int i = 0; i < ids.size(); i++) {
            em.createNativeQuery("update case_report set received_at = timestamptz '2020-01-01 00:00Z'"
                            + " + make_interval(hours => ?1) where id = ?2")
                    .setParameter(1, (i * 5) % 14)
                    .setParameter(2, ids.get(i))
                    .executeUpdate();
        }
        // key A: cases 0-9; key B: cases 0 and 10-13; the screened case is case 0
        for (int i = 0; i < ids.size(); i++) {
            insertKey(i < 10 ? "TEST_A" : "TEST_B", token, ids.get(i));
        }
        insertKey("TEST_B", token, screened);
        em.createNativeQuery(
                        "update case_report set status = 'NULLIFIED', nullified_at = now(), nullification_reason = 'ERROR' where id = ?1")
                .setParameter(1, nullified)
                .executeUpdate();
        List<Long> expected = oracle(screened, token, max);
        assertThat(expected).hasSize(max - 1).doesNotContain(screened, nullified);
        // ordering by id would have given other cases: the receipt order is what decides
        List<Long> byId = ids.stream()
                .filter(i -> i != screened && i != nullified)
                .sorted(java.util.Comparator.reverseOrder())
                .limit(max - 1)
                .toList();
        assertThat(expected).isNotEqualTo(byId);

        LinkageIndex.Candidates found = index.candidates(
                Map.of(screened, Set.of(new LinkageKeys.Key("TEST_A", token), new LinkageKeys.Key("TEST_B", token))),
                max);
        assertThat(found.byCase().get(screened)).containsExactlyElementsOf(expected);
        assertThat(found.versions()).containsOnlyKeys(expected);
        assertThat(found.versions().values()).containsOnly(1);
        // the planner setting the statement needs is the transaction's again afterwards
        assertThat(em.createNativeQuery("select current_setting('enable_bitmapscan')")
                        .getSingleResult())
                .isEqualTo("on");
        throw new RolledBack();
    }

    private void insertKey(String field, String value, long caseId) {
        em.createNativeQuery("insert into duplicate_key (field, value, case_id, received_at)"
                        + " select ?1, ?2, id, received_at from case_report where id = ?3")
                .setParameter(1, field)
                .setParameter(2, value)
                .setParameter(3, caseId)
                .executeUpdate();
    }

    /**
     * Every hit of both keys sorted: the {@code max} most recent indexed cases, of which the active ones (the
     * nullified one keeps its place, as documented).
     */
    @SuppressWarnings("unchecked")
    private List<Long> oracle(long screened, String token, int max) {
        List<Object> rows = em.createNativeQuery("select c.id from (select distinct k.case_id, k.received_at"
                        + "   from duplicate_key k where k.field in ('TEST_A', 'TEST_B') and k.value = ?1"
                        + "   and k.case_id <> ?2 order by k.received_at desc, k.case_id desc limit ?3) h"
                        + " join case_report c on c.id = h.case_id and c.status = 'ACTIVE'"
                        + " order by h.received_at desc, h.case_id desc")
                .setParameter(1, token)
                .setParameter(2, screened)
                .setParameter(3, max)
                .getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    private long id(String caseNumber) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select id from case_report where case_number = ?1")
                                .setParameter(1, caseNumber)
                                .getSingleResult())
                        .longValue());
    }
}
