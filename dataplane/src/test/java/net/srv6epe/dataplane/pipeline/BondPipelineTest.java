package net.srv6epe.dataplane.pipeline;

import com.sun.management.ThreadMXBean;
import net.srv6epe.dataplane.app.ForwardingCompiler;
import net.srv6epe.dataplane.bond.Bond;
import net.srv6epe.dataplane.bond.BondFeedbackQueue;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondSenders;
import net.srv6epe.dataplane.bond.BondTable;
import net.srv6epe.dataplane.bond.BondTailEnd;
import net.srv6epe.dataplane.bond.TailStream;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.NeighborConfig;
import net.srv6epe.dataplane.config.PortConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.config.SidConfig;
import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.srv6.bond.BondParams;
import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.bond.FeedbackReport;
import net.srv6epe.srv6.bond.MemberReport;
import net.srv6epe.srv6.wire.BondTlv;
import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Srh;
import net.srv6epe.vrf.ForwardingStatePublisher;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bonding end to end in memory (docs/BONDING.md): a head-end router and a tail-end router, each a {@link Pipeline}
 * compiled from YAML, with hand-driven clocks. The relays between them are simulated by the End step (destination =
 * the next SID, Segments Left - 1, hop limit - 1) and a new Ethernet header.
 *
 * <pre>
 *  host fd00:e::10 -- edge [head] pa -- relay A (fc00:a::1) -- ta [tail] lan -- client fd00:c1::10
 *                              pb -- relay B (fc00:b::1) -- tb
 * </pre>
 */
class BondPipelineTest
{
    static final int BOND_ID = 7;
    static final String HEAD_SOURCE = "fd00:b0::1";
    static final String TAIL_SID = "fc00:c::b1";
    static final String RELAY_A = "fc00:a::1";
    static final String RELAY_B = "fc00:b::1";
    static final String HOST = "fd00:e::10";
    static final String CLIENT = "fd00:c1::10";

    // head: edge #0, pa #1, pb #2
    static final int H_EDGE = 0;
    static final int H_PA = 1;
    static final int H_PB = 2;
    static final long H_EDGE_MAC = 0x0200_0000_0E01L;
    static final long H_PA_MAC = 0x0200_0000_0A01L;
    static final long H_PB_MAC = 0x0200_0000_0B01L;
    static final long HOST_MAC = 0x0200_0000_0E10L;
    static final long RELAY_A_HEAD_MAC = 0x0200_0000_0A02L;
    static final long RELAY_B_HEAD_MAC = 0x0200_0000_0B02L;
    // tail: ta #0, tb #1, lan #2
    static final int T_TA = 0;
    static final int T_TB = 1;
    static final int T_LAN = 2;
    static final long T_TA_MAC = 0x0200_0000_DA01L;
    static final long T_TB_MAC = 0x0200_0000_DB01L;
    static final long RELAY_A_TAIL_MAC = 0x0200_0000_DA02L;
    static final long RELAY_B_TAIL_MAC = 0x0200_0000_DB02L;
    static final long CLIENT_MAC = 0x0200_0000_C110L;

    static final int PAYLOAD = 32;
    static final int INNER_LENGTH = 40 + 8 + PAYLOAD;
    /** IPv6 + SRH (2 segments + bond TLV). */
    static final int OUTER_LENGTH = 40 + 8 + 32 + BondTlv.LENGTH;
    static final long HOLD_NS = 50_000_000L;
    static final long FEEDBACK_INTERVAL_NS = 20_000_000L;

    static final String HEAD_YAML = String.join("\n",
        "router: { name: head, encap-source: '" + HEAD_SOURCE + "' }",
        "ports:",
        "  - { name: edge, backend: pcap-file, write: e.pcap, mac: '02:00:00:00:0e:01', addresses: ['fd00:e::1/64'] }",
        "  - { name: pa, backend: pcap-file, write: a.pcap, mac: '02:00:00:00:0a:01', addresses: ['fd00:a::1/64'] }",
        "  - { name: pb, backend: pcap-file, write: b.pcap, mac: '02:00:00:00:0b:01', addresses: ['fd00:b::1/64'] }",
        "neighbors:",
        "  - { port: edge, address: '" + HOST + "', mac: '02:00:00:00:0e:10' }",
        "  - { port: pa, address: 'fd00:a::2', mac: '02:00:00:00:0a:02' }",
        "  - { port: pb, address: 'fd00:b::2', mac: '02:00:00:00:0b:02' }",
        "vrfs:",
        "  - name: default",
        "    routes:",
        "      - { prefix: 'fc00:a::/48', via: 'fd00:a::2', port: pa }",
        "      - { prefix: 'fc00:b::/48', via: 'fd00:b::2', port: pb }",
        "      - { prefix: 'fd00:c1::/64', bond: down }",
        "bonds:",
        "  - name: down",
        "    id: " + BOND_ID,
        "    source: '" + HEAD_SOURCE + "'",
        "    members:",
        "      - { name: a, segments: ['" + RELAY_A + "', '" + TAIL_SID + "'], capacity-mbit: 100 }",
        "      - { name: b, segments: ['" + RELAY_B + "', '" + TAIL_SID + "'], capacity-mbit: 100 }",
        "");

    static String tailYaml(final String feedbackPaths, final String extraRoutes)
    {
        return String.join("\n",
            "router: { name: tail, encap-source: 'fd00:da::1' }",
            "ports:",
            "  - { name: ta, backend: pcap-file, write: a.pcap, mac: '02:00:00:00:da:01', addresses: ['fd00:da::1/64'] }",
            "  - { name: tb, backend: pcap-file, write: b.pcap, mac: '02:00:00:00:db:01', addresses: ['fd00:db::1/64'] }",
            "  - { name: lan, backend: pcap-file, write: c.pcap, mac: '02:00:00:00:c1:01', addresses: ['fd00:c1::1/64'] }",
            "neighbors:",
            "  - { port: ta, address: 'fd00:da::2', mac: '02:00:00:00:da:02' }",
            "  - { port: tb, address: 'fd00:db::2', mac: '02:00:00:00:db:02' }",
            "  - { port: lan, address: '" + CLIENT + "', mac: '02:00:00:00:c1:10' }",
            "vrfs:",
            "  - name: default",
            "    routes:",
            "      - { prefix: 'fc00:a::/48', via: 'fd00:da::2', port: ta }",
            "      - { prefix: 'fc00:b::/48', via: 'fd00:db::2', port: tb }",
            "      - { prefix: 'fc00:e::/48', via: 'fd00:db::2', port: tb }",
            "      - { prefix: 'fd00:b0::/64', via: 'fd00:da::2', port: ta }",
            extraRoutes,
            "locators:",
            "  - { name: main, prefix: 'fc00:c::/48' }",
            "sids:",
            "  - { sid: '" + TAIL_SID + "', behavior: End.DT46, vrf: default,",
            "      bond: { hold-min-ms: 50, hold-max-ms: 50" + feedbackPaths + " } }",
            "");
    }

