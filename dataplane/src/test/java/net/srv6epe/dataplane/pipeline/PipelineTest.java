package net.srv6epe.dataplane.pipeline;

import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.p6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole in-memory pipeline, frame in -> frames out, with packets written in header algebra. Two ports:
 * {@code core} (#0, towards the SRv6 underlay) and {@code edge} (#1, towards hosts and peers).
 */
class PipelineTest
{
    private final PipelineFixture fx = new PipelineFixture();
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 20000));

    @ParameterizedTest
    @ValueSource(ints = { 64, 512, 1400 })
    void endDt6DecapsulatesIntoThePeerVrfAndForwardsToThePeer(final int size)
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(SRC,S1)/IPv6(H,C;hl=64)/UDP(1000,2000)", size);
        assertOneFrame(EDGE, EDGE_MAC, EDGE_PEER_MAC, "IPv6(H,C;hl=63)/UDP(1000,2000)");
        assertEquals(1, fx.counters.total(PipelineCounters.DECAPSULATED));
    }

    @Test
    void endDt46DecapsulatesIpv4IntoThePeerVrf()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(SRC,S4)/IPv4(h4,c4;ttl=20)/UDP(1,2)", 100);
        assertOneFrame(EDGE, EDGE_MAC, EDGE_PEER_MAC, "IPv4(h4,c4;ttl=19)/UDP(1,2)");
    }

    @ParameterizedTest
    @ValueSource(ints = { 64, 512, 1400 })
    void pbrSteersTheEpeSourceIntoItsVrfAndHEncapsWithThePeerSid(final int size)
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv6(EPE,C;hl=64,fl=5)/TCP(40000,80)", size);
        assertOneFrame(CORE, CORE_MAC, CORE_PEER_MAC,
            "IPv6(SRC,S3;fl=5)SRH(S3;SL=0)IPv6(EPE,C;hl=63,fl=5)/TCP(40000,80)");
        assertEquals(1, fx.counters.total(PipelineCounters.ENCAPSULATED));
    }

    @Test
    void anotherSourceToTheSameDestinationFollowsTheDefaultVrf()
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv6(H,C;hl=64)/TCP(40000,80)", 100);
        assertOneFrame(EDGE, EDGE_MAC, EDGE_PEER_MAC, "IPv6(H,C;hl=63)/TCP(40000,80)");
    }

    @Test
    void ipv4FromTheEpeSourceIsEncapsulatedReducedWithoutSrh()
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv4(h4,c4;ttl=30)/UDP(5,6)", 64);
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        final String described = describeL3(out);
        assertTrue(described.startsWith("IPv6(SRC,S3"), described);
        assertTrue(described.endsWith("IPv4(h4,c4;ttl=29)/UDP(5,6)"), described);
        assertTrue(!described.contains("SRH"), described);
    }

    @Test
    void endAdvancesToTheNextSegmentAndRoutesByTheNewDestination()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(SRC,S2;hl=10)/SRH(S3,S2;SL=1)/IPv6(H,C)/UDP(1,2)", 64);
        assertOneFrame(CORE, CORE_MAC, CORE_PEER_MAC, "IPv6(SRC,S3;hl=9)SRH(S3,S2;SL=0)IPv6(H,C)/UDP(1,2)");
    }

    @Test
    void endXWithPspPopsTheSrhAndSendsToItsNextHop()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(SRC,S5;hl=10)/SRH(C,S5;SL=1)/UDP(1,2)", 64);
        assertOneFrame(EDGE, EDGE_MAC, EDGE_PEER_MAC, "IPv6(SRC,C;hl=9)/UDP(1,2)");
    }

    @Test
    void twoConsecutiveLocalSegmentsAreProcessedInOnePass()
    {
        // End: SL 2 -> 1, DA S5, hop limit 9; End.X with PSP: SL 1 -> 0, DA C, SRH popped, hop limit 8
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(SRC,S2;hl=10)/SRH(C,S5,S2;SL=2)/UDP(1,2)", 64);
        assertOneFrame(EDGE, EDGE_MAC, EDGE_PEER_MAC, "IPv6(SRC,C;hl=8)/UDP(1,2)");
    }

    @Test
    void hopLimitOneIsAnsweredWithTimeExceededFromTheIngressPort()
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv6(C,H;hl=1)/UDP(1,2)", 64);
        // back to C, which the default VRF reaches through the edge peer
        final byte[] out = assertOneFrameOn(EDGE, EDGE_MAC, EDGE_PEER_MAC);
        assertTrue(describeL3(out).startsWith("IPv6(E,C"), describeL3(out));
        assertEquals(1, fx.counters.drops(DropReason.IPV6_HOP_LIMIT_EXCEEDED));
    }

    @Test
    void segmentsLeftNotZeroAtEndDt6IsAParameterProblemPointingAtSegmentsLeft()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,S1)/SRH(S3,S1;SL=1)/IPv6(H,C)/UDP(1,2)", 64);
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        final String described = describeL3(out);
        assertTrue(described.startsWith("IPv6(R,N"), described);
        // ICMPv6 Parameter Problem (type 4, code 0), pointer = 40 + 3 (the SRH's Segments Left)
        final int icmp = 14 + 40;
        assertEquals(4, out[icmp] & 0xFF);
        assertEquals(0, out[icmp + 1] & 0xFF);
        assertEquals(43, ((out[icmp + 4] & 0xFF) << 24) | ((out[icmp + 5] & 0xFF) << 16) |
            ((out[icmp + 6] & 0xFF) << 8) | (out[icmp + 7] & 0xFF));
        assertEquals(1, fx.counters.drops(DropReason.SRH_SL_NONZERO));
    }

    @Test
    void unknownSidInOurLocatorIsDroppedAndCounted()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,fc00:a::99)/IPv6(H,C)/UDP(1,2)", 64);
        assertTrue(fx.sent.isEmpty());
        assertEquals(1, fx.counters.drops(DropReason.SRV6_SID_UNKNOWN));
    }

    @Test
    void noRouteIsAnsweredWithDestinationUnreachable()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,fd00:77::1)/UDP(1,2)", 64);
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        assertEquals(1, out[14 + 40] & 0xFF);
        assertEquals(1, fx.counters.drops(DropReason.IPV6_NO_ROUTE));
    }

    @Test
    void blackholeDropsSilently()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,fd00:dead::1)/UDP(1,2)", 64);
        assertTrue(fx.sent.isEmpty());
        assertEquals(1, fx.counters.drops(DropReason.ROUTE_BLACKHOLE));
    }

    @Test
    void echoRequestToOurAddressIsAnswered()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,R)/ICMPv6Echo(7,1)", 56);
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        assertEquals("IPv6(R,N)/ICMPv6EchoReply(7,1)", describeL3(out));
    }

    @Test
    void icmpEchoToOurIpv4AddressIsAnswered()
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv4(198.18.1.20,198.18.1.1)/ICMPEcho(3,4)", 64);
        final byte[] out = assertOneFrameOn(EDGE, EDGE_MAC, EDGE_PEER_MAC);
        assertEquals("IPv4(198.18.1.1,198.18.1.20)/ICMP(0,0;param=196612)", describeL3(out));
    }

    @Test
    void echoRequestToALocalSidIsAnswered()
    {
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,S2)/ICMPv6Echo(9,2)", 56);
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        assertEquals("IPv6(S2,N)/ICMPv6EchoReply(9,2)", describeL3(out));
    }

    @Test
    void framesForAnotherMacAreIgnored()
    {
        receive(CORE, CORE_PEER_MAC, 0x0200_0000_0099L, "IPv6(SRC,S1)/IPv6(H,C)/UDP(1,2)", 64);
        assertTrue(fx.sent.isEmpty());
        assertEquals(1, fx.counters.drops(DropReason.ETH_NOT_FOR_US));
    }

    @Test
    void tooBigForTheEgressMtuAfterEncapsulationIsAnsweredWithPacketTooBig()
    {
        receive(EDGE, EDGE_PEER_MAC, EDGE_MAC, "IPv6(EPE,C)/UDP(1,2)", 1500 - 48);
        // back to the EPE source, which the default VRF reaches through the core
        final byte[] out = assertOneFrameOn(CORE, CORE_MAC, CORE_PEER_MAC);
        final int icmp = 14 + 40;
        assertEquals(2, out[icmp] & 0xFF);
        // MTU left inside the tunnel: 1500 - 40 (outer IPv6) - 24 (SRH with one segment)
        assertEquals(1500 - 64, ((out[icmp + 6] & 0xFF) << 8) | (out[icmp + 7] & 0xFF));
        assertEquals(1, fx.counters.drops(DropReason.IPV6_PACKET_TOO_BIG));
    }

    @Test
    void unresolvedNextHopIsHandedToTheNeighborAgent()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(fx.publisher.current());
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:99::/64"), RouteAction.via(
            Ipv6Address.parseHi("fd00:e::77"), Ipv6Address.parseLo("fd00:e::77"), "edge"));
        fx.publisher.publish(b.build());
        fx.pipeline.beginBatch();
        receive(CORE, CORE_PEER_MAC, CORE_MAC, "IPv6(N,fd00:99::1)/UDP(1,2)", 64);
        assertTrue(fx.sent.isEmpty());
        assertEquals(1, fx.counters.total(PipelineCounters.HELD_FOR_NEIGHBOR));
        fx.agent.doWork();
        // The fx.agent now solicits the next hop on the edge port.
        final int[] solicitations = { 0 };
        fx.agent.proxy().drainOutput(EDGE, (buffer, offset, length) -> solicitations[0]++, 10);
        assertEquals(1, solicitations[0]);
    }

    private void receive(final int port, final long srcMac, final long dstMac, final String algebra, final int size)
    {
        final boolean v4 = algebra.startsWith("IPv4");
        final byte[] l3 = Packets.build(algebra, payloadFor(algebra, size), fx.book);
        final int offset = Pipeline.HEADROOM;
        putMac(offset, dstMac);
        putMac(offset + 6, srcMac);
        frame.putShort(offset + 12, (short)(v4 ? 0x0800 : 0x86DD), java.nio.ByteOrder.BIG_ENDIAN);
        frame.putBytes(offset + 14, l3);
        fx.pipeline.process(port, frame, offset, 14 + l3.length);
    }

    /** Payload octets so the L3 packet is {@code size} octets long (at least 8 of payload). */
    private int payloadFor(final String algebra, final int size)
    {
        final int headers = Packets.build(algebra, 0, fx.book).length;
        return Math.max(8, size - headers);
    }

    private void putMac(final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            frame.putByte(offset + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }

    private void assertOneFrame(final int port, final long srcMac, final long dstMac, final String expected)
    {
        final byte[] out = assertOneFrameOn(port, srcMac, dstMac);
        assertEquals(expected, describeL3(out));
    }

    private byte[] assertOneFrameOn(final int port, final long srcMac, final long dstMac)
    {
        assertEquals(1, fx.sent.size(), "frames sent: " + fx.sent.size() + " drops: " + dropSummary());
        assertEquals(port, fx.sentPorts.get(0), "egress port");
        final byte[] out = fx.sent.get(0);
        assertEquals(dstMac, mac(out, 0), "destination MAC");
        assertEquals(srcMac, mac(out, 6), "source MAC");
        return out;
    }

    private String describeL3(final byte[] frame)
    {
        final String d = PacketDescriber.describe(frame, 14, frame.length - 14, fx.book);
        final int payload = d.lastIndexOf(")+");
        return payload < 0 ? d : d.substring(0, payload + 1);
    }

    private String dropSummary()
    {
        final StringBuilder sb = new StringBuilder();
        for (final DropReason r : DropReason.values())
        {
            if (fx.counters.drops(r) > 0)
            {
                sb.append(r.label()).append('=').append(fx.counters.drops(r)).append(' ');
            }
        }
        return sb.toString();
    }

    private static long mac(final byte[] b, final int offset)
    {
        long v = 0;
        for (int i = 0; i < 6; i++)
        {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return v;
    }

    @SuppressWarnings("unused")
    private static String hex(final byte[] b)
    {
        return Arrays.toString(b);
    }
}
