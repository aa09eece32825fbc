package nlagent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The estimate's arithmetic and basis: excess / cost, capped by the live namespaces with the implied cost. */
class ChainEstimateTest {
    @Test
    void costBasisWhileBelowTheNamespaceCount() {
        assertEquals(new ChainEstimate(458, ChainEstimate.Basis.COST, 120), ChainEstimate.of(55_000, 120, OptionalLong.of(2_008)));
        assertEquals(new ChainEstimate(0, ChainEstimate.Basis.COST, 120), ChainEstimate.of(0, 120, OptionalLong.of(8)));
        assertEquals(new ChainEstimate(3_733, ChainEstimate.Basis.COST, 120), ChainEstimate.of(448_000, 120, OptionalLong.empty()),
                "no count: no bound");
    }

    @Test
    void boundedByLiveNamespacesWithTheImpliedCost() {
        // the case: 448 us excess at 2,000 namespaces read as 3,733 entries at 120 ns
        ChainEstimate e = ChainEstimate.of(448_000, 120, OptionalLong.of(2_000));
        assertEquals(new ChainEstimate(2_000, ChainEstimate.Basis.NAMESPACES, 224), e);
        assertEquals("~2000 chain entries (bounded by the 2000 live namespaces; the excess implies >= 224 ns per entry,"
                + " see nlagent check --calibrate)", e.describe());
        assertEquals(new ChainEstimate(458, ChainEstimate.Basis.COST, 120).describe(), "~458 chain entries at 120 ns each");
        assertEquals(ChainEstimate.Basis.COST, ChainEstimate.of(448_000, 120, OptionalLong.of(0)).basis(), "0: unknown, not a bound");
    }
}