    static final String TAIL_YAML = tailYaml("", "");
    static final String TAIL_YAML_PATHS =
        tailYaml(", feedback-paths: [['" + RELAY_A + "'], ['" + RELAY_B + "']]", "");

    /** A frame a router sent. */
    record Sent(int port, byte[] frame)
    {
    }

    /** One router: its pipeline compiled from YAML, static neighbors, a recording (or counting) sink, a clock. */
    static final class Router
    {
        final RouterConfig config;
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final PipelineCounters counters = new PipelineCounters();
        final long[] now;
        final NeighborAgent agent;
        final Pipeline pipeline;
        final BondTable table;
        final BondReceiver receiver;
        final BondFeedbackQueue queue;
        final List<Sent> sent = new ArrayList<>();
        final boolean record;
        long sentCount;
        final UnsafeBuffer work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 4096));

        Router(final String yaml, final long startNs, final boolean record)
        {
            try
            {
                config = ConfigLoader.parse(yaml);
            }
            catch (final ConfigException ex)
            {
                throw new AssertionError(ex.errors().toString(), ex);
            }
            this.record = record;
            now = new long[] { startNs };
            publisher.publish(ForwardingCompiler.compile(config));
            final NeighborTable neighbors = new NeighborTable();
            agent = new NeighborAgent(() -> now[0], neighbors, NeighborSettings.defaults(), config.ports().size());
            final List<PortInfo> infos = new ArrayList<>();
            for (int i = 0; i < config.ports().size(); i++)
            {
                final PortConfig p = config.ports().get(i);
                final long mac = MacAddress.parse(p.mac());
                agent.configurePort(i, mac);
                final String host = PortConfig.hostPart(p.addresses().get(0));
                agent.addAddress(i, Ipv6Address.parseHi(host), Ipv6Address.parseLo(host));
                infos.add(new PortInfo(i, ForwardingCompiler.portName(p.name()), mac, p.mtu(), p.vrf(), true,
                    Ipv6Address.parseHi(host), Ipv6Address.parseLo(host), false, 0));
            }
            for (final NeighborConfig n : config.neighbors())
            {
                int port = -1;
                for (int i = 0; i < config.ports().size(); i++)
                {
                    if (config.ports().get(i).name().equals(n.port()))
                    {
                        port = i;
                    }
                }
                agent.addStatic(port, Ipv6Address.parseHi(n.address()), Ipv6Address.parseLo(n.address()),
                    MacAddress.parse(n.mac()));
            }
            final IcmpRateLimiter limiter = new IcmpRateLimiter(() -> now[0], 1000, 1000, true);
            pipeline = new Pipeline(publisher, new PortTable(infos), neighbors, agent.proxy(), counters, limiter,
                this::transmit);
            table = BondTable.fromConfig(config, 1);
            final List<BondTailEnd> tails = new ArrayList<>();
            for (final SidConfig sid : config.sids())
            {
                if (sid.bond() != null)
                {
                    tails.add(BondTailEnd.of(sid));
                }
            }
            receiver = tails.isEmpty() ? null : new BondReceiver(tails);
            queue = table.isEmpty() ? null : new BondFeedbackQueue();
            pipeline.bonding(table.isEmpty() ? null : new BondSenders(table, 0), receiver, queue, () -> now[0]);
        }

        private boolean transmit(final int port, final DirectBuffer buffer, final int offset, final int length)
        {
            sentCount++;
            if (record)
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                sent.add(new Sent(port, copy));
            }
            return true;
        }

        void receive(final int port, final byte[] frame)
        {
            pipeline.beginBatch();
            work.putBytes(Pipeline.HEADROOM, frame);
            pipeline.process(port, work, Pipeline.HEADROOM, frame.length);
        }

        int poll()
        {
            pipeline.beginBatch();
            return pipeline.poll();
        }

        /** The frames sent since the last call. */
        List<Sent> take()
        {
            final List<Sent> out = new ArrayList<>(sent);
            sent.clear();
            return out;
        }

        Bond bond()
        {
            return table.bonds().get(0);
        }

        List<FeedbackReport> drainFeedback()
        {
            final List<FeedbackReport> reports = new ArrayList<>();
            queue.drain((type, buffer, index, length) ->
                reports.add(FeedbackMessage.decode(buffer, index, length)), 100);
            return reports;
        }
    }

    /** A bonded packet as the head sent it. */
    record Bonded(int port, byte[] frame, int member, int sequence, int memberSequence, int flags, long sendTimeNs)
    {
    }

    // ---------------------------------------------------------------------------------------------------------
    // a) head end

    @Test
    void everyBondedPacketCarriesTheTlvWithConsecutiveSequencesOnBothMembers()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final int n = 20;
        final long[] sentAt = new long[n];
        for (int i = 0; i < n; i++)
        {
            head.now[0] += 3;   // a few ns: the send time must be the clock's at each packet
            sentAt[i] = head.now[0];
            head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, i));
        }
        final List<Sent> sent = head.take();
        assertEquals(n, sent.size(), "one bonded copy per packet, no probes while both members are up");
        final int[] memberSeq = new int[2];
        for (int i = 0; i < n; i++)
        {
            final Bonded b = parseBonded(sent.get(i));
            final UnsafeBuffer f = new UnsafeBuffer(sent.get(i).frame());
            assertEquals(i, b.sequence(), "stream sequence");
            assertEquals(memberSeq[b.member()]++, b.memberSequence(), "member sequence of member " + b.member());
            assertEquals(0, b.flags());
            assertEquals(sentAt[i], b.sendTimeNs(), "send time is the head's clock");
            assertEquals(BOND_ID, BondTlv.bondId(f, tlvOffset(f)));
            assertEquals(0, BondTlv.stream(f, tlvOffset(f)));
            // the member's path: out of its port to its relay, outer DA its first SID, Segment List[0] the tail
            final boolean a = b.member() == 0;
            assertEquals(a ? H_PA : H_PB, b.port());
            assertEquals(a ? RELAY_A_HEAD_MAC : RELAY_B_HEAD_MAC, mac(f, 0));
            assertEquals(a ? H_PA_MAC : H_PB_MAC, mac(f, 6));
            assertAddress(HEAD_SOURCE, f, 14 + 8);
            assertAddress(a ? RELAY_A : RELAY_B, f, 14 + 24);
            assertEquals(43, f.getByte(14 + 6) & 0xFF);
            final int srh = 14 + 40;
            assertEquals(1, f.getByte(srh + 3), "Segments Left");
            assertEquals(1, f.getByte(srh + 4), "Last Entry");
            assertAddress(TAIL_SID, f, srh + 8);
            assertAddress(a ? RELAY_A : RELAY_B, f, srh + 24);
            assertEquals(OUTER_LENGTH + INNER_LENGTH - 40, f.getShort(14 + 4, BIG_ENDIAN) & 0xFFFF);
            // the inner packet behind, hop limit decremented once, payload intact
            final int inner = 14 + OUTER_LENGTH;
            assertEquals(63, f.getByte(inner + 7) & 0xFF, "inner hop limit");
            assertAddress(CLIENT, f, inner + 24);
            assertEquals(i, f.getInt(inner + 48, BIG_ENDIAN), "payload");
        }
        assertTrue(memberSeq[0] > 0 && memberSeq[1] > 0, "both members carried packets: " + Arrays.toString(memberSeq));
        assertEquals(n, memberSeq[0] + memberSeq[1]);
        assertEquals(n, head.counters.total(PipelineCounters.BOND_SENT));
        assertEquals(n, head.counters.total(PipelineCounters.ENCAPSULATED));
        assertEquals(0, head.counters.total(PipelineCounters.BOND_PROBES));
        assertEquals(memberSeq[0], head.bond().sentPackets(0, 0));
        assertEquals(memberSeq[1], head.bond().sentPackets(0, 1));
        assertEquals((long)memberSeq[0] * INNER_LENGTH, head.bond().sentBytes(0, 0));
    }

    @Test
    void equalRatesPublishedByTheAgentAlternateTheMembers()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        head.bond().publish(0, BondParams.of(1, new boolean[] { true, true }, new long[] { 5_000_000, 5_000_000 },
            new long[] { 0, 0 }, 50_000_000L));
        for (int i = 0; i < 8; i++)
        {
            head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, i));
        }
        final List<Sent> sent = head.take();
        for (int i = 0; i < 8; i++)
        {
            assertEquals(i % 2, parseBonded(sent.get(i)).member(), "packet " + i);
        }
    }

    @Test
    void aMemberPublishedDownGetsNoTrafficButAProbeCopyEveryProbeInterval()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        head.bond().publish(0, BondParams.of(1, new boolean[] { false, true }, new long[] { 5_000_000, 5_000_000 },
            new long[] { 0, 0 }, 50_000_000L));
        for (int i = 0; i < 3; i++)
        {
            head.now[0] += 1_000;
            head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, i));
        }
        head.now[0] += 50_000_000L;
        head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, 3));
        final List<Bonded> sent = head.take().stream().map(BondPipelineTest::parseBonded).toList();
        // seq 0 on b, its probe copy on a; 1, 2 on b; after the probe interval 3 on b and its probe copy on a
        assertEquals(6, sent.size(), sent.toString());
        final int[][] expected = { { 1, 0, 0 }, { 0, 0, BondTlv.FLAG_PROBE }, { 1, 1, 0 }, { 1, 2, 0 }, { 1, 3, 0 },
            { 0, 3, BondTlv.FLAG_PROBE } };
        for (int i = 0; i < expected.length; i++)
        {
            final Bonded b = sent.get(i);
            assertEquals(expected[i][0], b.member(), "member of frame " + i);
            assertEquals(expected[i][1], b.sequence(), "sequence of frame " + i);
            assertEquals(expected[i][2], b.flags(), "flags of frame " + i);
            final UnsafeBuffer f = new UnsafeBuffer(b.frame());
            final int inner = 14 + OUTER_LENGTH;
            assertEquals(63, f.getByte(inner + 7) & 0xFF, "the probe copy's inner hop limit is decremented once");
            assertEquals(expected[i][1], f.getInt(inner + 48, BIG_ENDIAN), "the probe copy carries the same packet");
            assertEquals(INNER_LENGTH + OUTER_LENGTH - 40, f.getShort(14 + 4, BIG_ENDIAN) & 0xFFFF);
        }
        assertEquals(2, head.counters.total(PipelineCounters.BOND_PROBES));
        assertEquals(2, head.bond().sentProbes(0, 0), "both probe copies went on member a");
        assertEquals(0, head.bond().sentProbes(0, 1));
    }

    @Test
    void everyMemberDownSendsEachPacketAsAProbeOnTheMembersInTurn()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        head.bond().publish(0, BondParams.of(1, new boolean[] { false, false }, new long[] { 5_000_000, 5_000_000 },
            new long[] { 0, 0 }, 50_000_000L));
        for (int i = 0; i < 4; i++)
        {
            head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, i));
        }
        final List<Bonded> sent = head.take().stream().map(BondPipelineTest::parseBonded).toList();
        assertEquals(4, sent.size(), "no packet dropped, none sent twice");
        assertNotEquals(sent.get(0).member(), sent.get(1).member());
        assertNotEquals(sent.get(1).member(), sent.get(2).member());
        for (int i = 0; i < 4; i++)
        {
            assertEquals(i, sent.get(i).sequence());
            assertEquals(BondTlv.FLAG_PROBE, sent.get(i).flags());
        }
        assertEquals(4, head.counters.total(PipelineCounters.BOND_PROBES));
        assertEquals(4, head.counters.total(PipelineCounters.BOND_SENT));
    }

    // ---------------------------------------------------------------------------------------------------------
    // b) tail end: resequencing

    @Test
    void tailPutsPacketsDelayedOnOneMemberBackIntoOrder()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 12);
        // warm up: 0 (a) and 1 (b) in order, so both members are live; then member b's packets all arrive after
        // member a's
        final List<Bonded> order = new ArrayList<>(bonded.subList(0, 2));
        bonded.subList(2, 12).stream().filter(b -> b.member() == 0).forEach(order::add);
        bonded.subList(2, 12).stream().filter(b -> b.member() == 1).forEach(order::add);
        assertNotEquals(order.stream().map(Bonded::sequence).toList(), bonded.stream().map(Bonded::sequence).toList(),
            "the order is permuted");
        for (final Bonded b : order)
        {
            toTail(tail, b);
        }
        assertEquals(range(0, 12), delivered(tail), "the tail delivers in the head's order");
        final long held = tail.counters.total(PipelineCounters.BOND_HELD);
        assertTrue(held > 0, "packets were held");
        assertEquals(held, tail.counters.total(PipelineCounters.BOND_RELEASED));
        assertEquals(12, tail.counters.total(PipelineCounters.DECAPSULATED));
        assertEquals(12, tail.counters.total(PipelineCounters.FORWARDED));
        assertEquals(0, tail.counters.drops(DropReason.BOND_LATE));
        assertEquals(0, tail.counters.drops(DropReason.BOND_DUPLICATE));
        // the stream's counts are published at the next report
        tail.now[0] += FEEDBACK_INTERVAL_NS;
        tail.poll();
        assertEquals(1, tail.receiver.streamCount());
        final TailStream stream = tail.receiver.stream(0);
        assertEquals(BOND_ID, stream.bondId());
        assertEquals(0, stream.stream());
        assertEquals(held, stream.published(TailStream.P_RESEQUENCED));
        assertTrue(stream.published(TailStream.P_RESEQUENCED) > 0);
        assertEquals(12 - held, stream.published(TailStream.P_IN_ORDER));
        assertEquals(0, stream.published(TailStream.P_LOST));
        assertEquals(0, stream.published(TailStream.P_OCCUPANCY));
    }

    @Test
    void releasedPacketsLeaveTheTailLikeInOrderOnes()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 4);
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        toTail(tail, bonded.get(3));   // held
        toTail(tail, bonded.get(2));   // in order, then 3 released
        final List<Sent> out = tail.take();
        assertEquals(4, out.size());
        for (final Sent s : out)
        {
            assertEquals(T_LAN, s.port());
            final UnsafeBuffer f = new UnsafeBuffer(s.frame());
            assertEquals(14 + INNER_LENGTH, s.frame().length);
            assertEquals(CLIENT_MAC, mac(f, 0));
            assertEquals(0x86DD, f.getShort(12, BIG_ENDIAN) & 0xFFFF);
            assertEquals(62, f.getByte(14 + 7) & 0xFF, "hop limit: head and tail each decremented it once");
            assertAddress(HOST, f, 14 + 8);
            assertAddress(CLIENT, f, 14 + 24);
        }
        assertEquals(1, tail.counters.total(PipelineCounters.BOND_RELEASED));
    }

    // ---------------------------------------------------------------------------------------------------------
    // c) a lost packet

    @Test
    void aMissingPacketIsWaitedForTheHoldTimeThenGivenUpAndItsStragglerIsDroppedLate()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 8);
        for (int i = 0; i < 8; i++)
        {
            assertEquals(i % 2, bonded.get(i).member(), "equal rates, equal sizes: the members alternate");
        }
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        // 2 (member a) is lost; 3 (member b) waits: member a has not passed the gap, so it is not known lost
        toTail(tail, bonded.get(3));
        assertEquals(List.of(0, 1), delivered(tail));
        assertEquals(1, tail.counters.total(PipelineCounters.BOND_HELD));

        final long heldAt = tail.now[0];
        tail.now[0] = heldAt + HOLD_NS - 1;
        tail.poll();
        assertEquals(List.of(), delivered(tail), "not given up before the hold time");
        assertEquals(0, tail.counters.total(PipelineCounters.BOND_RELEASED));

        tail.now[0] = heldAt + HOLD_NS;
        tail.poll();
        assertEquals(List.of(3), delivered(tail), "the gap is given up after the hold time, 3 released");
        assertEquals(1, tail.counters.total(PipelineCounters.BOND_RELEASED));

        for (int i = 4; i < 8; i++)
        {
            toTail(tail, bonded.get(i));
        }
        assertEquals(List.of(4, 5, 6, 7), delivered(tail), "the rest goes through in order at once");

        // the straggler: its gap was given up, it is dropped (docs/BONDING.md: late packets are not forwarded)
        toTail(tail, bonded.get(2));
        assertEquals(List.of(), delivered(tail));
        assertEquals(1, tail.counters.drops(DropReason.BOND_LATE));
        assertEquals(1, tail.counters.total(PipelineCounters.BOND_HELD));

        tail.now[0] += FEEDBACK_INTERVAL_NS;
        tail.poll();
        final TailStream stream = tail.receiver.stream(0);
        assertEquals(1, stream.published(TailStream.P_LOST));
        assertEquals(1, stream.published(TailStream.P_LATE));
        assertEquals(1, stream.published(TailStream.P_EXPIRED));
    }

    @Test
    void aGapEveryLiveMemberHasPassedIsGivenUpAtOnce()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 6);
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        // 2 (a) lost; 3 (b) then 4 (a): both members passed 2, which cannot come any more (FIFO members)
        toTail(tail, bonded.get(3));
        toTail(tail, bonded.get(4));
        assertEquals(List.of(0, 1, 3, 4), delivered(tail), "no waiting for the hold time");
        toTail(tail, bonded.get(5));
        assertEquals(List.of(5), delivered(tail));
    }

    // ---------------------------------------------------------------------------------------------------------
    // d) duplicates

    @Test
    void aDuplicateIsDropped()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 4);
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        toTail(tail, bonded.get(1));   // already delivered
        assertEquals(List.of(0, 1), delivered(tail));
        assertEquals(1, tail.counters.drops(DropReason.BOND_DUPLICATE));

        toTail(tail, bonded.get(3));   // held behind 2
        toTail(tail, bonded.get(3));   // already held
        assertEquals(List.of(), delivered(tail));
        assertEquals(2, tail.counters.drops(DropReason.BOND_DUPLICATE));

        toTail(tail, bonded.get(2));
        assertEquals(List.of(2, 3), delivered(tail), "each packet once, in order");
        assertEquals(0, tail.counters.drops(DropReason.BOND_LATE));
    }

    // ---------------------------------------------------------------------------------------------------------
    // e) feedback

    @Test
    void feedbackRoutedPlainlyReachesTheHeadAsOneReport()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 7);
        final long streamStart = tail.now[0];
        for (final Bonded b : bonded)
        {
            toTail(tail, b);
        }
        assertEquals(range(0, 7), delivered(tail));

        tail.now[0] = streamStart + FEEDBACK_INTERVAL_NS - 1;
        tail.poll();
        assertEquals(List.of(), tail.take(), "no feedback before the interval");
        tail.now[0] = streamStart + FEEDBACK_INTERVAL_NS;
        tail.poll();
        final List<Sent> feedback = tail.take();
        assertEquals(1, feedback.size(), "one copy, routed plainly");
        assertEquals(1, tail.counters.total(PipelineCounters.BOND_FEEDBACK_SENT));
        final Sent fb = feedback.get(0);
        assertEquals(T_TA, fb.port(), "routed to the head's source via relay A's link (fd00:b0::/64 via ta)");
        final UnsafeBuffer f = new UnsafeBuffer(fb.frame());
        assertEquals(RELAY_A_TAIL_MAC, mac(f, 0));
        assertEquals(T_TA_MAC, mac(f, 6));
        assertEquals(IpProtocol.UDP, f.getByte(14 + 6) & 0xFF);
        assertAddress(TAIL_SID, f, 14 + 8);
        assertAddress(HEAD_SOURCE, f, 14 + 24);
        final int udp = 14 + 40;
        assertEquals(FeedbackMessage.UDP_PORT, f.getShort(udp + 2, BIG_ENDIAN) & 0xFFFF);
        assertEquals(FeedbackMessage.UDP_PORT, f.getShort(udp, BIG_ENDIAN) & 0xFFFF);
        assertTrue(udpChecksumValid(f, 14, udp, HEAD_SOURCE), "valid UDP checksum");
        // the report itself, as the tail wrote it
        final FeedbackReport sentReport = FeedbackMessage.decode(f, udp + 8, fb.frame().length - udp - 8);
        assertReportMatches(sentReport, bonded, 1_000_000_000L, streamStart);

        // into the head: local delivery to the bond's source, UDP 49990 -> the agent's queue
        head.receive(H_PA, reframe(fb.frame(), H_PA_MAC, RELAY_A_HEAD_MAC));
        final List<FeedbackReport> reports = head.drainFeedback();
        assertEquals(1, reports.size());
        assertEquals(sentReport, reports.get(0));
        assertEquals(1, head.counters.total(PipelineCounters.BOND_FEEDBACK_RECEIVED));
        assertEquals(List.of(), head.take(), "feedback is consumed, not forwarded");

        // no new packets: no report at the next interval
        tail.now[0] += FEEDBACK_INTERVAL_NS;
        tail.poll();
        assertEquals(List.of(), tail.take(), "no report when nothing arrived since the last one");
    }

    @Test
    void feedbackAlongReversePathsSendsOneCopyPerPathAndEachReachesTheHead()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML_PATHS, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 5);
        final long streamStart = tail.now[0];
        for (final Bonded b : bonded)
        {
            toTail(tail, b);
        }
        tail.take();
        tail.now[0] = streamStart + FEEDBACK_INTERVAL_NS;
        tail.poll();
        final List<Sent> feedback = tail.take();
        assertEquals(2, feedback.size(), "one copy per feedback path");
        assertEquals(2, tail.counters.total(PipelineCounters.BOND_FEEDBACK_SENT));
        final String[] relays = { RELAY_A, RELAY_B };
        final int[] tailPorts = { T_TA, T_TB };
        final int[] headPorts = { H_PA, H_PB };
        final long[] headMacs = { H_PA_MAC, H_PB_MAC };
        FeedbackReport first = null;
        for (int p = 0; p < 2; p++)
        {
            final Sent fb = feedback.get(p);
            assertEquals(tailPorts[p], fb.port());
            final UnsafeBuffer f = new UnsafeBuffer(fb.frame());
            assertEquals(43, f.getByte(14 + 6) & 0xFF, "an SRH");
            assertAddress(TAIL_SID, f, 14 + 8);
            assertAddress(relays[p], f, 14 + 24);
            final int srh = 14 + 40;
            assertEquals(IpProtocol.UDP, f.getByte(srh) & 0xFF);
            assertEquals(Srh.ROUTING_TYPE_SRH, f.getByte(srh + 2) & 0xFF);
            assertEquals(1, f.getByte(srh + 3), "Segments Left");
            assertEquals(1, f.getByte(srh + 4), "Last Entry");
            assertAddress(HEAD_SOURCE, f, srh + 8);   // Segment List[0]: the last segment, the head
            assertAddress(relays[p], f, srh + 24);
            final Srh h = new Srh().wrap(f, srh, fb.frame().length - srh);
            assertEquals(null, h.validate());
            final int udp = srh + h.headerLength();
            assertEquals(FeedbackMessage.UDP_PORT, f.getShort(udp + 2, BIG_ENDIAN) & 0xFFFF);
            assertTrue(udpChecksumValid(f, 14, udp, HEAD_SOURCE), "checksum over the final destination");

            // the relay's End: SL 0, DA = the head
            final byte[] atHead = relay(fb.frame(), headMacs[p], p == 0 ? RELAY_A_HEAD_MAC : RELAY_B_HEAD_MAC);
            final UnsafeBuffer g = new UnsafeBuffer(atHead);
            assertEquals(0, g.getByte(srh + 3));
            assertAddress(HEAD_SOURCE, g, 14 + 24);
            head.receive(headPorts[p], atHead);
            final List<FeedbackReport> reports = head.drainFeedback();
            assertEquals(1, reports.size(), "copy " + p + " gives exactly one report");
            assertReportMatches(reports.get(0), bonded, 1_000_000_000L, streamStart);
            if (first == null)
            {
                first = reports.get(0);
            }
            else
            {
                assertEquals(first, reports.get(0), "both copies carry the same report");
            }
        }
        assertEquals(2, head.counters.total(PipelineCounters.BOND_FEEDBACK_RECEIVED));
    }

    @Test
    void feedbackWithAnSrhNotYetAtItsLastSegmentIsNotTakenAsFeedback()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final byte[] frame = firstFeedback(head, TAIL_YAML_PATHS, 2);
        // deliver it to the head's address without the relay step: Segments Left is still 1
        final UnsafeBuffer f = new UnsafeBuffer(reframe(frame, H_PA_MAC, RELAY_A_HEAD_MAC));
        putAddress(f, 14 + 24, HEAD_SOURCE);
        head.receive(H_PA, f.byteArray());
        assertEquals(List.of(), head.drainFeedback());
        assertEquals(0, head.counters.total(PipelineCounters.BOND_FEEDBACK_RECEIVED));
    }

    /**
     * Sends {@code packets} bonded packets from {@code head} to a new tail of {@code tailYaml}, lets the tail's
     * feedback interval pass and returns the first feedback frame it sends.
     */
    private static byte[] firstFeedback(final Router head, final String tailYaml, final int packets)
    {
        final Router tail = new Router(tailYaml, 7_000_000_000L, true);
        for (final Bonded b : sendThroughHead(head, packets))
        {
            toTail(tail, b);
        }
        tail.take();
        tail.now[0] += FEEDBACK_INTERVAL_NS;
        tail.poll();
        return tail.take().get(0).frame();
    }

    @Test
    void feedbackToAnotherOfTheHeadsAddressesIsNotFeedback()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final UnsafeBuffer f = new UnsafeBuffer(reframe(firstFeedback(head, TAIL_YAML, 3), H_PA_MAC,
            RELAY_A_HEAD_MAC));
        putAddress(f, 14 + 24, "fd00:a::1");   // the head's port address, not its bond source
        head.receive(H_PA, f.byteArray());
        assertEquals(List.of(), head.drainFeedback());
        assertEquals(0, head.counters.total(PipelineCounters.BOND_FEEDBACK_RECEIVED));
        assertEquals(1, head.counters.drops(DropReason.LOCAL_UNSUPPORTED_PROTOCOL));
    }

    @Test
    void feedbackWithABadChecksumIsDropped()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final byte[] frame = reframe(firstFeedback(head, TAIL_YAML, 3), H_PA_MAC, RELAY_A_HEAD_MAC);
        final int payload = 14 + 40 + 8;
        frame[payload + 20] ^= 0x40;   // a bit of the tail time
        head.receive(H_PA, frame);
        assertEquals(List.of(), head.drainFeedback());
        assertEquals(1, head.counters.drops(DropReason.BOND_FEEDBACK_BAD_CHECKSUM));
        assertEquals(0, head.counters.total(PipelineCounters.BOND_FEEDBACK_RECEIVED));
    }

    // ---------------------------------------------------------------------------------------------------------
    // f) unbonded packets at the tail SID

    @Test
    void aPacketWithoutTheBondTlvIsDecapsulatedAtOnce()
    {
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        // no SRH at all
        tail.receive(T_TA, plainEncap(T_TA_MAC, RELAY_A_TAIL_MAC, 41, false));
        // an SRH (SL 0) without TLVs
        tail.receive(T_TB, plainEncap(T_TB_MAC, RELAY_B_TAIL_MAC, 42, true));
        assertEquals(List.of(41, 42), delivered(tail));
        assertEquals(2, tail.counters.total(PipelineCounters.DECAPSULATED));
        assertEquals(0, tail.counters.total(PipelineCounters.BOND_HELD));
        assertEquals(0, tail.receiver.streamCount(), "no bond stream for unbonded packets");
    }

    @Test
    void anUnbondedPacketPassesWhileABondedStreamHasAGap()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML, 7_000_000_000L, true);
        final List<Bonded> bonded = sendThroughHead(head, 4);
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        toTail(tail, bonded.get(3));   // held behind 2
        assertEquals(List.of(0, 1), delivered(tail));
        tail.receive(T_TA, plainEncap(T_TA_MAC, RELAY_A_TAIL_MAC, 99, true));
        assertEquals(List.of(99), delivered(tail));
        toTail(tail, bonded.get(2));
        assertEquals(List.of(2, 3), delivered(tail));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the SID's VRF may route the decapsulated packet into another SRv6 policy

    @Test
    void aReleasedPacketCanBeEncapsulatedAgainLikeAnInOrderOne()
    {
        // fd00:c2::/64 leaves the tail H.Encaps'ed over two SIDs (80 octets of outer headers)
        final Router tail = new Router(tailYaml("",
            "      - { prefix: 'fd00:c2::/64', encap: { mode: H.Encaps, segments: ['fc00:e::1', 'fc00:e::2'] } }"),
            7_000_000_000L, true);
        final Router head = new Router(HEAD_YAML.replace("'fd00:c1::/64', bond: down", "'fd00:c2::/64', bond: down"),
            1_000_000_000L, true);
        final List<Bonded> bonded = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            final byte[] frame = innerFrame(H_EDGE_MAC, HOST_MAC, i);
            putAddress(new UnsafeBuffer(frame), 14 + 24, "fd00:c2::10");
            head.receive(H_EDGE, frame);
        }
        head.take().forEach(s -> bonded.add(parseBonded(s)));
        toTail(tail, bonded.get(0));
        toTail(tail, bonded.get(1));
        toTail(tail, bonded.get(3));   // held
        toTail(tail, bonded.get(2));   // in order, then 3 released
        final List<Sent> out = tail.take();
        assertEquals(0, tail.counters.drops(DropReason.ENCAP_NO_HEADROOM),
            "a held packet must have room for the outer headers its route adds");
        assertEquals(4, out.size(), "every packet leaves encapsulated, the released one too");
        final List<Integer> order = new ArrayList<>();
        for (final Sent s : out)
        {
            assertEquals(T_TB, s.port());
            final UnsafeBuffer f = new UnsafeBuffer(s.frame());
            assertAddress("fc00:e::1", f, 14 + 24);
            order.add(f.getInt(14 + 80 + 48, BIG_ENDIAN));
        }
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void aPacketReleasedFromTheFirstSlotIntoA64OctetEncapsulationLeavesTheTail()
    {
        // H.Encaps over one SID: 64 octets of outer headers, exactly the reorder slots' headroom; 16 slots, so
        // sequence 16 is held in slot 0, at the start of the slots' buffer
        final Router tail = new Router(tailYaml("", "      - { prefix: 'fd00:c2::/64', encap: { mode: H.Encaps, "
            + "segments: ['fc00:e::1'] } }").replace("hold-max-ms: 50", "hold-max-ms: 50, buffer-packets: 16"),
            7_000_000_000L, true);
        final Router head = new Router(HEAD_YAML.replace("'fd00:c1::/64', bond: down", "'fd00:c2::/64', bond: down"),
            1_000_000_000L, true);
        for (int i = 0; i < 17; i++)
        {
            final byte[] frame = innerFrame(H_EDGE_MAC, HOST_MAC, i);
            putAddress(new UnsafeBuffer(frame), 14 + 24, "fd00:c2::10");
            head.receive(H_EDGE, frame);
        }
        final List<Bonded> bonded = head.take().stream().map(BondPipelineTest::parseBonded).toList();
        for (int i = 0; i < 15; i++)
        {
            toTail(tail, bonded.get(i));
        }
        toTail(tail, bonded.get(16));   // held in slot 0
        toTail(tail, bonded.get(15));   // in order, then 16 released from slot 0
        final List<Integer> order = new ArrayList<>();
        for (final Sent s : tail.take())
        {
            final UnsafeBuffer f = new UnsafeBuffer(s.frame());
            assertAddress("fc00:e::1", f, 14 + 24);
            order.add(f.getInt(14 + 64 + 48, BIG_ENDIAN));
        }
        assertEquals(range(0, 17), order);
    }

    // ---------------------------------------------------------------------------------------------------------
    // g) no allocation in steady state

    @Test
    void bondEncapsulationAtTheHeadAllocatesNothingInSteadyState()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, false);
        final byte[] frame = innerFrame(H_EDGE_MAC, HOST_MAC, 0);
        final int packets = 100_000;
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();

        runHead(head, frame, packets);   // warm up
        runHead(head, frame, packets);
        final long sentBefore = head.sentCount;
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            runHead(head, frame, packets);
            allocated = threads.getThreadAllocatedBytes(thread) - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }
        assertEquals(0, allocated, "bytes allocated per round of " + packets + " bonded packets: " + rounds);
        assertTrue(head.sentCount - sentBefore >= packets, "the packets were bonded and sent");
        assertTrue(head.bond().sentPackets(0, 0) > 0 && head.bond().sentPackets(0, 1) > 0, "on both members");
    }

    @Test
    void resequencingAndFeedbackAtTheTailAllocateNothingInSteadyState()
    {
        final Router head = new Router(HEAD_YAML, 1_000_000_000L, true);
        final Router tail = new Router(TAIL_YAML_PATHS, 7_000_000_000L, false);
        final List<Bonded> bonded = sendThroughHead(head, 2);
        // templates of what the relays hand the tail, the TLV's sequence rewritten per packet
        final byte[][] frames = { relayToTail(bonded.get(0)), relayToTail(bonded.get(1)) };
        final int[] ports = { T_TA, T_TB };
        final int tlv = tlvOffset(new UnsafeBuffer(frames[0]));
        assertEquals(tlv, tlvOffset(new UnsafeBuffer(frames[1])));
        final int packets = 100_000;
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final int[] seq = { 0 };
        final int[] memberSeq = { 0, 0 };

        runTail(tail, frames, ports, tlv, seq, memberSeq, packets);   // warm up
        runTail(tail, frames, ports, tlv, seq, memberSeq, packets);
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            runTail(tail, frames, ports, tlv, seq, memberSeq, packets);
            allocated = threads.getThreadAllocatedBytes(thread) - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }
        assertEquals(0, allocated, "bytes allocated per round of " + packets + " bonded packets at the tail: " + rounds);
        assertTrue(tail.counters.total(PipelineCounters.BOND_RELEASED) > 0, "packets were resequenced");
        assertTrue(tail.counters.total(PipelineCounters.BOND_FEEDBACK_SENT) > 0, "feedback was sent");
    }

    private static void runHead(final Router head, final byte[] frame, final int count)
    {
        final UnsafeBuffer work = head.work;
        for (int i = 0; i < count; i++)
        {
            if ((i & 63) == 0)
            {
                head.pipeline.beginBatch();
                head.pipeline.poll();
            }
            head.now[0] += 1_000;
            work.putBytes(Pipeline.HEADROOM, frame);
            head.pipeline.process(H_EDGE, work, Pipeline.HEADROOM, frame.length);
        }
    }

    /** Pairs of packets swapped (the second member's first), a poll every 64 packets, 10 µs per packet. */
    private static void runTail(
        final Router tail, final byte[][] frames, final int[] ports, final int tlv, final int[] seq,
        final int[] memberSeq, final int count)
    {
        final UnsafeBuffer work = tail.work;
        final int at = Pipeline.HEADROOM;
        for (int i = 0; i < count; i++)
        {
            if ((i & 63) == 0)
            {
                tail.pipeline.beginBatch();
                tail.pipeline.poll();
            }
            tail.now[0] += 10_000;
            final int s = (i & 1) == 0 ? seq[0] + 1 : seq[0];   // s+1 first, then s
            final int m = s & 1;
            final byte[] frame = frames[m];
            work.putBytes(at, frame);
            final int t = at + tlv;
            BondTlv.write(work, t, BOND_ID, 0, m, 0, 2, s, memberSeq[m]++, tail.now[0] - 1_000);
            tail.pipeline.process(ports[m], work, at, frame.length);
            if ((i & 1) == 1)
            {
                seq[0] += 2;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** Sends {@code n} packets (payload 0..n-1) through the head and returns what it emitted, in order. */
    private static List<Bonded> sendThroughHead(final Router head, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            head.receive(H_EDGE, innerFrame(H_EDGE_MAC, HOST_MAC, i));
        }
        final List<Bonded> out = head.take().stream().map(BondPipelineTest::parseBonded).toList();
        assertEquals(n, out.size());
        return new ArrayList<>(out);
    }

    /** The relay of the packet's member applies End and hands it to the tail's port on that relay's link. */
    private static byte[] relayToTail(final Bonded b)
    {
        return b.member() == 0 ? relay(b.frame(), T_TA_MAC, RELAY_A_TAIL_MAC) : relay(b.frame(), T_TB_MAC,
            RELAY_B_TAIL_MAC);
    }

    private static void toTail(final Router tail, final Bonded b)
    {
        tail.receive(b.member() == 0 ? T_TA : T_TB, relayToTail(b));
    }

    /** The payload numbers of the packets the tail sent to the client since the last call (other frames kept out). */
    private static List<Integer> delivered(final Router tail)
    {
        final List<Integer> out = new ArrayList<>();
        for (final Sent s : tail.take())
        {
            if (s.port() == T_LAN)
            {
                out.add(new UnsafeBuffer(s.frame()).getInt(14 + 48, BIG_ENDIAN));
            }
        }
        return out;
    }

    private static List<Integer> range(final int from, final int to)
    {
        final List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            out.add(i);
        }
        return out;
    }

    private static void assertReportMatches(
        final FeedbackReport r, final List<Bonded> bonded, final long headClock, final long tailClock)
    {
        assertEquals(BOND_ID, r.bondId());
        assertEquals(0, r.stream());
        assertEquals(0, r.reportSequence());
        assertEquals(0, r.occupancy());
        assertEquals(0, r.late());
        assertEquals(0, r.lost());
        assertEquals(0, r.duplicates());
        assertEquals(2, r.members().size());
        for (int m = 0; m < 2; m++)
        {
            final int member = m;
            final List<Bonded> on = bonded.stream().filter(b -> b.member() == member).toList();
            final MemberReport mr = r.members().get(m);
            assertEquals(m, mr.member());
            assertEquals(on.size(), mr.receivedPackets(), "packets of member " + m);
            assertEquals((long)on.size() * INNER_LENGTH, mr.receivedBytes(), "bytes of member " + m);
            assertEquals(on.get(on.size() - 1).memberSequence(), mr.highestMemberSeq());
            // every packet was sent at headClock and received at tailClock
            assertEquals(tailClock - headClock, mr.owdMinNs());
            assertEquals(tailClock - headClock, mr.owdMeanNs());
            assertEquals(tailClock - headClock, mr.owdMaxNs());
        }
    }

    private static Bonded parseBonded(final Sent s)
    {
        final UnsafeBuffer f = new UnsafeBuffer(s.frame());
        final int t = tlvOffset(f);
        assertTrue(t >= 0, "the bond TLV is in the SRH");
        return new Bonded(s.port(), s.frame(), BondTlv.member(f, t), BondTlv.sequence(f, t),
            BondTlv.memberSequence(f, t), BondTlv.flags(f, t), BondTlv.sendTimeNs(f, t));
    }

    /** The bond TLV's offset in an Ethernet frame with IPv6 and an SRH, or {@link BondTlv#NOT_FOUND}. */
    private static int tlvOffset(final UnsafeBuffer f)
    {
        assertEquals(0x86DD, f.getShort(12, BIG_ENDIAN) & 0xFFFF);
        assertEquals(43, f.getByte(14 + 6) & 0xFF, "next header: routing");
        final Srh srh = new Srh().wrap(f, 14 + 40, f.capacity() - 14 - 40);
        assertEquals(null, srh.validate());
        return BondTlv.find(srh);
    }

    /** An inner IPv6/UDP packet from the host to the client in a frame to the head's edge port. */
    static byte[] innerFrame(final long dstMac, final long srcMac, final int number)
    {
        final byte[] frame = new byte[14 + INNER_LENGTH];
        final UnsafeBuffer f = new UnsafeBuffer(frame);
        ethernet(f, dstMac, srcMac);
        writeInner(f, 14, number);
        return frame;
    }

    private static void writeInner(final UnsafeBuffer f, final int l3, final int number)
    {
        f.putInt(l3, 0x6000_0000, BIG_ENDIAN);
        f.putShort(l3 + 4, (short)(8 + PAYLOAD), BIG_ENDIAN);
        f.putByte(l3 + 6, (byte)IpProtocol.UDP);
        f.putByte(l3 + 7, (byte)64);
        putAddress(f, l3 + 8, HOST);
        putAddress(f, l3 + 24, CLIENT);
        final int udp = l3 + 40;
        f.putShort(udp, (short)40000, BIG_ENDIAN);
        f.putShort(udp + 2, (short)5001, BIG_ENDIAN);
        f.putShort(udp + 4, (short)(8 + PAYLOAD), BIG_ENDIAN);
        f.putInt(udp + 8, number, BIG_ENDIAN);
        for (int i = 4; i < PAYLOAD; i++)
        {
            f.putByte(udp + 8 + i, (byte)i);
        }
        final long sum = Checksum.sum(f, udp, 8 + PAYLOAD, Checksum.pseudoHeaderSum(Ipv6Address.parseHi(HOST),
            Ipv6Address.parseLo(HOST), Ipv6Address.parseHi(CLIENT), Ipv6Address.parseLo(CLIENT), 8 + PAYLOAD,
            IpProtocol.UDP));
        f.putShort(udp + 6, (short)Checksum.finish(sum), BIG_ENDIAN);
    }

    /** A plain H.Encaps packet to the tail SID (no bond TLV), with or without an SRH (SL 0), as a frame. */
    private static byte[] plainEncap(final long dstMac, final long srcMac, final int number, final boolean withSrh)
    {
        final int srhLength = withSrh ? 8 + 16 : 0;
        final byte[] frame = new byte[14 + 40 + srhLength + INNER_LENGTH];
        final UnsafeBuffer f = new UnsafeBuffer(frame);
        ethernet(f, dstMac, srcMac);
        f.putInt(14, 0x6000_0000, BIG_ENDIAN);
        f.putShort(14 + 4, (short)(srhLength + INNER_LENGTH), BIG_ENDIAN);
        f.putByte(14 + 6, (byte)(withSrh ? 43 : 41));
        f.putByte(14 + 7, (byte)60);
        putAddress(f, 14 + 8, HEAD_SOURCE);
        putAddress(f, 14 + 24, TAIL_SID);
        if (withSrh)
        {
            final int srh = 14 + 40;
            f.putByte(srh, (byte)41);
            f.putByte(srh + 1, (byte)2);
            f.putByte(srh + 2, (byte)4);
            f.putByte(srh + 3, (byte)0);
            f.putByte(srh + 4, (byte)0);
            putAddress(f, srh + 8, TAIL_SID);
        }
        writeInner(f, 14 + 40 + srhLength, number);
        return frame;
    }

    /** What an End relay does with a frame: SL - 1, DA = the new active segment, hop limit - 1, new Ethernet. */
    private static byte[] relay(final byte[] frame, final long dstMac, final long srcMac)
    {
        final byte[] copy = frame.clone();
        final UnsafeBuffer f = new UnsafeBuffer(copy);
        ethernet(f, dstMac, srcMac);
        assertEquals(43, f.getByte(14 + 6) & 0xFF);
        final int srh = 14 + 40;
        final int sl = f.getByte(srh + 3) & 0xFF;
        assertTrue(sl > 0, "the relay is not the last segment");
        f.putByte(srh + 3, (byte)(sl - 1));
        f.putBytes(14 + 24, f, srh + 8 + 16 * (sl - 1), 16);
        f.putByte(14 + 7, (byte)((f.getByte(14 + 7) & 0xFF) - 1));
        return copy;
    }

    private static byte[] reframe(final byte[] frame, final long dstMac, final long srcMac)
    {
        final byte[] copy = frame.clone();
        ethernet(new UnsafeBuffer(copy), dstMac, srcMac);
        return copy;
    }

    private static boolean udpChecksumValid(
        final UnsafeBuffer f, final int l3, final int udp, final String finalDestination)
    {
        final int udpLength = f.getShort(udp + 4, BIG_ENDIAN) & 0xFFFF;
        assertEquals(f.capacity() - udp, udpLength, "UDP length");
        assertNotEquals(0, f.getShort(udp + 6, BIG_ENDIAN), "IPv6 UDP checksum must not be 0");
        final long sum = Checksum.sum(f, udp, udpLength, Checksum.pseudoHeaderSum(
            f.getLong(l3 + 8, BIG_ENDIAN), f.getLong(l3 + 16, BIG_ENDIAN),
            Ipv6Address.parseHi(finalDestination), Ipv6Address.parseLo(finalDestination), udpLength, IpProtocol.UDP));
        return Checksum.fold(sum) == 0xFFFF;
    }

    private static void ethernet(final UnsafeBuffer f, final long dstMac, final long srcMac)
    {
        for (int i = 0; i < 6; i++)
        {
            f.putByte(i, (byte)(dstMac >>> (40 - 8 * i)));
            f.putByte(6 + i, (byte)(srcMac >>> (40 - 8 * i)));
        }
        f.putShort(12, (short)0x86DD, BIG_ENDIAN);
    }

    private static long mac(final UnsafeBuffer f, final int offset)
    {
        long mac = 0;
        for (int i = 0; i < 6; i++)
        {
            mac = (mac << 8) | (f.getByte(offset + i) & 0xFF);
        }
        return mac;
    }

    private static void putAddress(final UnsafeBuffer f, final int offset, final String address)
    {
        f.putLong(offset, Ipv6Address.parseHi(address), BIG_ENDIAN);
        f.putLong(offset + 8, Ipv6Address.parseLo(address), BIG_ENDIAN);
    }

    private static void assertAddress(final String expected, final UnsafeBuffer f, final int offset)
    {
        final byte[] actual = new byte[16];
        f.getBytes(offset, actual);
        final byte[] want = new byte[16];
        final UnsafeBuffer w = new UnsafeBuffer(want);
        putAddress(w, 0, expected);
        assertArrayEquals(want, actual, () -> "address at " + offset + ": expected " + expected + ", got " +
            Ipv6Address.format(f.getLong(offset, BIG_ENDIAN), f.getLong(offset + 8, BIG_ENDIAN)));
    }
}
