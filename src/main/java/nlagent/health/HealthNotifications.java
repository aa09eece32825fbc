package nlagent.health;

import static nlagent.health.HealthOids.*;

import java.util.ArrayList;
import java.util.List;

import nlagent.mib.MibValue;
import nlagent.mib.Notification;
import nlagent.mib.Oid;
import nlagent.mib.VarBind;

/** Turns threshold crossings into DCACHE-HEALTH-MIB notifications, varbinds in the MIB's OBJECTS order. */
final class HealthNotifications {
    private HealthNotifications() {
    }

    static Notification of(AlarmEvent e, HealthStatus s, HealthConfig c) {
        List<VarBind> vb = new ArrayList<>();
        switch (e.kind()) {
            case CHAIN_RISING:
            case CHAIN_FALLING: {
                boolean rising = e.kind() == AlarmEvent.Kind.CHAIN_RISING;
                ProbeStatus p = s.probes().get(e.probeIndex() - 1);
                int i = p.index();
                vb.add(new VarBind(probeCell(PROBE_PATH, i), MibValue.string(p.path().toString())));
                vb.add(new VarBind(probeCell(PROBE_LATENCY, i), MibValue.gauge32(p.latencyNanos().orElse(0) / 1000)));
                vb.add(new VarBind(probeCell(PROBE_EXCESS, i), MibValue.gauge32(p.excessNanos().orElse(0) / 1000)));
                vb.add(new VarBind(probeCell(PROBE_CHAIN_ESTIMATE, i), MibValue.gauge32(p.chainEstimate().orElse(0))));
                vb.add(threshold(rising ? EXCESS_RISING_THRESHOLD : EXCESS_FALLING_THRESHOLD,
                        rising ? c.chainExcessUs().rising() : c.chainExcessUs().falling()));
                return finish(rising ? CHAIN_RISING : CHAIN_FALLING, vb, s);
            }
            case UNUSED_RISING:
            case UNUSED_FALLING: {
                boolean rising = e.kind() == AlarmEvent.Kind.UNUSED_RISING;
                vb.add(new VarBind(scalar(DENTRIES_UNUSED), MibValue.gauge32(s.counters().dentriesUnused().orElse(0))));
                vb.add(threshold(rising ? UNUSED_RISING_THRESHOLD : UNUSED_FALLING_THRESHOLD,
                        rising ? c.dentriesUnused().rising() : c.dentriesUnused().falling()));
                return finish(rising ? UNUSED_RISING : UNUSED_FALLING, vb, s);
            }
            case NEGATIVE_RISING:
            case NEGATIVE_FALLING: {
                boolean rising = e.kind() == AlarmEvent.Kind.NEGATIVE_RISING;
                vb.add(new VarBind(scalar(DENTRIES_NEGATIVE),
                        MibValue.gauge32(s.counters().dentriesNegative().orElse(0))));
                vb.add(threshold(rising ? NEGATIVE_RISING_THRESHOLD : NEGATIVE_FALLING_THRESHOLD,
                        rising ? c.dentriesNegative().rising() : c.dentriesNegative().falling()));
                return finish(rising ? NEGATIVE_RISING : NEGATIVE_FALLING, vb, s);
            }
            default:
                throw new IllegalArgumentException(e.toString());
        }
    }

    private static VarBind threshold(Oid object, long value) {
        return new VarBind(scalar(object), MibValue.gauge32(value));
    }

    private static Notification finish(Oid trapOid, List<VarBind> vb, HealthStatus s) {
        vb.add(new VarBind(scalar(HEALTH_STATE), MibValue.integer(s.state().mibValue)));
        vb.add(new VarBind(scalar(HEALTH_MESSAGE), MibValue.string(HealthView.displayString(s.message()))));
        return new Notification(trapOid, vb);
    }
}
