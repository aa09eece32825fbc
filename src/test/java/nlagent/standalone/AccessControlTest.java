package nlagent.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * v1/v2c access decisions, and the kept last grant (a poll's thousands of requests share one decision):
 * a grant is reused only for the same community octets from an equal address, never for another
 * client, community or context.
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
    void repeatedRequestsOfAWalkShareOneDecision() {
        AccessControl.Decision first = access.community(bytes("public"), LOOPBACK);
        assertEquals(new AccessControl.Read(""), first);
        assertSame(first, access.community(bytes("public"), address("127.0.0.1")), "an equal address, fresh octets");
    }

    @Test
    void aGrantIsNotReusedForAnotherClient() {
        assertInstanceOf(AccessControl.Read.class, access.community(bytes("public"), LOOPBACK));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("public"), OTHER));
        assertInstanceOf(AccessControl.Read.class, access.community(bytes("public"), LOOPBACK));
    }

    @Test
    void aGrantIsNotReusedForAnotherCommunityOrContext() {
        assertEquals(new AccessControl.Read("ns7"), access.community(bytes("public@ns7"), LOOPBACK));
        assertEquals(new AccessControl.Read("ns8"), access.community(bytes("public@ns8"), LOOPBACK), "same length, other context");
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("publiC@ns8"), LOOPBACK));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("fixed"), LOOPBACK), "fixed is not allowed from 127.0.0.1");
        assertEquals(new AccessControl.Read("ns1"), access.community(bytes("fixed"), OTHER));
        assertInstanceOf(AccessControl.Drop.class, access.community(bytes("public"), OTHER));
    }

    @Test
    void theKeptGrantDoesNotFollowTheCallersArray() {
        byte[] community = bytes("public");
        assertEquals(new AccessControl.Read(""), access.community(community, LOOPBACK));
        community[0] = 'q'; // a caller reusing its buffer for the next datagram
        assertInstanceOf(AccessControl.Drop.class, access.community(community, LOOPBACK));
    }

    /**
     * What a kept grant rests on: the rules read only the address octets, and an equal address is the same
     * octets. A scoped link-local address is one source whatever its scope; an IPv4-mapped IPv6 source is not
     * the IPv4 one (the v4 filter matches the mapped form, an IPv6 filter the IPv4 one never).
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
