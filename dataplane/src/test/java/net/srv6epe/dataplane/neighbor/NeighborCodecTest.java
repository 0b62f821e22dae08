package net.srv6epe.dataplane.neighbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

class NeighborCodecTest
{
    // Golden frames made with scapy 2.5 (Ether/IPv6/ICMPv6ND_NS/ICMPv6NDOptSrcLLAddr etc.).
    private static final String SCAPY_NS =
        "3333ff0000010200000000aa86dd6000000000203afffd000001000000000000000000000002ff0200000000000000000001" +
        "ff00000187007ced00000000fd00000100000000000000000000000101010200000000aa";
    private static final String SCAPY_NA =
        "0200000000bb0200000000aa86dd6000000000203afffd000001000000000000000000000002fd0000010000000000000000" +
        "0000000188009beee0000000fd00000100000000000000000000000202010200000000aa";
    private static final String SCAPY_ARP =
        "ffffffffffff0200000000aa080600010800060400010200000000aac6120002000000000000c6120001" +
        "000000000000000000000000000000000000";

    private static final long OUR_MAC = MacAddress.parse("02:00:00:00:00:aa");
    private static final long PEER_MAC = MacAddress.parse("02:00:00:00:00:bb");
    private static final long OUR_HI = Ipv6Address.parseHi("fd00:1::2");
    private static final long OUR_LO = Ipv6Address.parseLo("fd00:1::2");
    private static final long PEER_HI = Ipv6Address.parseHi("fd00:1::1");
    private static final long PEER_LO = Ipv6Address.parseLo("fd00:1::1");

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    private byte[] bytes(final int length)
    {
        final byte[] b = new byte[length];
        buffer.getBytes(0, b);
        return b;
    }

    @Test
    void encodesSolicitationLikeScapy()
    {
        final int length = NdpPacket.encodeSolicitation(
            buffer, 0, NdpPacket.multicastMac(NdpPacket.solicitedNodeLo(PEER_LO)), OUR_MAC, OUR_HI, OUR_LO,
            NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(PEER_LO), PEER_HI, PEER_LO);
        assertArrayEquals(HexFormat.of().parseHex(SCAPY_NS), bytes(length));
    }

    @Test
    void encodesAdvertisementLikeScapy()
    {
        final int length = NdpPacket.encodeAdvertisement(
            buffer, 0, PEER_MAC, OUR_MAC, OUR_HI, OUR_LO, PEER_HI, PEER_LO,
            NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, OUR_HI, OUR_LO);
        assertArrayEquals(HexFormat.of().parseHex(SCAPY_NA), bytes(length));
    }

    @Test
    void encodesArpRequestLikeScapy()
    {
        final int length = ArpPacket.encode(
            buffer, 0, MacAddress.BROADCAST, OUR_MAC, ArpPacket.OP_REQUEST, OUR_MAC, Ipv4Address.parse("198.18.0.2"),
            0, Ipv4Address.parse("198.18.0.1"));
        assertArrayEquals(HexFormat.of().parseHex(SCAPY_ARP), bytes(length));
    }

