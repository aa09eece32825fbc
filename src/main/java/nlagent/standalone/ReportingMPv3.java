package nlagent.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.MutablePDU;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MutableStateReference;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StateReference;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

import nlagent.mib.oid.SnmpEngineMibs;

/**
 * snmp4j's MPv3 with the Reports of RFC 3414 3.2 as net-snmp's tools expect them:
 * <ul>
 * <li>usmStatsWrongDigests, usmStatsUnknownUserNames, usmStatsUnsupportedSecLevels,
 *     usmStatsUnknownEngineIDs and usmStatsDecryptionErrors go out at noAuthNoPriv: the agent cannot
 *     authenticate (let alone encrypt) to a sender whose key it could not verify or does not have.
 *     Only usmStatsNotInTimeWindows stays authenticated (RFC 3414 3.2 step 7);</li>
 * <li>a message at authPriv whose digest verified but whose scoped PDU does not decode after
 *     decryption was encrypted with another privacy key (AES-CFB cannot tell a wrong key otherwise):
 *     it counts as usmStatsDecryptionErrors and gets that Report (snmp4j drops it silently).</li>
 * </ul>
 * The counters in the Reports are the real ones ({@link SnmpCounters}).
 */
final class ReportingMPv3 extends MPv3 {
    private static final OID USM_STATS = Snmp4jValues.toOid(SnmpEngineMibs.USM_STATS);
    private static final OID NOT_IN_TIME_WINDOWS = Snmp4jValues.toOid(SnmpEngineMibs.USM_STATS_NOT_IN_TIME_WINDOWS);
    /** snmp4j's status for an unparseable message or scoped PDU (MPv3 SNMP_MP_PARSE_ERROR). */
    private static final int MP_PARSE_ERROR = -1408;

    private static final Logger LOG = Logger.getLogger(ReportingMPv3.class.getName());
    private static final int USM_SECURITY_MODEL = 3;

    private final USM usm;

    ReportingMPv3(USM usm, SnmpCounters counters) {
        super(usm.getLocalEngineID().getValue(), null, UsmUsers.protocols(),
                SecurityModels.getCollection(new SecurityModel[] {usm}), counters.support());
        this.usm = usm;
    }

    @Override
    public int sendReport(MessageDispatcher dispatcher, ScopedPDU pdu, int securityLevel, int securityModel,
                          OctetString securityName, int maxSizeResponseScopedPDU, StateReference<?> stateReference,
                          VariableBinding payload) {
        int level = securityLevel;
        if (payload != null && payload.getOid().startsWith(USM_STATS)
                && !payload.getOid().startsWith(NOT_IN_TIME_WINDOWS)) {
            level = SecurityLevel.NOAUTH_NOPRIV;
            stateReference.setSecurityLevel(level);
        }
        return super.sendReport(dispatcher, pdu, level, securityModel, securityName, maxSizeResponseScopedPDU, stateReference,
                payload);
    }

    @Override
    public <A extends Address> int prepareDataElements(MessageDispatcher dispatcher, A transportAddress, BERInputStream wholeMsg,
                                                       TransportStateReference tmStateReference, Integer32 messageProcessingModel,
                                                       Integer32 securityModel, OctetString securityName, Integer32 securityLevel,
                                                       MutablePDU pdu, PduHandle sendPduHandle, Integer32 maxSizeResponseScopedPDU,
                                                       StatusInformation statusInformation,
                                                       MutableStateReference<A> mutableStateReference) {
        int status = super.prepareDataElements(dispatcher, transportAddress, wholeMsg, tmStateReference, messageProcessingModel,
                securityModel, securityName, securityLevel, pdu, sendPduHandle, maxSizeResponseScopedPDU, statusInformation,
                mutableStateReference);
        boolean garbledPlaintext = status == MP_PARSE_ERROR && securityLevel.getValue() == SecurityLevel.AUTH_PRIV
                && securityName.length() > 0;
        if (status != SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR && !garbledPlaintext) {
            return status;
        }
        StateReference<A> ref = mutableStateReference.getStateReference();
        CounterEvent event = new CounterEvent(this, SnmpConstants.usmStatsDecryptionErrors);
        fireIncrementCounter(event);
        if (ref != null && (ref.getMsgFlags() & MPv3_REPORTABLE_FLAG) != 0 && ref.getTransportMapping() != null) {
            // snmp4j's own sendReport needs the request in its private message cache, which this path never fills:
            // a noAuthNoPriv Report is plain BER, so encode it here
            try {
                byte[] report = unauthenticatedReport(ref.getMsgID().getID(), securityName.getValue(),
                        new VariableBinding(event.getOid(), event.getCurrentValue()));
                ref.getTransportMapping().sendMessage(transportAddress, report, tmStateReference, 0, 0);
            } catch (IOException e) {
                LOG.fine(() -> "cannot send decryption error report to " + transportAddress + ": " + e);
            }
        }
        return SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR;
    }

    /**
     * An SNMPv3 message (RFC 3412 6) at noAuthNoPriv, not reportable, carrying a Report PDU with
     * request-id 0 (the request's PDU could not be read) and {@code counter}, from this engine.
     */
    private byte[] unauthenticatedReport(int msgId, byte[] userName, VariableBinding counter) throws IOException {
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(PDU.REPORT);
        pdu.setContextEngineID(usm.getLocalEngineID());
        pdu.setRequestID(new Integer32(0));
        pdu.add(counter);
        byte[] header = sequence(integer(msgId), integer(StandaloneConfig.MAX_UDP_PAYLOAD), octets(new byte[] {0}),
                integer(USM_SECURITY_MODEL));
        byte[] usmParams = sequence(octets(usm.getLocalEngineID().getValue()), integer(usm.getEngineBoots()),
                integer(usm.getEngineTime()), octets(userName), octets(new byte[0]), octets(new byte[0]));
        BEROutputStream scoped = new BEROutputStream(ByteBuffer.allocate(pdu.getBERLength()));
        pdu.encodeBER(scoped);
        return sequence(integer(SnmpConstants.version3), header, octets(usmParams), scoped.getBuffer().array());
    }

    private static byte[] integer(int v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BER.encodeInteger(out, BER.INTEGER, v);
        return out.toByteArray();
    }

    private static byte[] octets(byte[] v) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BER.encodeString(out, BER.OCTETSTRING, v);
        return out.toByteArray();
    }

    private static byte[] sequence(byte[]... parts) throws IOException {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BER.encodeHeader(out, BER.SEQUENCE, length);
        for (byte[] p : parts) {
            out.write(p);
        }
        return out.toByteArray();
    }
}
