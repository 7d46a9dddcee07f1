package org.kaers.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The cells of facts, summed in memory (the rules of AggregateStore, checked against hand-made cells). */
class CellDeltasTest {

    private static final String[] FACT = {"*", "organClass=GI", "sex=", "sex=FEMALE", "symptom=KT1", "symptom=KT2",
            "~symptom,verbatim=KT1\u001fsick"};

    private static Map<String, Long> counts(CellDeltas d) {
        Map<String, Long> out = new TreeMap<>();
        for (var e : d.drain()) {
            out.put(e.getKey().a() + "|" + e.getKey().b() + "|" + e.getKey().period(), e.getValue().n);
        }
        return out;
    }

    @Test
    void aFactHasSingleMonthlyAndPairCells() {
        CellDeltas d = new CellDeltas(AggregateStore.caseLevelEmpty());
        d.add(202601, FACT, 1, 7);
        Map<String, Long> cells = counts(d);
        // singles, all time, for every value (the combined one too), and per month for all but the combined one
        for (String v : FACT) {
            assertEquals(1L, cells.get("*|" + v + "|0"), v);
            assertEquals(v.startsWith("~") ? null : 1L, cells.get("*|" + v + "|202601"), v);
        }
        // pairs of different dimensions only; never with '*', '~' or a case-level missing value ('sex=')
        assertEquals(1L, cells.get("organClass=GI|sex=FEMALE|0"));
        assertEquals(1L, cells.get("organClass=GI|symptom=KT1|0"));
        assertEquals(1L, cells.get("sex=FEMALE|symptom=KT2|0"));
        assertEquals(null, cells.get("symptom=KT1|symptom=KT2|0"));
        assertEquals(null, cells.get("organClass=GI|sex=|0"));
        assertEquals(null, cells.get("sex=|symptom=KT1|0"));
        assertEquals(7 + 6 + 5, cells.size()); // 7 singles, 6 monthly, 5 pairs
    }

    @Test
    void aFactLeavingCancelsItsCellsAndOnlyChangesAreKept() {
        CellDeltas d = new CellDeltas(AggregateStore.caseLevelEmpty());
        d.add(202601, FACT, 1, 7);
        d.add(202601, FACT, -1, 7);
        assertTrue(d.drain().isEmpty());
        String[] moved = FACT.clone();
        moved[3] = "sex=MALE";
        d.add(202601, FACT, -1, 7);
        d.add(202601, moved, 1, 7);
        Map<String, Long> cells = counts(d);
        assertEquals(-1L, cells.get("*|sex=FEMALE|0"));
        assertEquals(1L, cells.get("*|sex=MALE|202601"));
        assertEquals(-1L, cells.get("organClass=GI|sex=FEMALE|0"));
        assertEquals(null, cells.get("*|*|0"));
    }

    @Test
    void cellsComeInTheOrderOfTheCCollation() {
        CellDeltas d = new CellDeltas(AggregateStore.caseLevelEmpty());
        d.add(202601, new String[] {"*", "productName=Z", "productName=a", "productName=\u00e9", "productName=\ud83d\ude00",
                "productName=\uff21"}, 1, 1);
        List<String> bs = d.drain().stream().filter(e -> e.getKey().period() == 0).map(e -> e.getKey().b()).toList();
        // '*' < 'Z' < 'a' < U+00E9 < U+FF21 < U+1F600 bytewise (UTF-16 order would put the emoji before U+FF21)
        assertEquals(List.of("*", "productName=Z", "productName=a", "productName=\u00e9", "productName=\uff21",
                "productName=\ud83d\ude00"), bs);
    }
}
