package net.srv6epe.dataplane.pipeline;

import net.srv6epe.dataplane.flowstats.FlowTable;
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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-port router for pipeline tests: {@code core} (#0, towards the SRv6 underlay) and {@code edge} (#1,
 * towards hosts and peers), with a default VRF, a peer VRF reached by End.DT6/End.DT46, an EPE VRF reached by
 * PBR that encapsulates, local SIDs, static neighbors, and a sink that records every transmitted frame.
 */
public final class PipelineFixture
{
    public static final long CORE_MAC = 0x0200_0000_0001L;
    public static final long EDGE_MAC = 0x0200_0000_0002L;
    public static final long CORE_PEER_MAC = 0x0200_0000_00C1L;
    public static final long EDGE_PEER_MAC = 0x0200_0000_00E1L;
    public static final int CORE = 0;
    public static final int EDGE = 1;

    final AddressBook book = AddressBook.defaults()
        .define("R", "fd00:c::1")        // our address on core
        .define("N", "fd00:c::2")        // core neighbor
        .define("E", "fd00:e::1")        // our address on edge
        .define("P", "fd00:e::2")        // edge neighbor (egress peer)
        .define("SRC", "fd00:100::10")   // encap source
        .define("EPE", "fd00:10::a")     // an EPE source address
        .define("H", "fd00:10::10")      // a default source address
        .define("C", "fd00:c0::c")       // a client
        .define("S1", "fc00:a::d6")      // our End.DT6 SID
        .define("S2", "fc00:a::1")       // our End SID
        .define("S3", "fc00:b::100")     // a remote SID
        .define("S4", "fc00:a::d46")     // our End.DT46 SID
        .define("S5", "fc00:a::2")       // our End.X SID with PSP
        .define("c4", "198.18.0.12")
        .define("h4", "198.18.1.10");

    public final List<byte[]> sent = new ArrayList<>();
    final List<Integer> sentPorts = new ArrayList<>();
    final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
    public final PipelineCounters counters = new PipelineCounters();
    final long[] now = { 1_000_000_000L };
    public final NeighborAgent agent;
    public final Pipeline pipeline;

    /** A fixture whose sink records a copy of every transmitted frame (in {@link #sent}). */
    public PipelineFixture()
    {
        this(true);
    }

    /**
     * @param record whether the sink copies frames into {@link #sent} (which allocates), or only counts them in
     *     {@link #sentCount} (which does not)
     */
    public PipelineFixture(final boolean record)
    {
        this(record, null);
    }

    /**
     * @param record as {@link #PipelineFixture(boolean)}
     * @param flows  the pipeline's flow counters, or null for none
     */
    public PipelineFixture(final boolean record, final FlowTable flows)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("peer", 100);
        b.addVrf("epe", 101);
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:c::/64"), RouteAction.connected("core"));
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:e::/64"), RouteAction.connected("edge"));
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:c::1/128"), RouteAction.local());
        b.addRoute(Vrf.DEFAULT_NAME, Ipv4Prefix.parse("198.18.1.0/24"), RouteAction.connected("edge"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv4Prefix.parse("198.18.1.1/32"), RouteAction.local());
        b.addRoute(Vrf.DEFAULT_NAME, p6("fc00:b::/48"), RouteAction.via(hi("N"), lo("N"), "core"));
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:c0::/64"), RouteAction.via(hi("P"), lo("P"), "edge"));
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:10::/64"), RouteAction.via(hi("N"), lo("N"), "core"));
        b.addRoute(Vrf.DEFAULT_NAME, p6("fd00:dead::/32"), RouteAction.blackhole());
        b.addRoute("peer", p6("fd00:c0::/64"), RouteAction.via(hi("P"), lo("P"), "edge"));
        b.addRoute("peer", Ipv4Prefix.parse("198.18.0.0/24"), RouteAction.connected("edge"));
        final long[] seg = { hi("S3"), lo("S3") };
        b.addRoute("epe", p6("fd00:c0::/64"), RouteAction.encap(
            EncapTemplate.create(Behavior.H_ENCAPS, hi("SRC"), lo("SRC"), seg), Vrf.DEFAULT_NAME));
        b.addRoute("epe", Ipv4Prefix.parse("198.18.0.0/24"), RouteAction.encap(
            EncapTemplate.create(Behavior.H_ENCAPS_RED, hi("SRC"), lo("SRC"), seg), Vrf.DEFAULT_NAME));
        b.addPbrRule(PbrRule.ipv6(10, p6("fd00:10::a/128"), null, "epe"));
        b.addPbrRule(PbrRule.ipv4(10, Ipv4Prefix.parse("198.18.1.10/32"), null, "epe"));
        b.addLocator(p6("fc00:a::/48"));
        b.addSid(LocalSid.of(hi("S1"), lo("S1"), Behavior.END_DT6).withVrf("peer"));
        b.addSid(LocalSid.of(hi("S4"), lo("S4"), Behavior.END_DT46).withVrf("peer"));
        b.addSid(LocalSid.of(hi("S2"), lo("S2"), Behavior.END));
        b.addSid(LocalSid.of(hi("S5"), lo("S5"), Behavior.END_X).withFlavors(Flavor.PSP.bit())
            .withNextHop6(hi("P"), lo("P")).withPort("edge"));
        publisher.publish(b.build());

        final PortTable ports = new PortTable(List.of(
            new PortInfo(CORE, "core", CORE_MAC, 1500, Vrf.DEFAULT_NAME, true, hi("R"), lo("R"), false, 0),
            new PortInfo(EDGE, "edge", EDGE_MAC, 1500, Vrf.DEFAULT_NAME, true, hi("E"), lo("E"), false, 0)));
        final NeighborTable table = new NeighborTable();
        agent = new NeighborAgent(() -> now[0], table, NeighborSettings.defaults(), 2);
        agent.configurePort(CORE, CORE_MAC);
        agent.configurePort(EDGE, EDGE_MAC);
        agent.addStatic(CORE, hi("N"), lo("N"), CORE_PEER_MAC);
        agent.addStatic(EDGE, hi("P"), lo("P"), EDGE_PEER_MAC);
        agent.addStatic(EDGE, hi("C"), lo("C"), EDGE_PEER_MAC);
        agent.addStatic(EDGE, book.ipv4("c4"), EDGE_PEER_MAC);
        agent.addStatic(EDGE, book.ipv4("198.18.1.20"), EDGE_PEER_MAC);
        agent.addAddress(CORE, hi("R"), lo("R"));
        agent.addAddress(EDGE, hi("E"), lo("E"));
        final IcmpRateLimiter limiter = new IcmpRateLimiter(() -> now[0], 1000, 1000, true);
        pipeline = new Pipeline(publisher, ports, table, agent.proxy(), counters, limiter,
            record ? this::record : this::count, flows);
    }

    /** Frames the counting sink saw. */
    public long sentCount;

    private boolean count(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        sentCount++;
        return true;
    }

    private boolean record(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        sent.add(copy);
        sentPorts.add(port);
        return true;
    }

    long hi(final String name)
    {
        return Ipv6Address.bytesToLong(book.ipv6(name), 0);
    }

    long lo(final String name)
    {
        return Ipv6Address.bytesToLong(book.ipv6(name), 8);
    }

    static Ipv6Prefix p6(final String text)
    {
        return Ipv6Prefix.parse(text);
    }
}
