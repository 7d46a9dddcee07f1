package org.kaers.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.load.LoadReports;

/**
 * The candidates' features read through the cache of versions ({@link FeatureStore#candidates}) are those of the
 * fresh read ({@link FeatureStore#features}) that screening used for every candidate before issue 16: for varied
 * new cases (the load harness's), again after a recoding (the version cached, its coding not) and after a follow-up
 * (a new version).
 */
@QuarkusTest
class FeatureStoreTest {

    @Inject
    FeatureStore store;

    @Inject
    EntityManager em;

    @Test
    void theCachedReadEqualsTheFreshOneAndFollowsARecoding() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(DuplicateResourceTest.clinician(token, "2025-12-01"));
        CaseReports.submit(DuplicateResourceTest.poisonCentre(token, "2025-12-02"));
        for (int i = 0; i < 40; i++) {
            CaseReports.submit(LoadReports.report(token.hashCode() + i, token + "-" + i));
        }
        ObjectNode odd = DuplicateResourceTest.clinician(token, "2025-12-01");
        ((ObjectNode) odd.withArray("products").get(0)).put("name", "Kratom|Shot Ä " + token);
        odd.withArray("reactions").addObject().put("verbatim", "Qzx Ö " + token).put("outcome", "RECOVERED");
        CaseReports.submit(odd);
        assertSame(versions());

        DuplicateResourceTest.codeAsNausea("Qzx Ö " + token);
        Map<Long, Integer> versions = versions();
        assertSame(versions);
        assertSame(versions); // all from the cache now

        // a follow-up without the lot: the case's new version is read, not the cached one
        ObjectNode noLot = DuplicateResourceTest.clinician(token, "2025-12-01");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("lotNumber");
        CaseReports.followUp(a, 1, noLot);
        assertSame(versions());
    }

    private void assertSame(Map<Long, Integer> versions) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<Long, CaseFeatures> fresh = byId(store.features(versions.keySet()));
            Map<Long, CaseFeatures> cached = byId(store.candidates(versions));
            assertThat(cached).isEqualTo(fresh);
        });
    }

    /** The latest active cases with their versions (those of the other tests too). */
    @SuppressWarnings("unchecked")
    private Map<Long, Integer> versions() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createNativeQuery("select id, current_version from case_report"
                            + " where status = 'ACTIVE' order by id desc limit 3000")
                    .getResultList();
            Map<Long, Integer> out = new HashMap<>();
            rows.forEach(r -> out.put(((Number) r[0]).longValue(), ((Number) r[1]).intValue()));
            return out;
        });
    }

    private static Map<Long, CaseFeatures> byId(List<CaseFeatures> features) {
        Map<Long, CaseFeatures> out = new HashMap<>();
        features.forEach(f -> out.put(f.id(), f));
        return out;
    }
}
