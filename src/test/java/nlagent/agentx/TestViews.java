package nlagent.agentx;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.VarBind;

/**
 * Synthetic views under a private enterprise arc (between NET-SNMP-MIB 1.3.6.1.4.1.8072 and
 * snmpModules 1.3.6.1.6.3 in snmpd's tree): every value type, padding lengths 0/3/4/5, Counter64
 * above 2^32, a 60 KB string, a 2,000-row table and a 100-row table.
 */
final class TestViews {
    static final Oid PEN = Oid.parse("1.3.6.1.4.1.99999");
    static final Oid BIG_TABLE = PEN.append(20, 1);
    static final Oid SMALL_TABLE = PEN.append(21, 1);
    static final int BIG_ROWS = 2_000;
    static final int SMALL_ROWS = 100;
    static final long C64 = 0x1_0000_0000L * 3 + 7; // 12884901895 > 2^32

    private TestViews() {
    }

    static byte[] bigString() {
        byte[] b = new byte[60_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** The scalars; {@code tag} changes .1.0 so per-context views differ. */
    static List<VarBind> scalars(int tag) {
        return List.of(
                new VarBind(PEN.append(1, 0), MibValue.integer(tag)),
                new VarBind(PEN.append(2, 0), MibValue.octets(new byte[0])),
                new VarBind(PEN.append(3, 0), MibValue.string("abc")),
                new VarBind(PEN.append(4, 0), MibValue.string("abcd")),
                new VarBind(PEN.append(5, 0), MibValue.string("abcde")),
                new VarBind(PEN.append(6, 0), MibValue.ipAddress(new byte[] {10, 0, (byte) 200, 1})),
                new VarBind(PEN.append(7, 0), MibValue.oid(Oid.parse("1.3.6.1.2.1.2.2.1.1"))),
                new VarBind(PEN.append(8, 0), MibValue.counter32(4_294_967_294L)),
                new VarBind(PEN.append(9, 0), MibValue.gauge32(4_000_000_000L)),
                new VarBind(PEN.append(10, 0), MibValue.timeTicks(123_456)),
                new VarBind(PEN.append(11, 0), MibValue.counter64(C64)),
                new VarBind(PEN.append(12, 0), MibValue.octets(bigString())));
    }

    /** Every binding of the view, in OID order. */
    static List<VarBind> bindings(int tag) {
        List<VarBind> all = new ArrayList<>(scalars(tag));
        for (int col = 1; col <= 3; col++) {
            for (int row = 1; row <= BIG_ROWS; row++) {
                all.add(new VarBind(BIG_TABLE.append(col, row), bigCell(col, row)));
            }
        }
        for (int col = 1; col <= 2; col++) {
            for (int row = 1; row <= SMALL_ROWS; row++) {
                all.add(new VarBind(SMALL_TABLE.append(col, row), col == 1 ? MibValue.integer(row) : MibValue.string("r" + row)));
            }
        }
        return all;
    }

    static MibValue bigCell(int col, int row) {
        switch (col) {
            case 1: return MibValue.integer(row);
            case 2: return MibValue.string("row-" + row);
            default: return MibValue.counter64(C64 * row);
        }
    }

    static SortedMibView view(int tag) {
        SortedMibView.Builder b = SortedMibView.builder().subtree(PEN);
        for (int i = 1; i <= 12; i++) {
            b.object(PEN.append(i));
        }
        for (int col = 1; col <= 3; col++) {
            b.object(BIG_TABLE.append(col));
        }
        b.object(SMALL_TABLE.append(1)).object(SMALL_TABLE.append(2));
        for (VarBind vb : bindings(tag)) {
            b.add(vb.oid(), vb.value());
        }
        return b.build();
    }
}
