package nlagent.standalone;

import java.net.InetAddress;

import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.TransportListener;

/** The "network" of request-path tests: keeps the last message sent, opens nothing. */
final class CapturingTransport implements TransportMapping<UdpAddress> {
    private static final UdpAddress NOWHERE = new UdpAddress(InetAddress.getLoopbackAddress(), 0);
    byte[] last;
    long sent;

    @Override
    public Class<? extends org.snmp4j.smi.Address> getSupportedAddressClass() {
        return UdpAddress.class;
    }

    @Override
    public UdpAddress getListenAddress() {
        return NOWHERE;
    }

    @Override
    public void sendMessage(UdpAddress address, byte[] message, TransportStateReference ref, long timeout, int retries) {
        last = message;
        sent++;
    }

    @Override
    public void addTransportListener(TransportListener l) {
    }

    @Override
    public void removeTransportListener(TransportListener l) {
    }

    @Override
    public void close() {
    }

    @Override
    public void listen() {
    }

    @Override
    public boolean isListening() {
        return false;
    }

    @Override
    public int getMaxInboundMessageSize() {
        return StandaloneConfig.MAX_UDP_PAYLOAD;
    }
}
