package nlagent.standalone;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import nlagent.mib.Notification;
import nlagent.mib.NotificationSink;
import nlagent.mib.VarBind;
import nlagent.mib.netns.Uptime;
import nlagent.mib.oid.SnmpV2Mib;

/**
 * Standalone mode's {@link NotificationSink}: SNMPv2c traps to every {@code trap2sink} and
 * acknowledged informs (retried, outcome logged) to every {@code informsink}; SNMPv3 traps and
 * informs (authNoPriv or authPriv) to every {@code trapsess -v 3}. Sends from its own
 * ephemeral UDP port; never blocks the caller on a slow target.
 */
public final class TrapNotificationSink implements NotificationSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TrapNotificationSink.class.getName());
    private static final int INFORM_RETRIES = 2;
    private static final long INFORM_TIMEOUT_MS = 1500;

    private final List<NotificationTarget> targets;
    private final Uptime uptime;
    private final Snmp snmp;

    public TrapNotificationSink(List<NotificationTarget> targets, Uptime uptime) throws IOException {
        this(targets, uptime, StandaloneAgent.defaultEngineId());
    }

    /** @param engineId this agent's SNMP engine ID: SNMPv3 traps are sent from it (the receiver's createUser -e) */
    public TrapNotificationSink(List<NotificationTarget> targets, Uptime uptime, byte[] engineId) throws IOException {
        this.targets = List.copyOf(targets);
        this.uptime = uptime;
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        USM usm = new USM(UsmUsers.protocols(), new OctetString(engineId), StandaloneAgent.engineBoots());
        for (NotificationTarget t : this.targets) {
            if (t.user() != null && usm.getUserTable().getUser(new OctetString(t.user().name())) == null) {
                usm.addUser(UsmUsers.toUsmUser(t.user())); // keys localized per engine on use: ours for traps, the receiver's for informs
            }
        }
        MPv3 mpv3 = new MPv3(usm);
        // snmp4j seeds msgIDs with (engineBoots & 0xFFFF) << 16, negative for half of all boots values, and net-snmp
        // drops msgID < 0 (RFC 3412: 0..2147483647): start from a positive random value instead
        mpv3.setCurrentMsgID(1 + new java.security.SecureRandom().nextInt(1 << 30));
        dispatcher.addMessageProcessingModel(mpv3);
        this.snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
        if (!targets.isEmpty()) {
            snmp.listen(); // informs need their acknowledgements
            LOG.info(() -> "notifications go to " + targets.size() + " target(s)");
        }
    }

    @Override
    public void send(Notification n) {
        for (NotificationTarget t : targets) {
            PDU pdu = new PDU();
            pdu.setType(t.inform() ? PDU.INFORM : PDU.TRAP);
            pdu.add(new VariableBinding(Snmp4jValues.toOid(SnmpV2Mib.SYS_UP_TIME_0), new TimeTicks(uptime.centisNow())));
            pdu.add(new VariableBinding(Snmp4jValues.toOid(SnmpV2Mib.SNMP_TRAP_OID_0), Snmp4jValues.toOid(n.trapOid())));
            for (VarBind vb : n.payload()) {
                pdu.add(new VariableBinding(Snmp4jValues.toOid(vb.oid()), Snmp4jValues.toVariable(vb.value())));
            }
            if (t.user() != null) {
                pdu = toScoped(pdu);
            }
            Target<UdpAddress> target = target(t);
            target.setRetries(INFORM_RETRIES);
            target.setTimeout(INFORM_TIMEOUT_MS);
            try {
                if (t.inform()) {
                    snmp.inform(pdu, target, null, new InformOutcome(t, n));
                } else {
                    snmp.send(pdu, target);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot send " + n.trapOid() + " to " + t.address().getHostAddress() + ":" + t.port()
                        + ": " + e.getMessage());
            }
        }
    }

    private static Target<UdpAddress> target(NotificationTarget t) {
        UdpAddress to = new UdpAddress(t.address(), t.port());
        if (t.user() == null) {
            CommunityTarget<UdpAddress> c = new CommunityTarget<>(to, new OctetString(t.community()));
            c.setVersion(SnmpConstants.version2c);
            return c;
        }
        UserTarget<UdpAddress> u = new UserTarget<>(to, new OctetString(t.user().name()), new byte[0], t.level().snmp4jValue());
        u.setVersion(SnmpConstants.version3);
        return u;
    }

    private static ScopedPDU toScoped(PDU pdu) {
        ScopedPDU scoped = new ScopedPDU();
        scoped.setType(pdu.getType());
        scoped.addAll(pdu.getVariableBindings().toArray(new VariableBinding[0]));
        return scoped;
    }

    /** Logs an inform that was never acknowledged (the only failure an inform can report). */
    private static final class InformOutcome implements ResponseListener {
        private final NotificationTarget target;
        private final Notification notification;

        InformOutcome(NotificationTarget target, Notification notification) {
            this.target = target;
            this.notification = notification;
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
            if (event.getResponse() == null) {
                LOG.warning("inform " + notification.trapOid() + " to " + target.address().getHostAddress() + ":" + target.port()
                        + " was not acknowledged after " + (INFORM_RETRIES + 1) + " attempts");
            }
        }
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            LOG.fine("closing notification sender: " + e);
        }
    }
}
