package org.kaers.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class SmallCellPolicyTest {

    private final SmallCellPolicy policy = new SmallCellPolicy(5);

    @Test
    void smallMeansOneToThresholdAndZeroIsShown() {
        assertThat(policy.isSmall(0)).isFalse();
        assertThat(policy.isSmall(1)).isTrue();
        assertThat(policy.isSmall(5)).isTrue();
        assertThat(policy.isSmall(6)).isFalse();
    }

    @Test
    void aLoneSmallCellTakesTheSmallestNonZeroPartner() {
        // 40, 3, 0, 12: 3 is small; 0 cannot protect it; 12 is the smallest other non-zero cell.
        assertThat(hidden(new long[] {40, 3, 0, 12}, List.of(new int[] {0, 1, 2, 3}))).isEqualTo(bits(1, 3));
    }

    @Test
    void twoSmallCellsNeedNoPartner() {
        assertThat(hidden(new long[] {40, 3, 2, 12}, List.of(new int[] {0, 1, 2, 3}))).isEqualTo(bits(1, 2));
    }

    @Test
    void nothingSmallNothingHidden() {
        assertThat(hidden(new long[] {40, 6, 0}, List.of(new int[] {0, 1, 2}))).isEqualTo(bits());
    }

    @Test
    void complementaryCellsPropagateAcrossRowsAndColumns() {
        // 2 x 2 table: a=1 (small), b=10, c=20, d=30; rows {a,b},{c,d}; columns {a,c},{b,d}.
        // Row 1 hides b; column 1 hides c; then row 2 and column 2 each have one hidden: d is hidden too.
        long[] cells = {1, 10, 20, 30};
        List<int[]> groups = List.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {0, 2}, new int[] {1, 3});
        assertThat(hidden(cells, groups)).isEqualTo(bits(0, 1, 2, 3));
    }

    @Test
    void aLoneCellWithoutPartnerStaysTheOnlyHiddenOne() {
        // The group's total equals the cell and is small itself: the caller hides that total.
        assertThat(hidden(new long[] {4, 0}, List.of(new int[] {0, 1}))).isEqualTo(bits(0));
    }

    private BitSet hidden(long[] cells, List<int[]> groups) {
        return policy.suppress(cells, groups);
    }

    private static BitSet bits(int... indexes) {
        BitSet b = new BitSet();
        for (int i : indexes) {
            b.set(i);
        }
        return b;
    }
}