    @Test
    void parsesScapySolicitation()
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_NS);
        final NdpPacket ndp = new NdpPacket();
        assertEquals(NdpPacket.VALID, ndp.wrap(new UnsafeBuffer(frame), 0, frame.length));
        assertEquals(NdpPacket.TYPE_NEIGHBOR_SOLICITATION, ndp.type());
        assertEquals(PEER_HI, ndp.targetHi());
        assertEquals(PEER_LO, ndp.targetLo());
        assertEquals(OUR_HI, ndp.sourceHi());
        assertEquals(OUR_LO, ndp.sourceLo());
        assertEquals(OUR_MAC, ndp.linkLayerAddress());
        assertEquals(NeighborFrames.NEIGHBOR_SOLICITATION, NeighborFrames.classify(new UnsafeBuffer(frame), 0, 86));
    }

    @Test
    void parsesScapyAdvertisement()
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_NA);
        final NdpPacket ndp = new NdpPacket();
        assertEquals(NdpPacket.VALID, ndp.wrap(new UnsafeBuffer(frame), 0, frame.length));
        assertEquals(NdpPacket.TYPE_NEIGHBOR_ADVERTISEMENT, ndp.type());
        assertEquals(NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, ndp.flags());
        assertEquals(OUR_MAC, ndp.linkLayerAddress());
    }

    @Test
    void parsesScapyArp()
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_ARP);
        final ArpPacket arp = new ArpPacket();
        assertTrue(arp.wrap(new UnsafeBuffer(frame), 0, frame.length));
        assertEquals(ArpPacket.OP_REQUEST, arp.operation());
        assertEquals(OUR_MAC, arp.senderMac());
        assertEquals(Ipv4Address.parse("198.18.0.2"), arp.senderIp());
        assertEquals(Ipv4Address.parse("198.18.0.1"), arp.targetIp());
        assertEquals(NeighborFrames.ARP, NeighborFrames.classify(new UnsafeBuffer(frame), 0, frame.length));
    }

    @Test
    void rejectsArpWithWrongHardwareLength()
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_ARP);
        frame[18] = 8;
        assertFalse(new ArpPacket().wrap(new UnsafeBuffer(frame), 0, frame.length));
        assertFalse(new ArpPacket().wrap(new UnsafeBuffer(frame), 0, 30));
    }

    @Test
    void solicitedNodeAddressAndMacFollowRfc4291And2464()
    {
        final long lo = Ipv6Address.parseLo("fd00::12:3456:789a");
        assertEquals("ff02::1:ff56:789a", Ipv6Address.format(NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(lo)));
        assertEquals("33:33:ff:56:78:9a", MacAddress.format(NdpPacket.multicastMac(NdpPacket.solicitedNodeLo(lo))));
        assertTrue(NdpPacket.isSolicitedNode(NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(lo)));
    }

    /** Each bad vector: a mutation of the scapy NS (offset, new byte value, whether to fix the checksum). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hop limit 254,            21, 254, false, 2",
        "hop limit 1,              21, 1,   true,  2",
        "checksum off by one,      57, 0xee, false, 3",
        "code not zero,            55, 1,   true,  4",
        "option length zero,       79, 0,   true,  4",
        "option overruns message,  79, 2,   true,  4",
        "target multicast,         62, 0xff, true, 4",
        "payload length beyond frame, 19, 0x40, true, 4",
        "payload length below 24,  19, 0x10, true, 4",
    })
    void rejectsMalformedSolicitation(
        final String name, final int offset, final String value, final boolean fixChecksum, final int expected)
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_NS);
        frame[offset] = (byte)Integer.decode(value).intValue();
        final UnsafeBuffer b = new UnsafeBuffer(frame);
        if (fixChecksum)
        {
            refreshChecksum(b, frame.length);
        }
        assertEquals(expected, new NdpPacket().wrap(b, 0, frame.length), name);
    }

    @Test
    void rejectsDadSolicitationWithSourceLinkLayerOption()
    {
        final int length = NdpPacket.encodeSolicitation(
            buffer, 0, NdpPacket.multicastMac(NdpPacket.solicitedNodeLo(PEER_LO)), OUR_MAC, 0, 0,
            NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(PEER_LO), PEER_HI, PEER_LO);
        assertEquals(NdpPacket.MALFORMED, new NdpPacket().wrap(buffer, 0, length));
    }

    @Test
    void rejectsMulticastAdvertisementWithSolicitedFlag()
    {
        final int length = NdpPacket.encodeAdvertisement(
            buffer, 0, NdpPacket.multicastMac(1), OUR_MAC, OUR_HI, OUR_LO, NdpPacket.allNodesHi(),
            NdpPacket.allNodesLo(), NdpPacket.FLAG_SOLICITED, OUR_HI, OUR_LO);
        assertEquals(NdpPacket.MALFORMED, new NdpPacket().wrap(buffer, 0, length));
    }

    @Test
    void truncatedFrameIsMalformedNotAnException()
    {
        final byte[] frame = HexFormat.of().parseHex(SCAPY_NS);
        for (int length = 0; length < frame.length; length++)
        {
            final int result = new NdpPacket().wrap(new UnsafeBuffer(frame), 0, length);
            assertTrue(result == NdpPacket.NOT_NDP || result == NdpPacket.MALFORMED, "length " + length);
        }
    }

    static void refreshChecksum(final UnsafeBuffer b, final int frameLength)
    {
        final int icmpLength = b.getShort(18, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int usable = Math.min(icmpLength, frameLength - 54);
        b.putShort(56, (short)0);
        b.putShort(56, (short)NdpPacket.checksum(b, 14, 54, usable), java.nio.ByteOrder.BIG_ENDIAN);
    }
}
