package net.srv6epe.dataplane.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

class NeighborAgentTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final int PORT = 0;
    private static final long OUR_MAC = MacAddress.parse("02:00:00:00:00:aa");
    private static final long PEER_MAC = MacAddress.parse("02:00:00:00:00:bb");
    private static final long OUR_HI = Ipv6Address.parseHi("fd00:1::2");
    private static final long OUR_LO = Ipv6Address.parseLo("fd00:1::2");
    private static final long PEER_HI = Ipv6Address.parseHi("fd00:1::1");
    private static final long PEER_LO = Ipv6Address.parseLo("fd00:1::1");
    private static final int OUR_V4 = Ipv4Address.parse("198.18.0.2");
    private static final int PEER_V4 = Ipv4Address.parse("198.18.0.1");

    private long nowNs = 1_000 * SECOND;
    private final NeighborTable table = new NeighborTable();
    private NeighborAgent agent;
    private NeighborProxy proxy;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[2048]);

    @BeforeEach
    void setUp()
    {
        agent = new NeighborAgent(() -> nowNs, table, NeighborSettings.defaults(), 2);
        agent.configurePort(PORT, OUR_MAC);
        agent.addAddress(PORT, OUR_HI, OUR_LO);
        agent.addAddress(PORT, OUR_V4);
        agent.configurePort(1, MacAddress.parse("02:00:00:00:01:aa"));
        proxy = agent.proxy();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private List<byte[]> output(final int port)
    {
        final List<byte[]> frames = new ArrayList<>();
        proxy.drainOutput(port, (buffer, offset, length) ->
        {
            final byte[] f = new byte[length];
            buffer.getBytes(offset, f);
            frames.add(f);
        }, 1000);
        return frames;
    }

    private void punt(final int length)
    {
        assertTrue(proxy.punt(PORT, scratch, 0, length));
        agent.doWork();
    }

    private void advance(final long ns)
    {
        final long end = nowNs + ns;
        while (nowNs < end)
        {
            nowNs = Math.min(end, nowNs + 100_000_000L);
            agent.doWork();
        }
    }

    private int solicitationFromPeer(final long targetHi, final long targetLo)
    {
        return NdpPacket.encodeSolicitation(
            scratch, 0, NdpPacket.multicastMac(NdpPacket.solicitedNodeLo(targetLo)), PEER_MAC, PEER_HI, PEER_LO,
            NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(targetLo), targetHi, targetLo);
    }

    private int advertisementFromPeer(final int flags, final long mac)
    {
        return NdpPacket.encodeAdvertisement(
            scratch, 0, OUR_MAC, mac, PEER_HI, PEER_LO, OUR_HI, OUR_LO, flags, PEER_HI, PEER_LO);
    }

    private byte[] unresolvedFrame(final int marker)
    {
        final byte[] frame = new byte[100];
        frame[12] = (byte)0x86;
        frame[13] = (byte)0xdd;
        frame[99] = (byte)marker;
        return frame;
    }

    private static NdpPacket ndp(final byte[] frame)
    {
        final NdpPacket ndp = new NdpPacket();
        assertEquals(NdpPacket.VALID, ndp.wrap(new UnsafeBuffer(frame), 0, frame.length));
        return ndp;
    }

    private NeighborState state(final boolean ipv6, final long lo)
    {
        return table.entries().stream()
            .filter(v -> v.ipv6() == ipv6 && v.lo() == lo)
            .map(NeighborView::state).findFirst().orElse(null);
    }

    // --- answering -------------------------------------------------------------------------------------------

    @Test
    void answersSolicitationForOurAddressWithRouterSolicitedOverride()
    {
        punt(solicitationFromPeer(OUR_HI, OUR_LO));

        final List<byte[]> out = output(PORT);
        assertEquals(1, out.size());
        final NdpPacket na = ndp(out.get(0));
        assertEquals(NdpPacket.TYPE_NEIGHBOR_ADVERTISEMENT, na.type());
        assertEquals(NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, na.flags());
        assertEquals(PEER_MAC, na.ethDestination());
        assertEquals(OUR_MAC, na.ethSource());
        assertEquals(OUR_LO, na.sourceLo());
        assertEquals(PEER_LO, na.destinationLo());
        assertEquals(OUR_LO, na.targetLo());
        assertEquals(OUR_MAC, na.linkLayerAddress());
        assertEquals(1, agent.counters().get(NeighborCounter.NS_RECEIVED));
        assertEquals(1, agent.counters().get(NeighborCounter.NA_SENT));
        // RFC 4861 7.2.3: the solicitation's source link-layer address is learned, STALE.
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO));
        assertEquals(NeighborState.STALE, state(true, PEER_LO));
    }

    @Test
    void answersDuplicateAddressDetectionToAllNodesWithoutSolicitedFlag()
    {
        final int length = NdpPacket.encodeSolicitation(
            scratch, 0, NdpPacket.multicastMac(NdpPacket.solicitedNodeLo(OUR_LO)), PEER_MAC, 0, 0,
            NdpPacket.solicitedNodeHi(), NdpPacket.solicitedNodeLo(OUR_LO), OUR_HI, OUR_LO);
        // DAD carries no source link-layer option: cut it (payload length 24) and recompute the checksum.
        scratch.putShort(18, (short)24, ByteOrder.BIG_ENDIAN);
        NeighborCodecTest.refreshChecksum(scratch, length - 8);
        punt(length - 8);

        final List<byte[]> out = output(PORT);
        assertEquals(1, out.size());
        final NdpPacket na = ndp(out.get(0));
        assertEquals(NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_OVERRIDE, na.flags());
        assertEquals("ff02::1", Ipv6Address.format(na.destinationHi(), na.destinationLo()));
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), na.ethDestination());
        assertEquals(0, table.size());
    }

    @Test
    void ignoresSolicitationForAnotherAddress()
    {
        punt(solicitationFromPeer(OUR_HI, OUR_LO + 7));

        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.IGNORED));
        assertEquals(NeighborTable.MISS, table.lookup(PORT, PEER_HI, PEER_LO));
    }

    @Test
    void answersArpRequestForOurAddressAndLearnsTheSender()
    {
        final int length = ArpPacket.encode(
            scratch, 0, MacAddress.BROADCAST, PEER_MAC, ArpPacket.OP_REQUEST, PEER_MAC, PEER_V4, 0, OUR_V4);
        punt(length);

        final List<byte[]> out = output(PORT);
        assertEquals(1, out.size());
        final ArpPacket reply = new ArpPacket();
        assertTrue(reply.wrap(new UnsafeBuffer(out.get(0)), 0, out.get(0).length));
        assertEquals(ArpPacket.OP_REPLY, reply.operation());
        assertEquals(PEER_MAC, reply.ethDestination());
        assertEquals(OUR_MAC, reply.senderMac());
        assertEquals(OUR_V4, reply.senderIp());
        assertEquals(PEER_MAC, reply.targetMac());
        assertEquals(PEER_V4, reply.targetIp());
        assertEquals(ArpPacket.FRAME_LENGTH, out.get(0).length);
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_V4));
        assertEquals(1, agent.counters().get(NeighborCounter.ARP_REQUESTS_RECEIVED));
        assertEquals(1, agent.counters().get(NeighborCounter.ARP_REPLIES_SENT));
    }

    @Test
    void ignoresArpRequestForAnotherAddressWithoutLearning()
    {
        final int length = ArpPacket.encode(
            scratch, 0, MacAddress.BROADCAST, PEER_MAC, ArpPacket.OP_REQUEST, PEER_MAC, PEER_V4, 0, OUR_V4 + 1);
        punt(length);

        assertTrue(output(PORT).isEmpty());
        assertEquals(NeighborTable.MISS, table.lookup(PORT, PEER_V4));
    }

    @Test
    void ignoresUnicastFramesForAnotherMac()
    {
        final int length = ArpPacket.encode(
            scratch, 0, MacAddress.parse("02:00:00:00:00:cc"), PEER_MAC, ArpPacket.OP_REQUEST, PEER_MAC, PEER_V4, 0,
            OUR_V4);
        punt(length);

        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.IGNORED));
    }

    // --- resolving -------------------------------------------------------------------------------------------

    @Test
    void resolvesIpv6NextHopAndReleasesHeldFramesWithItsMac()
    {
        assertEquals(NeighborTable.MISS, table.lookup(PORT, PEER_HI, PEER_LO));
        final byte[] frame = unresolvedFrame(42);
        assertTrue(proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length));
        agent.doWork();

        final List<byte[]> solicitations = output(PORT);
        assertEquals(1, solicitations.size());
        final NdpPacket ns = ndp(solicitations.get(0));
        assertEquals(NdpPacket.TYPE_NEIGHBOR_SOLICITATION, ns.type());
        assertEquals("ff02::1:ff00:1", Ipv6Address.format(ns.destinationHi(), ns.destinationLo()));
        assertEquals(MacAddress.parse("33:33:ff:00:00:01"), ns.ethDestination());
        assertEquals(OUR_LO, ns.sourceLo());
        assertEquals(PEER_LO, ns.targetLo());
        assertEquals(OUR_MAC, ns.linkLayerAddress());
        assertEquals(NeighborState.INCOMPLETE, state(true, PEER_LO));
        assertEquals(1, agent.counters().get(NeighborCounter.HELD));

        punt(advertisementFromPeer(NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, PEER_MAC));

        final List<byte[]> released = output(PORT);
        assertEquals(1, released.size());
        assertEquals(PEER_MAC, MacAddress.get(new UnsafeBuffer(released.get(0)), 0));
        assertEquals(OUR_MAC, MacAddress.get(new UnsafeBuffer(released.get(0)), 6));
        assertEquals(42, released.get(0)[99]);
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO));
        assertEquals(NeighborState.REACHABLE, state(true, PEER_LO));
        assertEquals(1, agent.counters().get(NeighborCounter.RESOLVED));
        assertEquals(NeighborTable.MISS, table.lookup(1, PEER_HI, PEER_LO), "other ports do not share entries");
    }

    @Test
    void resolvesIpv4NextHopWithArp()
    {
        final byte[] frame = unresolvedFrame(7);
        assertTrue(proxy.unresolved(PORT, PEER_V4, new UnsafeBuffer(frame), 0, frame.length));
        agent.doWork();

        final List<byte[]> requests = output(PORT);
        assertEquals(1, requests.size());
        final ArpPacket request = new ArpPacket();
        assertTrue(request.wrap(new UnsafeBuffer(requests.get(0)), 0, requests.get(0).length));
        assertEquals(ArpPacket.OP_REQUEST, request.operation());
        assertEquals(MacAddress.BROADCAST, request.ethDestination());
        assertEquals(OUR_V4, request.senderIp());
        assertEquals(PEER_V4, request.targetIp());

        punt(ArpPacket.encode(scratch, 0, OUR_MAC, PEER_MAC, ArpPacket.OP_REPLY, PEER_MAC, PEER_V4, OUR_MAC, OUR_V4));

        final List<byte[]> released = output(PORT);
        assertEquals(1, released.size());
        assertEquals(PEER_MAC, MacAddress.get(new UnsafeBuffer(released.get(0)), 0));
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_V4));
        assertEquals(NeighborState.REACHABLE, state(false, PEER_V4 & 0xFFFF_FFFFL));
    }

    @Test
    void retriesThreeTimesOneSecondApartThenFailsAndDropsHeldFrames()
    {
        for (int i = 0; i < 3; i++)
        {
            final byte[] frame = unresolvedFrame(i);
            proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        }
        agent.doWork();
        assertEquals(1, output(PORT).size());

        advance(SECOND - 1);
        assertTrue(output(PORT).isEmpty(), "no retry before the retransmit time");
        advance(1);
        assertEquals(1, output(PORT).size());
        advance(SECOND);
        assertEquals(1, output(PORT).size());
        assertEquals(3, agent.counters().get(NeighborCounter.NS_SENT));
        assertEquals(NeighborState.INCOMPLETE, state(true, PEER_LO));

        advance(SECOND);
        assertTrue(output(PORT).isEmpty());
        assertEquals(NeighborState.FAILED, state(true, PEER_LO));
        assertEquals(3, agent.counters().drops(DropReason.NEIGHBOR_FAILED));
        assertEquals(1, agent.counters().get(NeighborCounter.FAILED));
        assertEquals(NeighborTable.MISS, table.lookup(PORT, PEER_HI, PEER_LO));
    }

    @Test
    void newFrameAfterFailureStartsAFreshResolution()
    {
        final byte[] frame = unresolvedFrame(1);
        proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        advance(4 * SECOND);
        output(PORT);
        assertEquals(NeighborState.FAILED, state(true, PEER_LO));

        proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        agent.doWork();
        assertEquals(1, output(PORT).size());
        assertEquals(NeighborState.INCOMPLETE, state(true, PEER_LO));
    }

    @Test
    void holdsAtMostFourFramesPerUnresolvedNextHop()
    {
        for (int i = 0; i < 6; i++)
        {
            final byte[] frame = unresolvedFrame(i);
            proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        }
        agent.doWork();
        output(PORT);
        assertEquals(4, agent.counters().get(NeighborCounter.HELD));
        assertEquals(2, agent.counters().drops(DropReason.NEIGHBOR_UNRESOLVED));

        punt(advertisementFromPeer(NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, PEER_MAC));
        final List<byte[]> released = output(PORT);
        assertEquals(4, released.size());
        for (int i = 0; i < 4; i++)
        {
            assertEquals(i, released.get(i)[99], "held frames leave in arrival order");
        }
    }

    @Test
    void frameForAResolvedNextHopIsSentAtOnce()
    {
        agent.addStatic(PORT, PEER_HI, PEER_LO, PEER_MAC);
        final byte[] frame = unresolvedFrame(9);
        proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        agent.doWork();
        final List<byte[]> out = output(PORT);
        assertEquals(1, out.size());
        assertEquals(PEER_MAC, MacAddress.get(new UnsafeBuffer(out.get(0)), 0));
    }

    @Test
    void unsolicitedAdvertisementWithoutEntryIsIgnored()
    {
        punt(advertisementFromPeer(NdpPacket.FLAG_OVERRIDE, PEER_MAC));
        assertEquals(0, table.size());
        assertEquals(1, agent.counters().get(NeighborCounter.NA_RECEIVED));
    }

    // --- aging -----------------------------------------------------------------------------------------------

    private void resolvePeer()
    {
        final byte[] frame = unresolvedFrame(1);
        proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        agent.doWork();
        punt(advertisementFromPeer(NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, PEER_MAC));
        output(PORT);
        assertEquals(NeighborState.REACHABLE, state(true, PEER_LO));
    }

    @Test
    void reachableEntryBecomesStaleAfterReachableTimeAndIsStillUsed()
    {
        resolvePeer();
        advance(30 * SECOND - 200_000_000L);
        assertEquals(NeighborState.REACHABLE, state(true, PEER_LO));
        advance(300_000_000L);
        assertEquals(NeighborState.STALE, state(true, PEER_LO));
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO));
    }

    @Test
    void usedStaleEntryIsProbedByUnicastAndConfirmedBackToReachable()
    {
        resolvePeer();
        advance(31 * SECOND);
        assertEquals(NeighborState.STALE, state(true, PEER_LO));
        assertTrue(output(PORT).isEmpty());

        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO)); // a worker uses it
        advance(200_000_000L);
        final List<byte[]> probes = output(PORT);
        assertEquals(1, probes.size());
        final NdpPacket probe = ndp(probes.get(0));
        assertEquals(PEER_MAC, probe.ethDestination());
        assertEquals(PEER_LO, probe.destinationLo(), "unicast probe to the neighbor itself");

        punt(advertisementFromPeer(NdpPacket.FLAG_SOLICITED, PEER_MAC));
        assertEquals(NeighborState.REACHABLE, state(true, PEER_LO));
    }

    @Test
    void usedStaleEntryThatDoesNotAnswerFails()
    {
        resolvePeer();
        advance(31 * SECOND);
        table.lookup(PORT, PEER_HI, PEER_LO);
        advance(4 * SECOND);
        assertEquals(3, output(PORT).size());
        assertEquals(NeighborState.FAILED, state(true, PEER_LO));
        assertEquals(NeighborTable.MISS, table.lookup(PORT, PEER_HI, PEER_LO));
    }

    @Test
    void unusedStaleEntryIsGarbageCollected()
    {
        resolvePeer();
        advance(31 * SECOND);
        assertEquals(NeighborState.STALE, state(true, PEER_LO));
        advance(61 * SECOND);
        assertEquals(null, state(true, PEER_LO));
        assertEquals(0, table.size());
        assertEquals(1, agent.counters().get(NeighborCounter.AGED_OUT));
    }

    @Test
    void failedEntryIsGarbageCollected()
    {
        final byte[] frame = unresolvedFrame(1);
        proxy.unresolved(PORT, PEER_HI, PEER_LO, new UnsafeBuffer(frame), 0, frame.length);
        advance(4 * SECOND);
        assertEquals(NeighborState.FAILED, state(true, PEER_LO));
        advance(61 * SECOND);
        assertEquals(0, table.size());
    }

    // --- static entries --------------------------------------------------------------------------------------

    @Test
    void staticEntriesAreNeverAgedNorOverwrittenFromTheWire()
    {
        agent.addStatic(PORT, PEER_HI, PEER_LO, PEER_MAC);
        agent.addStatic(PORT, PEER_V4, PEER_MAC);
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO));
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_V4));

        final long other = MacAddress.parse("02:00:00:00:00:ee");
        punt(advertisementFromPeer(NdpPacket.FLAG_OVERRIDE, other));
        punt(ArpPacket.encode(scratch, 0, OUR_MAC, other, ArpPacket.OP_REPLY, other, PEER_V4, OUR_MAC, OUR_V4));
        advance(200 * SECOND);

        assertEquals(PEER_MAC, table.lookup(PORT, PEER_HI, PEER_LO));
        assertEquals(PEER_MAC, table.lookup(PORT, PEER_V4));
        assertEquals(NeighborState.STATIC, state(true, PEER_LO));
        assertTrue(output(PORT).isEmpty());
    }

    // --- malformed input -------------------------------------------------------------------------------------

    @Test
    void solicitationWithHopLimitBelow255IsIgnoredAndCounted()
    {
        final int length = solicitationFromPeer(OUR_HI, OUR_LO);
        scratch.putByte(21, (byte)64);
        NeighborCodecTest.refreshChecksum(scratch, length);
        punt(length);
        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.NDP_BAD_HOP_LIMIT));
        assertEquals(0, table.size());
    }

    @Test
    void solicitationWithBadChecksumIsIgnoredAndCounted()
    {
        final int length = solicitationFromPeer(OUR_HI, OUR_LO);
        scratch.putByte(57, (byte)(scratch.getByte(57) ^ 1));
        punt(length);
        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.NDP_BAD_CHECKSUM));
    }

    @Test
    void solicitationWithTruncatedOptionIsIgnoredAndCounted()
    {
        final int length = solicitationFromPeer(OUR_HI, OUR_LO);
        scratch.putByte(79, (byte)2); // option claims 16 bytes, 8 are there
        NeighborCodecTest.refreshChecksum(scratch, length);
        punt(length);
        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.NDP_MALFORMED));
    }

    @Test
    void truncatedArpIsIgnoredAndCounted()
    {
        ArpPacket.encode(scratch, 0, MacAddress.BROADCAST, PEER_MAC, ArpPacket.OP_REQUEST, PEER_MAC, PEER_V4, 0, OUR_V4);
        punt(30);
        assertTrue(output(PORT).isEmpty());
        assertEquals(1, agent.counters().get(NeighborCounter.ARP_MALFORMED));
    }

    // --- limits ----------------------------------------------------------------------------------------------

    @Test
    void puntsBeyondTheQueueAreDroppedAndCountedNotBlocked()
    {
        final int length = solicitationFromPeer(OUR_HI, OUR_LO);
        int accepted = 0;
        for (int i = 0; i < 1000; i++)
        {
            if (proxy.punt(PORT, scratch, 0, length))
            {
                accepted++;
            }
        }
        assertEquals(NeighborSettings.defaults().requestQueueCapacity(), accepted);
        assertEquals(1000 - accepted, agent.counters().drops(DropReason.PUNT_QUEUE_FULL));
        while (agent.doWork() > 0)
        {
            output(PORT);
        }
        assertEquals(accepted, agent.counters().get(NeighborCounter.NS_RECEIVED));
    }

    @Test
    void floodTowardsAnUnresolvedNextHopDoesNotStarveAnswers()
    {
        final byte[] frame = unresolvedFrame(1);
        int accepted = 0;
        for (int i = 0; i < 1000; i++)
        {
            if (proxy.unresolved(PORT, PEER_HI, PEER_LO + 5, new UnsafeBuffer(frame), 0, frame.length))
            {
                accepted++;
            }
        }
        final int length = solicitationFromPeer(OUR_HI, OUR_LO);
        assertTrue(proxy.punt(PORT, scratch, 0, length), "punt queue is separate");
        agent.doWork();

        final List<byte[]> out = output(PORT);
        assertEquals(NdpPacket.TYPE_NEIGHBOR_ADVERTISEMENT, ndp(out.get(0)).type(), "the answer goes out first");
        while (agent.doWork() > 0)
        {
            output(PORT);
        }
        assertEquals(4, agent.counters().get(NeighborCounter.HELD));
        assertEquals(1000 - 4, agent.counters().drops(DropReason.NEIGHBOR_UNRESOLVED), "at the queue or the hold");
        assertEquals(NeighborSettings.defaults().requestQueueCapacity(), accepted);
        assertEquals(0, agent.counters().drops(DropReason.PUNT_QUEUE_FULL));
    }

    @Test
    void frameLargerThanTheSlotsIsRefused()
    {
        final UnsafeBuffer big = new UnsafeBuffer(new byte[20_000]);
        assertFalse(proxy.unresolved(PORT, PEER_HI, PEER_LO, big, 0, 20_000));
        assertEquals(1, agent.counters().drops(DropReason.FRAME_TOO_LARGE));
    }

    @Test
    void slotsReturnToThePoolAfterOutput()
    {
        for (int round = 0; round < 3 * NeighborSettings.defaults().poolFrames(); round++)
        {
            punt(solicitationFromPeer(OUR_HI, OUR_LO));
            assertEquals(1, output(PORT).size(), "round " + round);
        }
        assertEquals(0, agent.counters().get(NeighborCounter.POOL_EMPTY));
        assertNotEquals(0, agent.counters().get(NeighborCounter.NA_SENT));
    }
}
