package nlagent.health;

import java.util.OptionalLong;

/**
 * How many same-named entries a probe path's excess stands for, and on what basis. The per-entry
 * cost is machine- and length-dependent (about 110 ns up to 1,000 entries, over 200 ns at 2,000 on
 * a 2-vCPU EPYC VM, as the chain falls out of the caches), so excess / a fixed cost over-reads long
 * chains. The number of live network namespaces is an upper bound on the chain (each namespace adds
 * at most one entry per name): when excess / cost exceeds it, the bound is the better estimate, and
 * the excess then implies a per-entry cost of at least excess / namespaces.
 *
 * @param entries    the estimate
 * @param basis      what it rests on
 * @param perEntryNs the per-entry cost it implies (the configured cost, or excess / namespaces when bounded)
 */
public record ChainEstimate(long entries, Basis basis, long perEntryNs) {

    public enum Basis {
        /** excess / probePerEntryNs (configured; measure it with {@code nlagent check --calibrate}). */
        COST("cost"),
        /** the live namespace count, because excess / probePerEntryNs exceeded it. */
        NAMESPACES("namespaces");

        /** Short label (metrics, perfdata). */
        public final String label;

        Basis(String label) {
            this.label = label;
        }
    }

    /**
     * @param liveNamespaces network namespaces alive now (net_namespace slab objects, else the
     *                       namespaces the agent serves); empty when unknown: no bound then
     */
    public static ChainEstimate of(long excessNanos, long perEntryNs, OptionalLong liveNamespaces) {
        long byCost = Math.max(0, excessNanos) / perEntryNs;
        if (liveNamespaces.isPresent() && liveNamespaces.getAsLong() > 0 && byCost > liveNamespaces.getAsLong()) {
            long n = liveNamespaces.getAsLong();
            return new ChainEstimate(n, Basis.NAMESPACES, excessNanos / n);
        }
        return new ChainEstimate(byCost, Basis.COST, perEntryNs);
    }

    /** "~2008 chain entries (bounded by the 2008 live namespaces; the excess implies >= 224 ns per entry)". */
    public String describe() {
        if (basis == Basis.NAMESPACES) {
            return "~" + entries + " chain entries (bounded by the " + entries
                    + " live namespaces; the excess implies >= " + perEntryNs + " ns per entry, see nlagent check --calibrate)";
        }
        return "~" + entries + " chain entries at " + perEntryNs + " ns each";
    }
}
