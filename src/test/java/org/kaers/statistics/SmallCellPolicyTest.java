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
    void cellsCloseToANeighbourRequestAreHiddenWhetherAboveOrBelow() {
        // Neighbour counts 40 (same), 15 (differs by 3: hidden), 0 (differs by 9: shown), 20 (differs by 5: hidden).
        BitSet differing = policy.differences(new long[] {40, 12, 9, 15}, List.of(new long[] {40, 15, 0, 20}));
        assertThat(differing).isEqualTo(bits(1, 3));
        // A second neighbour adds its own: 40 vs 44.
        assertThat(policy.differences(new long[] {40, 12, 9, 15}, List.of(new long[] {40, 15, 0, 20},
                new long[] {44, 12, 9, 15}))).isEqualTo(bits(0, 1, 3));
        // Then hidden like any other cell: 12 and 15 hidden together need no partner.
        assertThat(policy.suppress(new long[] {40, 12, 9, 15}, List.of(new int[] {0, 1, 2, 3}), differing))
                .isEqualTo(bits(1, 3));
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
