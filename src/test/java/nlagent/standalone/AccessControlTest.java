package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * v1/v2c access decisions: a community read from its octets against each rule's (no string per request),
 * a fixed context's decision made once per rule, and nothing carried from one request to the next: another
 * client, community or context is decided on its own.
 */
class AccessControlTest {
    private static final InetAddress LOOPBACK = address("127.0.0.1");
    private static final InetAddress OTHER = address("192.0.2.7");

    private final AccessControl access;

    AccessControlTest() throws Exception {
        access = new AccessControl(List.of(
                new StandaloneConfig.Community("public", SourceFilter.parse("127.0.0.1", null), "*"),
                new StandaloneConfig.Community("fixed", SourceFilter.parse("192.0.2.0/24", null), "ns1")), List.of());
    }

    @Test
    void aFixedContextsDecisionIsMadeOnce() {
        AccessControl.Decision first = access.community(bytes("public"), LOOPBACK);
        assertEquals(new AccessControl.Read(""), first);
        assertSame(first, access.community(bytes("public"), address("127.0.0.1")), "an equal address, fresh octets");
    }

    @Test
    void aReadForOneClientSaysNothingForAnother() {
        assertInstanceOf(AccessControl.Read.class, access.community(bytes("public"), LOOPBACK));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("public"), OTHER));
        assertInstanceOf(AccessControl.Read.class, access.community(bytes("public"), LOOPBACK));
    }

    @Test
    void communitiesAndContextsByTheirOctets() {
        assertEquals(new AccessControl.Read("ns7"), access.community(bytes("public@ns7"), LOOPBACK));
        assertEquals(new AccessControl.Read("ns8"), access.community(bytes("public@ns8"), LOOPBACK), "same length, other context");
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("publiC@ns8"), LOOPBACK));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("fixed"), LOOPBACK), "fixed is not allowed from 127.0.0.1");
        assertEquals(new AccessControl.Read("ns1"), access.community(bytes("fixed"), OTHER));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("public"), OTHER));
    }

    @Test
    void nothingIsKeptFromTheCallersArray() {
        byte[] community = bytes("public");
        assertEquals(new AccessControl.Read(""), access.community(community, LOOPBACK));
        community[0] = 'q'; // a caller reusing its buffer for the next datagram
        assertInstanceOf(AccessControl.Drop.class, access.community(community, LOOPBACK));
    }

    /**
     * IPv6 sources by their octets: a scoped link-local address is one source whatever its scope; an
     * IPv4-mapped IPv6 source is not the IPv4 one (the v4 filter matches the mapped form, an IPv6 filter the
     * IPv4 one never).
     */
    @Test
    void ipv6SourcesByOctetsScopesAsOneMappedAsTheirOwn() throws Exception {
        AccessControl v6 = new AccessControl(List.of(
                new StandaloneConfig.Community("link", SourceFilter.parse("fe80::/10", null), ""),
                new StandaloneConfig.Community("six", SourceFilter.parse("::/0", null), "ns6"),
                new StandaloneConfig.Community("four", SourceFilter.parse("192.0.2.0/24", null), "ns4")), List.of());
        AccessControl.Decision scope1 = v6.community(bytes("link"), InetAddress.getByName("fe80::1%1"));
        assertEquals(new AccessControl.Read(""), scope1);
        assertSame(scope1, v6.community(bytes("link"), InetAddress.getByName("fe80::1%2")));
        assertInstanceOf(AccessControl.Drop.class, v6.community(bytes("link"), InetAddress.getByName("2001:db8::1")));

        byte[] mappedOctets = new byte[16];
        mappedOctets[10] = (byte) 0xff;
        mappedOctets[11] = (byte) 0xff;
        System.arraycopy(OTHER.getAddress(), 0, mappedOctets, 12, 4);
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, mappedOctets, -1);
        assertEquals(new AccessControl.Read("ns6"), v6.community(bytes("six"), mapped));
        assertInstanceOf(AccessControl.Drop.class, v6.community(bytes("six"), OTHER), "::/0 is not an IPv4 source");
        assertEquals(new AccessControl.Read("ns4"), v6.community(bytes("four"), OTHER));
        assertEquals(new AccessControl.Read("ns4"), v6.community(bytes("four"), mapped), "the v4 filter takes the mapped form");
    }

    /** A name ISO-8859-1 cannot carry matches no octets (as when the octets were read as a Latin-1 string). */
    @Test
    void aNameBeyondLatin1MatchesNothing() throws Exception {
        AccessControl wide = new AccessControl(List.of(
                new StandaloneConfig.Community("caf\u00e9\u20ac", SourceFilter.parse("default", null), "*"),
                new StandaloneConfig.Community("caf\u00e9", SourceFilter.parse("default", null), "")), List.of());
        assertInstanceOf(AccessControl.Drop.class, wide.community("caf\u00e9\u20ac".getBytes(StandardCharsets.UTF_8), LOOPBACK));
        assertInstanceOf(AccessControl.Drop.class, wide.community(bytes("caf\u00e9?"), LOOPBACK));
        assertEquals(new AccessControl.Read(""), wide.community(bytes("caf\u00e9"), LOOPBACK), "Latin-1 octets");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
