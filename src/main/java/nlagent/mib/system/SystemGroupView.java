package nlagent.mib.system;

import static nlagent.mib.oid.SnmpV2Mib.*;

import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.MibView;
import nlagent.mib.Oid;
import nlagent.mib.SortedMibView;
import nlagent.mib.VarBind;
import nlagent.mib.netns.Uptime;

/**
 * SNMPv2-MIB system group and sysORTable, served by this agent itself in every context. Immutable
 * apart from sysUpTime.0, which reads the clock at each request (it is the one value that must move).
 */
public final class SystemGroupView implements MibView {
    private static final Oid SYS_UP_TIME_INSTANCE = SYS_UP_TIME.append(0);
    private final SortedMibView fixed;
    private final Uptime uptime;

    public SystemGroupView(SystemInfo info, Uptime uptime) {
        this.uptime = uptime;
        SortedMibView.Builder b = SortedMibView.builder().subtree(SYSTEM);
        for (Oid o : List.of(SYS_DESCR, SYS_OBJECT_ID, SYS_UP_TIME, SYS_CONTACT, SYS_NAME, SYS_LOCATION, SYS_SERVICES,
                SYS_OR_LAST_CHANGE, SYS_OR_ENTRY.append(SYS_OR_ID), SYS_OR_ENTRY.append(SYS_OR_DESCR),
                SYS_OR_ENTRY.append(SYS_OR_UP_TIME))) {
            b.object(o);
        }
        b.add(SYS_DESCR.append(0), MibValue.string(info.descr()));
        b.add(SYS_OBJECT_ID.append(0), MibValue.oid(info.objectId()));
        b.add(SYS_UP_TIME_INSTANCE, MibValue.timeTicks(0)); // placeholder: replaced on read
        b.add(SYS_CONTACT.append(0), MibValue.string(info.contact()));
        b.add(SYS_NAME.append(0), MibValue.string(info.name()));
        b.add(SYS_LOCATION.append(0), MibValue.string(info.location()));
        b.add(SYS_SERVICES.append(0), MibValue.integer(info.services()));
        // the module list is fixed at start, so it last changed at sysUpTime 0
        b.add(SYS_OR_LAST_CHANGE.append(0), MibValue.timeTicks(0));
        int n = 0;
        for (SystemInfo.Module m : info.modules()) {
            n++;
            b.add(SYS_OR_ENTRY.append(SYS_OR_ID, n), MibValue.oid(m.id()));
            b.add(SYS_OR_ENTRY.append(SYS_OR_DESCR, n), MibValue.string(m.descr()));
            b.add(SYS_OR_ENTRY.append(SYS_OR_UP_TIME, n), MibValue.timeTicks(0));
        }
        this.fixed = b.build();
    }

    @Override
    public MibValue get(Oid oid) {
        if (oid.equals(SYS_UP_TIME_INSTANCE)) {
            return MibValue.timeTicks(uptime.centisNow());
        }
        return fixed.get(oid);
    }

    @Override
    public VarBind next(Oid from, boolean include, Oid end) {
        VarBind vb = fixed.next(from, include, end);
        if (vb != null && vb.oid().equals(SYS_UP_TIME_INSTANCE)) {
            return new VarBind(SYS_UP_TIME_INSTANCE, MibValue.timeTicks(uptime.centisNow()));
        }
        return vb;
    }

    @Override
    public List<Oid> subtrees() {
        return fixed.subtrees();
    }
}
