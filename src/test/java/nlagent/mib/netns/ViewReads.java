package nlagent.mib.netns;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;

/** Reads of a built view by dotted OID, for the tests of the table builders. */
final class ViewReads {
    private ViewReads() {
    }

    static MibValue get(SortedMibView v, String oid) {
        return v.get(Oid.parse(oid));
    }

    /** The index suffixes of every name under {@code prefix}, in view order. */
    static List<String> column(SortedMibView v, String prefix) {
        Oid p = Oid.parse(prefix);
        List<String> out = new ArrayList<>();
        for (int i = v.ceiling(p, false); i < v.size() && v.nameAt(i).startsWith(p); i++) {
            out.add(v.nameAt(i).suffix(p.size()).toString());
        }
        return out;
    }
}
