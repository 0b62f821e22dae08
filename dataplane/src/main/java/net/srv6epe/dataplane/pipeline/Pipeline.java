package net.srv6epe.dataplane.pipeline;

import net.srv6epe.dataplane.bond.BondFeedbackQueue;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondSender;
import net.srv6epe.dataplane.bond.BondSenders;
import net.srv6epe.dataplane.bond.FeedbackOutput;
import net.srv6epe.dataplane.bond.TailStream;
import net.srv6epe.dataplane.capture.CaptureSwitch;
import net.srv6epe.dataplane.capture.CaptureTap;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.dataplane.neighbor.NeighborFrames;
import net.srv6epe.dataplane.neighbor.NeighborProxy;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.behavior.EchoResponder;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.behavior.EndpointBehaviors;
import net.srv6epe.srv6.behavior.HeadEnd;
import net.srv6epe.srv6.behavior.Icmpv4EchoResponder;
import net.srv6epe.srv6.behavior.IcmpErrorWriter;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.srv6.behavior.PacketContext;
import net.srv6epe.srv6.behavior.Verdict;
import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.bond.ReleaseHandler;
import net.srv6epe.srv6.bond.ReorderBuffer;
import net.srv6epe.srv6.wire.BondTlv;
import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Srh;
import net.srv6epe.srv6.wire.EthernetFrame;
import net.srv6epe.srv6.wire.Icmpv4Message;
import net.srv6epe.srv6.wire.Icmpv6Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6Header;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import net.srv6epe.vrf.sid.LocalSidTable;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The path of one packet (DESIGN.md), run to completion on the worker's thread, in place, without allocating:
 *
 * <pre>
 * Ethernet: ours? ARP / NDP -> neighbor agent
 *   IPv6 destination a local SID? -> endpoint behavior (End, End.X, End.DX4/6, End.DT4/6/46)
 *   else PBR (source -> VRF, else the ingress port's VRF) -> LPM in the VRF -> route action:
 *     forward (via / connected) | H.Encaps(.Red) then route the outer packet in the underlay VRF | local | drop
 *   -> neighbor table -> Ethernet rewrite -> port TX
 * </pre>
 *
 * Every packet that does not leave through a port is counted under a {@link DropReason}; where an RFC asks for an
 * ICMP error one is built (rate limited), routed like any packet, and sent back.
 *
 * <p>With a {@link FlowTable}, packets that leave H.Encaps'ed (inner tuple, the template's first SID, egress port)
 * and decapsulated packets forwarded by End.DT4/6/46 (inner tuple, the SID's VRF, next hop, egress port) are
 * counted per flow: one hash and a few array writes, no allocation.
 *
 * <p>While a capture runs ({@link #captureSwitch()}), the {@link CaptureTap} taken at the start of the batch sees
 * each frame received, each frame sent and each drop; with no capture the cost is a plain read of a null field at
 * each of those places.
 *
 * <p>Call {@link #beginBatch()} before each batch of frames: it takes the current forwarding snapshot, which the
 * whole batch then uses. One instance per worker; not thread safe.
 */
public final class Pipeline
{
    /** Bytes kept free in front of a received frame so encapsulation can grow it in place. */
    public static final int HEADROOM = 512;
    /** Outer hop limit of packets we encapsulate (Linux uses 64 as well). */
    public static final int OUTER_HOP_LIMIT = 64;

    /** Forward a packet arriving from the wire: check, then decrement its hop limit / TTL. */
    private static final int MODE_TRANSIT = 0;
    /** Forward a packet whose hop limit a behavior already decremented (End, End.X). */
    private static final int MODE_DECREMENTED = 1;
    /** Forward a packet we generated (ICMP error, echo reply): no checks, no errors about it. */
    private static final int MODE_GENERATED = 2;

    private static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;
    /** Consecutive segments of one packet processed on this router before it is dropped as looping. */
    private static final int MAX_LOCAL_SEGMENTS = 8;

    private final ForwardingStatePublisher publisher;
    private final PortTable ports;
    private final NeighborTable neighbors;
    private final NeighborProxy neighborProxy;
    private final PipelineCounters counters;
    private final IcmpRateLimiter icmpLimiter;
    private final FrameSink sink;
    /** Flow counters, or null when flow statistics are off. */
    private final FlowTable flows;
    private final CaptureSwitch captureSwitch = new CaptureSwitch();
    /** The capture of the current batch, or null: read once per batch from {@link #captureSwitch}. */
    private CaptureTap tap;

    private final EthernetFrame eth = new EthernetFrame();
    private final Ipv6Header ip6 = new Ipv6Header();
    private final Ipv4Header ip4 = new Ipv4Header();
    private final PacketContext ctx = new PacketContext();
    private final EndpointBehaviors behaviors = new EndpointBehaviors();
    private final HeadEnd headEnd = new HeadEnd();
    private final IcmpErrorWriter icmpWriter = new IcmpErrorWriter();
    private final EchoResponder echoResponder = new EchoResponder();
    private final Icmpv4EchoResponder echo4Responder = new Icmpv4EchoResponder();
    private final UnsafeBuffer icmpBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(HEADROOM + 1600));

    /** Bonding (docs/BONDING.md): this worker's head-end senders, tail-end receiver and feedback queue, or null. */
    private BondSenders bondSenders;
    private BondReceiver bondReceiver;
    private BondFeedbackQueue bondFeedback;
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private final Srh srh = new Srh();
    private final Ipv6ExtensionChain localChain = new Ipv6ExtensionChain();
    private final ReleaseHandler released = this::onReleased;
    private final FeedbackOutput feedbackOutput = this::sendFeedback;

    private ForwardingState state;
    /** The VRF an End.DT* decapsulated the current packet into, or -1. */
    private int decapVrfId = -1;
    private int flowFamily;
    private long flowSrcHi;
    private long flowSrcLo;
    private long flowDstHi;
    private long flowDstLo;
    private long flowProtoPorts;

    public Pipeline(
        final ForwardingStatePublisher publisher,
        final PortTable ports,
        final NeighborTable neighbors,
        final NeighborProxy neighborProxy,
        final PipelineCounters counters,
        final IcmpRateLimiter icmpLimiter,
        final FrameSink sink)
    {
        this(publisher, ports, neighbors, neighborProxy, counters, icmpLimiter, sink, null);
    }

    /**
     * @param flows the worker's flow counters, or null for no flow statistics
     */
    public Pipeline(
        final ForwardingStatePublisher publisher,
        final PortTable ports,
        final NeighborTable neighbors,
        final NeighborProxy neighborProxy,
        final PipelineCounters counters,
        final IcmpRateLimiter icmpLimiter,
        final FrameSink sink,
        final FlowTable flows)
    {
        this.publisher = publisher;
        this.ports = ports;
        this.neighbors = neighbors;
        this.neighborProxy = neighborProxy;
        this.counters = counters;
        this.icmpLimiter = icmpLimiter;
        this.sink = sink;
        this.flows = flows;
        beginBatch();
    }

    /**
     * Turns bonding on for this pipeline (docs/BONDING.md); call once before the first packet.
     *
     * @param senders  this worker's head-end side, or null when the router has no bonds
     * @param receiver this worker's tail-end side, or null when no SID is a bond's tail end
     * @param feedback where feedback arriving at a bond's source goes, or null when the router has no bonds
     * @param clock    the clock of send times, arrival times and hold times
     */
    public void bonding(
        final BondSenders senders, final BondReceiver receiver, final BondFeedbackQueue feedback,
        final NanoClock clock)
    {
        this.bondSenders = senders;
        this.bondReceiver = receiver;
        this.bondFeedback = feedback;
        this.clock = clock;
        if (senders != null)
        {
            senders.refresh(state);
        }
    }

    /**
     * Time-driven work between batches: the tail end releases held packets whose wait is over and sends the
     * feedback that is due. Call after {@link #beginBatch()}; returns the work done.
     */
    public int poll()
    {
        final BondReceiver receiver = bondReceiver;
        if (receiver == null || receiver.streamCount() == 0)
        {
            return 0;
        }
        return receiver.poll(clock.nanoTime(), released, feedbackOutput);
    }

    /** Where the control plane turns a live capture of this pipeline's frames on and off. */
    public CaptureSwitch captureSwitch()
    {
        return captureSwitch;
    }

    /** Takes the current forwarding snapshot and capture for the frames that follow. */
    public void beginBatch()
    {
        final ForwardingState current = publisher.current();
        if (current != state)
        {
            state = current;
            ports.refresh(current);
            if (bondSenders != null)
            {
                bondSenders.refresh(current);
            }
        }
        if (flows != null)
        {
            flows.beginBatch();
        }
        final CaptureTap capture = captureSwitch.current();
        if (capture != tap)
        {
            if (tap != null)
            {
                tap.detach();
            }
            tap = capture;
        }
    }

    /**
     * Processes one received Ethernet frame in place.
     *
     * @param inPort the port it arrived on
     * @param buffer holds the frame, with at least {@link #HEADROOM} writable bytes before {@code offset} and the
     *     rest of the buffer after the frame free for the pipeline's use
     * @param offset where the Ethernet header starts
     * @param length frame length
     */
    public void process(final int inPort, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        counters.count(PipelineCounters.RX_FRAMES);
        final CaptureTap tap = this.tap;
        if (tap != null)
        {
            countCapture(tap.received(inPort, buffer, offset, length));
        }
        decapVrfId = -1;
        final EthernetFrame eth = this.eth.wrap(buffer, offset, length);
        if (!eth.isValid())
        {
            drop(DropReason.ETH_TRUNCATED);
            return;
        }
        final PortInfo port = ports.get(inPort);
        final long dstMac = eth.destination();
        final boolean group = ((dstMac >>> 40) & 1) != 0;
        if ((dstMac != port.mac() && !group) || eth.source() == port.mac())
        {
            drop(DropReason.ETH_NOT_FOR_US);
            return;
        }
        if (eth.hasVlanTag())
        {
            drop(DropReason.ETH_VLAN_UNKNOWN);
            return;
        }

        final int etherType = eth.etherType();
        final int l3 = eth.payloadOffset();
        final int l3Length = offset + length - l3;
        if (etherType == EthernetFrame.ETHERTYPE_IPV6)
        {
            ipv6Input(inPort, buffer, offset, length, l3, l3Length, group);
        }
        else if (etherType == EthernetFrame.ETHERTYPE_IPV4)
        {
            if (group && dstMac != BROADCAST_MAC)
            {
                drop(DropReason.ETH_NOT_FOR_US);
                return;
            }
            ipv4Input(inPort, buffer, l3, l3Length);
        }
        else if (etherType == EthernetFrame.ETHERTYPE_ARP)
        {
            punt(inPort, buffer, offset, length);
        }
        else
        {
            drop(DropReason.ETH_UNSUPPORTED_ETHERTYPE);
        }
    }

    private void ipv6Input(
        final int inPort,
        final MutableDirectBuffer buffer,
        final int frameOffset,
        final int frameLength,
        final int l3,
        final int l3Length,
        final boolean groupMac)
    {
        final Ipv6Header ip6 = this.ip6.wrap(buffer, l3, l3Length);
        if (l3Length < Ipv6Header.HEADER_LENGTH || ip6.totalLength() > l3Length)
        {
            drop(DropReason.IPV6_TRUNCATED);
            return;
        }
        if (ip6.version() != 6)
        {
            drop(DropReason.IPV6_BAD_VERSION);
            return;
        }
        if (ip6.nextHeader() == IpProtocol.ICMPV6 && NeighborFrames.isNeighborFrame(buffer, frameOffset, frameLength))
        {
            punt(inPort, buffer, frameOffset, frameLength);
            return;
        }
        final long dstHi = ip6.destinationHi();
        if (groupMac || Ipv6Header.isMulticast(dstHi))
        {
            // Multicast other than Neighbor Discovery (MLD, router solicitations, ...) is not ours to route.
            drop(DropReason.ETH_NOT_FOR_US);
            return;
        }
        final long srcHi = ip6.sourceHi();
        final long srcLo = ip6.sourceLo();
        if (Ipv6Header.isMulticast(srcHi))
        {
            drop(DropReason.IPV6_BAD_SOURCE);
            return;
        }
        final long dstLo = ip6.destinationLo();

        ctx.reset(buffer, l3, ip6.totalLength(), EthernetFrame.HEADER_LENGTH, 6);

        // Local SID table first (DESIGN.md: "IPv6 dst in local SID table?")
        final LocalSidTable sids = state.localSids();
        final int sidIndex = sids.lookup(dstHi, dstLo);
        if (sidIndex != LocalSidTable.NOT_FOUND)
        {
            endpoint(inPort, sids.entry(sidIndex), 0);
            return;
        }
        if (sids.inLocator(dstHi, dstLo))
        {
            drop(DropReason.SRV6_SID_UNKNOWN);
            return;
        }

        int vrfId = state.pbr().lookup6(srcHi, srcLo, dstHi, dstLo);
        if (vrfId < 0)
        {
            vrfId = ports.vrfId(inPort);
        }
        route6(inPort, vrfId, MODE_TRANSIT);
    }

    private void ipv4Input(final int inPort, final MutableDirectBuffer buffer, final int l3, final int l3Length)
    {
        final Ipv4Header ip4 = this.ip4.wrap(buffer, l3, l3Length);
        final DropReason invalid = ip4.validate();
        if (invalid != null)
        {
            drop(invalid);
            return;
        }
        final int dst = ip4.destination();
        if (Ipv4Header.isMulticast(dst) || Ipv4Header.isLimitedBroadcast(dst))
        {
            drop(DropReason.ETH_NOT_FOR_US);
            return;
        }
        ctx.reset(buffer, l3, ip4.totalLength(), EthernetFrame.HEADER_LENGTH, 4);
        int vrfId = state.pbr().lookup4(ip4.source(), dst);
        if (vrfId < 0)
        {
            vrfId = ports.vrfId(inPort);
        }
        route4(inPort, vrfId, MODE_TRANSIT);
    }

    private void endpoint(final int inPort, final LocalSid sid, final int depth)
    {
        final int bytes = ctx.l3Length();
        final int outerOffset = ctx.l3Offset();
        final Behavior behavior = sid.behavior();
        final int verdict = behaviors.process(behavior, sid.flavors(), ctx);
        counters.sid(sid.counterIndex(), verdict != Verdict.DROP, bytes);
        if (bondReceiver != null && (verdict == Verdict.DECAP_LOOKUP_IPV6 || verdict == Verdict.DECAP_LOOKUP_IPV4) &&
            bondTail(inPort, sid, outerOffset, verdict))
        {
            return;
        }
        switch (verdict)
        {
            case Verdict.LOOKUP:
                nextSegment(inPort, depth);
                break;

            case Verdict.FORWARD_NEXTHOP:
                forwardToSidNextHop(inPort, sid);
                break;

            case Verdict.DECAP_LOOKUP_IPV6:
                counters.count(PipelineCounters.DECAPSULATED);
                decapVrfId = sid.vrfId() >= 0 ? sid.vrfId() : ports.vrfId(inPort);
                route6(inPort, decapVrfId, MODE_TRANSIT);
                break;

            case Verdict.DECAP_LOOKUP_IPV4:
                counters.count(PipelineCounters.DECAPSULATED);
                decapVrfId = sid.vrfId() >= 0 ? sid.vrfId() : ports.vrfId(inPort);
                route4(inPort, decapVrfId, MODE_TRANSIT);
                break;

            case Verdict.LOCAL:
                deliverLocal6(inPort, ports.vrfId(inPort));
                break;

            default:
                dropped(inPort);
                break;
        }
    }

    /**
     * After End / End.X-less advance: the new destination may be another of our SIDs (two consecutive segments
     * on this router), which is processed at once, a bounded number of times; otherwise it is routed.
     */
    private void nextSegment(final int inPort, final int depth)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int l3 = ctx.l3Offset();
        final long dstHi = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
        final long dstLo = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
        final LocalSidTable sids = state.localSids();
        final int sidIndex = sids.lookup(dstHi, dstLo);
        if (sidIndex != LocalSidTable.NOT_FOUND)
        {
            if (depth + 1 >= MAX_LOCAL_SEGMENTS)
            {
                drop(DropReason.SRV6_TOO_MANY_LOCAL_SEGMENTS);
                return;
            }
            endpoint(inPort, sids.entry(sidIndex), depth + 1);
            return;
        }
        if (sids.inLocator(dstHi, dstLo))
        {
            drop(DropReason.SRV6_SID_UNKNOWN);
            return;
        }
        route6(inPort, ports.vrfId(inPort), MODE_DECREMENTED);
    }

    private void forwardToSidNextHop(final int inPort, final LocalSid sid)
    {
        // End.X already decremented the hop limit; End.DX6 / End.DX4 forward the inner packet as a router would.
        final boolean decapsulated = sid.behavior() != Behavior.END_X;
        if (decapsulated)
        {
            counters.count(PipelineCounters.DECAPSULATED);
        }
        final int mode = decapsulated ? MODE_TRANSIT : MODE_DECREMENTED;
        if (ctx.family() == 6)
        {
            int outPort = ports.indexOf(sid.port());
            if (outPort == PortTable.NO_PORT)
            {
                outPort = connectedPort6(ports.vrfId(inPort), sid.nextHopHi(), sid.nextHopLo());
            }
            if (outPort == PortTable.NO_PORT)
            {
                drop(DropReason.ROUTE_RECURSION_FAILED);
                return;
            }
            forward6(inPort, outPort, sid.nextHopHi(), sid.nextHopLo(), mode);
        }
        else
        {
            int outPort = ports.indexOf(sid.port());
            if (outPort == PortTable.NO_PORT)
            {
                outPort = connectedPort4(ports.vrfId(inPort), sid.nextHop4());
            }
            if (outPort == PortTable.NO_PORT)
            {
                drop(DropReason.ROUTE_RECURSION_FAILED);
                return;
            }
            forward4(inPort, outPort, sid.nextHop4(), mode);
        }
    }

    private void route6(final int inPort, final int vrfId, final int mode)
    {
        final Vrf vrf = state.vrf(vrfId);
        final MutableDirectBuffer buffer = ctx.buffer();
        final int l3 = ctx.l3Offset();
        final long dstHi = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
        final long dstLo = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
        final RouteAction action = vrf == null ? null : vrf.route6(dstHi, dstLo);
        if (action == null)
        {
            dropIcmp6(inPort, mode, DropReason.IPV6_NO_ROUTE, Icmpv6Message.TYPE_DESTINATION_UNREACHABLE,
                Icmpv6Message.CODE_NO_ROUTE, 0);
            return;
        }
        switch (action.kind())
        {
            case FORWARD:
            case CONNECTED:
            {
                final int outPort = egressPort(action, vrf);
                if (outPort == PortTable.NO_PORT)
                {
                    drop(DropReason.ROUTE_RECURSION_FAILED);
                    return;
                }
                final boolean via = action.nextHopFamily() == RouteAction.NEXT_HOP_IPV6;
                forward6(inPort, outPort, via ? action.nextHopHi() : dstHi, via ? action.nextHopLo() : dstLo, mode);
                return;
            }
            case ENCAP:
                encapsulate(inPort, vrfId, action, mode);
                return;
            case BOND:
                bond(inPort, vrfId, action, mode);
                return;
            case LOCAL:
                deliverLocal6(inPort, vrfId);
                return;
            case BLACKHOLE:
                drop(DropReason.ROUTE_BLACKHOLE);
                return;
            default:
                dropIcmp6(inPort, mode, DropReason.ROUTE_UNREACHABLE, Icmpv6Message.TYPE_DESTINATION_UNREACHABLE,
                    Icmpv6Message.CODE_NO_ROUTE, 0);
        }
    }

    private void route4(final int inPort, final int vrfId, final int mode)
    {
        final Vrf vrf = state.vrf(vrfId);
        final int l3 = ctx.l3Offset();
        final int dst = ctx.buffer().getInt(l3 + Ipv4Header.DESTINATION_OFFSET, BIG_ENDIAN);
        final RouteAction action = vrf == null ? null : vrf.route4(dst);
        if (action == null)
        {
            dropIcmp4(inPort, mode, DropReason.IPV4_NO_ROUTE, Icmpv4Message.TYPE_DESTINATION_UNREACHABLE,
                Icmpv4Message.CODE_NET_UNREACHABLE, 0);
            return;
        }
        switch (action.kind())
        {
            case FORWARD:
            case CONNECTED:
            {
                if (action.nextHopFamily() == RouteAction.NEXT_HOP_IPV6)
                {
                    // An IPv4 route via an IPv6 next hop (RFC 8950) is not supported by this forwarder.
                    drop(DropReason.ROUTE_RECURSION_FAILED);
                    return;
                }
                final int outPort = egressPort(action, vrf);
                if (outPort == PortTable.NO_PORT)
                {
                    drop(DropReason.ROUTE_RECURSION_FAILED);
                    return;
                }
                final boolean via = action.nextHopFamily() == RouteAction.NEXT_HOP_IPV4;
                forward4(inPort, outPort, via ? action.nextHop4() : dst, mode);
                return;
            }
            case ENCAP:
                encapsulate(inPort, vrfId, action, mode);
                return;
            case BOND:
                bond(inPort, vrfId, action, mode);
                return;
            case BLACKHOLE:
                drop(DropReason.ROUTE_BLACKHOLE);
                return;
            case LOCAL:
                deliverLocal4(inPort, vrfId);
                return;
            default:
                dropIcmp4(inPort, mode, DropReason.ROUTE_UNREACHABLE, Icmpv4Message.TYPE_DESTINATION_UNREACHABLE,
                    Icmpv4Message.CODE_HOST_UNREACHABLE, 0);
        }
    }

    /** The port of a forward action: the configured one, or the port of the connected route to its next hop. */
    private int egressPort(final RouteAction action, final Vrf vrf)
    {
        final int port = ports.indexOf(action.port());
        if (port != PortTable.NO_PORT)
        {
            return port;
        }
        if (action.nextHopFamily() == RouteAction.NEXT_HOP_IPV6)
        {
            return connectedPort6(vrf.id(), action.nextHopHi(), action.nextHopLo());
        }
        if (action.nextHopFamily() == RouteAction.NEXT_HOP_IPV4)
        {
            return connectedPort4(vrf.id(), action.nextHop4());
        }
        return PortTable.NO_PORT;
    }

    private int connectedPort6(final int vrfId, final long hi, final long lo)
    {
        final Vrf vrf = state.vrf(vrfId);
        final RouteAction a = vrf == null ? null : vrf.route6(hi, lo);
        return a != null && a.kind() == RouteAction.Kind.CONNECTED ? ports.indexOf(a.port()) : PortTable.NO_PORT;
    }

    private int connectedPort4(final int vrfId, final int address)
    {
        final Vrf vrf = state.vrf(vrfId);
        final RouteAction a = vrf == null ? null : vrf.route4(address);
        return a != null && a.kind() == RouteAction.Kind.CONNECTED ? ports.indexOf(a.port()) : PortTable.NO_PORT;
    }

    private void encapsulate(final int inPort, final int vrfId, final RouteAction action, final int mode)
    {
        final EncapTemplate template = action.encap();
        final Vrf underlay = state.vrf(action.underlayVrfId());
        final long segHi = template.segmentHi(0);
        final long segLo = template.segmentLo(0);
        final RouteAction outer = underlay == null ? null : underlay.route6(segHi, segLo);
        if (outer == null || (outer.kind() != RouteAction.Kind.FORWARD && outer.kind() != RouteAction.Kind.CONNECTED))
        {
            drop(DropReason.ROUTE_RECURSION_FAILED);
            return;
        }
        final int outPort = egressPort(outer, underlay);
        if (outPort == PortTable.NO_PORT)
        {
            drop(DropReason.ROUTE_RECURSION_FAILED);
            return;
        }
        final boolean countFlow = flows != null && mode != MODE_GENERATED;
        if (countFlow)
        {
            flowTuple();
        }
        final int verdict = headEnd.encapsulate(
            template, ctx, ports.get(outPort).mtu(), OUTER_HOP_LIMIT, mode == MODE_TRANSIT);
        if (verdict == Verdict.DROP)
        {
            dropped(inPort, mode);
            return;
        }
        counters.count(PipelineCounters.ENCAPSULATED);
        if (countFlow)
        {
            flows.record(flowFamily, flowSrcHi, flowSrcLo, flowDstHi, flowDstLo, flowProtoPorts,
                FlowTable.egress(FlowTable.EGRESS_SID, vrfId, outPort), segHi, segLo, ctx.l3Length());
        }
        final boolean via = outer.nextHopFamily() == RouteAction.NEXT_HOP_IPV6;
        transmit6(outPort, via ? outer.nextHopHi() : segHi, via ? outer.nextHopLo() : segLo);
    }

    /**
     * Head end of a bond (docs/BONDING.md): one member chosen per packet by the scheduler, H.Encaps with that
     * member's template, the bond TLV filled in; when a member believed down is due for a probe, a copy of the same
     * packet (same sequence number) goes to it as well.
     */
    private void bond(final int inPort, final int vrfId, final RouteAction action, final int mode)
    {
        final BondSender sender = bondSenders == null ? null : bondSenders.sender(action.bondId());
        if (sender == null)
        {
            drop(DropReason.BOND_UNKNOWN);
            return;
        }
        final long now = clock.nanoTime();
        int member = sender.pick(now, ctx.l3Length());
        int flags = 0;
        if (member < 0)
        {
            // every member is believed down: rather than drop, send blind, each packet a probe of the next member
            member = sender.blindMember();
            flags = BondTlv.FLAG_PROBE;
        }
        final MutableDirectBuffer buffer = ctx.buffer();
        final int innerOffset = ctx.l3Offset();
        final int family = ctx.family();
        final int headroomStart = ctx.headroomStart();
        final int sequence = sender.nextSequence();
        if (!bondMember(inPort, vrfId, sender, member, sequence, flags, now, mode))
        {
            return;
        }
        counters.count(PipelineCounters.BOND_SENT);
        if (flags != 0)
        {
            counters.count(PipelineCounters.BOND_PROBES);
            return;
        }
        final int probe = sender.probe(now);
        if (probe >= 0 && probe != member)
        {
            // the inner packet is still in place behind the outer headers we sent; its hop limit is decremented
            final int innerLength = ctx.l3Length() - sender.bond().template(member).length();
            ctx.reset(buffer, innerOffset, innerLength, headroomStart, family);
            if (bondMember(inPort, vrfId, sender, probe, sequence, BondTlv.FLAG_PROBE, now, MODE_DECREMENTED))
            {
                counters.count(PipelineCounters.BOND_PROBES);
            }
        }
    }

    /** Encapsulates the packet at the context onto one member and sends it; false when it was dropped. */
    private boolean bondMember(
        final int inPort, final int vrfId, final BondSender sender, final int member, final int sequence,
        final int flags, final long now, final int mode)
    {
        final EncapTemplate template = sender.bond().template(member);
        final Vrf underlay = sender.vrfId() < 0 ? null : state.vrf(sender.vrfId());
        final long segHi = template.segmentHi(0);
        final long segLo = template.segmentLo(0);
        final RouteAction outer = underlay == null ? null : underlay.route6(segHi, segLo);
        if (outer == null || (outer.kind() != RouteAction.Kind.FORWARD && outer.kind() != RouteAction.Kind.CONNECTED))
        {
            drop(DropReason.ROUTE_RECURSION_FAILED);
            return false;
        }
        final int outPort = egressPort(outer, underlay);
        if (outPort == PortTable.NO_PORT)
        {
            drop(DropReason.ROUTE_RECURSION_FAILED);
            return false;
        }
        final int innerLength = ctx.l3Length();
        final int verdict = headEnd.encapsulate(
            template, ctx, ports.get(outPort).mtu(), OUTER_HOP_LIMIT, mode == MODE_TRANSIT);
        if (verdict == Verdict.DROP)
        {
            dropped(inPort, mode);
            return false;
        }
        final int memberSeq = sender.nextMemberSequence(member);
        BondTlv.write(ctx.buffer(), ctx.l3Offset() + template.bondTlvOffset(), sender.bond().id(), sender.stream(),
            member, flags, sender.bond().memberCount(), sequence, memberSeq, now);
        sender.bond().countSent(sender.stream(), member, innerLength, memberSeq, flags != 0);
        counters.count(PipelineCounters.ENCAPSULATED);
        final boolean via = outer.nextHopFamily() == RouteAction.NEXT_HOP_IPV6;
        transmit6(outPort, via ? outer.nextHopHi() : segHi, via ? outer.nextHopLo() : segLo);
        return true;
    }

    /**
     * Tail end of a bond: a packet a bond tail SID decapsulated, carrying the bond TLV, goes through its stream's
     * reorder buffer. Returns false when the packet is not bonded (or the SID is no tail end): decapsulate as usual.
     */
    private boolean bondTail(final int inPort, final LocalSid sid, final int outerOffset, final int verdict)
    {
        final BondReceiver receiver = bondReceiver;
        final int tail = receiver.tailIndex(sid.sidHi(), sid.sidLo());
        if (tail < 0)
        {
            return false;
        }
        final MutableDirectBuffer buffer = ctx.buffer();
        // the behavior validated the SRH already: its TLVs are read in place, not validated again
        final Srh validated = behaviors.validatedSrh();
        if (validated == null)
        {
            return false;
        }
        final int tlv = BondTlv.find(validated);
        if (tlv == BondTlv.NOT_FOUND)
        {
            return false;
        }
        final int member = BondTlv.member(buffer, tlv);
        if (member >= FeedbackMessage.MAX_MEMBERS)
        {
            return false;
        }
        counters.count(PipelineCounters.DECAPSULATED);
        final int vrfId = sid.vrfId() >= 0 ? sid.vrfId() : ports.vrfId(inPort);
        final long now = clock.nanoTime();
        final TailStream stream = receiver.stream(tail, BondTlv.bondId(buffer, tlv), BondTlv.stream(buffer, tlv),
            buffer.getLong(outerOffset + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN),
            buffer.getLong(outerOffset + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN), inPort, ports.vrfId(inPort), now);
        final int family = verdict == Verdict.DECAP_LOOKUP_IPV6 ? 6 : 4;
        if (stream == null)
        {
            counters.count(PipelineCounters.BOND_UNORDERED);
            routeDecapsulated(inPort, vrfId, family);
            return true;
        }
        final int result = receiver.offer(stream, BondTlv.sequence(buffer, tlv), member,
            BondTlv.memberSequence(buffer, tlv), BondTlv.members(buffer, tlv), BondTlv.sendTimeNs(buffer, tlv), now,
            releaseTag(inPort, vrfId, family), buffer, ctx.l3Offset(), ctx.l3Length());
        switch (result)
        {
            case ReorderBuffer.IN_ORDER:
                routeDecapsulated(inPort, vrfId, family);
                receiver.release(stream, now, released);
                break;
            case ReorderBuffer.TOO_LARGE:
                routeDecapsulated(inPort, vrfId, family);
                break;
            case ReorderBuffer.HELD:
                counters.count(PipelineCounters.BOND_HELD);
                receiver.release(stream, now, released);
                break;
            case ReorderBuffer.LATE:
                drop(DropReason.BOND_LATE);
                break;
            default:
                drop(DropReason.BOND_DUPLICATE);
                break;
        }
        return true;
    }

    private void routeDecapsulated(final int inPort, final int vrfId, final int family)
    {
        decapVrfId = vrfId;
        if (family == 6)
        {
            route6(inPort, vrfId, MODE_TRANSIT);
        }
        else
        {
            route4(inPort, vrfId, MODE_TRANSIT);
        }
    }

    /** The reorder buffer hands back the port, VRF and family of a held packet in its tag. */
    private static int releaseTag(final int inPort, final int vrfId, final int family)
    {
        return (vrfId << 16) | (inPort << 4) | family;
    }

    private void onReleased(final int tag, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        counters.count(PipelineCounters.BOND_RELEASED);
        final int family = tag & 0xF;
        // the slot keeps HEADROOM octets in front of the packet, as the worker's frame buffer does
        ctx.reset(buffer, offset, length, offset - HEADROOM + EthernetFrame.HEADER_LENGTH, family);
        routeDecapsulated((tag >>> 4) & 0xFFF, tag >>> 16, family);
    }

    private void sendFeedback(
        final MutableDirectBuffer buffer, final int offset, final int length, final int vrfId, final int inPort)
    {
        counters.count(PipelineCounters.BOND_FEEDBACK_SENT);
        decapVrfId = -1;
        ctx.reset(buffer, offset, length, 0, 6);
        route6(inPort, vrfId, MODE_GENERATED);
    }

    /**
     * A UDP datagram to one of our addresses: bond feedback (to a bond's source, port
     * {@link FeedbackMessage#UDP_PORT}, possibly through an SRH whose last segment we are) goes to the bond agent.
     * Returns false when the datagram is not feedback.
     */
    private boolean bondFeedback(final MutableDirectBuffer buffer, final int l3, final int length)
    {
        if (!localChain.walk(buffer, l3, length) || localChain.upperLayerProtocol() != IpProtocol.UDP)
        {
            return false;
        }
        if (localChain.hasSrh())
        {
            srh.wrap(buffer, localChain.srhOffset(), length - (localChain.srhOffset() - l3));
            if (srh.validate() != null || srh.segmentsLeft() != 0)
            {
                return false;
            }
        }
        final int udp = localChain.upperLayerOffset();
        final int end = l3 + length;
        if (udp + 8 > end || (buffer.getShort(udp + 2, BIG_ENDIAN) & 0xFFFF) != FeedbackMessage.UDP_PORT)
        {
            return false;
        }
        final long dstHi = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
        final long dstLo = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
        if (bondSenders == null || !bondSenders.isSource(dstHi, dstLo))
        {
            return false;
        }
        final int udpLength = buffer.getShort(udp + 4, BIG_ENDIAN) & 0xFFFF;
        if (udpLength < 8 || udp + udpLength > end)
        {
            return false;
        }
        final long sum = Checksum.sum(buffer, udp, udpLength, Checksum.pseudoHeaderSum(
            buffer.getLong(l3 + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN),
            buffer.getLong(l3 + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN), dstHi, dstLo, udpLength, IpProtocol.UDP));
        if (Checksum.fold(sum) != 0xFFFF)
        {
            drop(DropReason.BOND_FEEDBACK_BAD_CHECKSUM);
            return true;
        }
        if (bondFeedback.offer(buffer, udp + 8, udpLength - 8))
        {
            counters.count(PipelineCounters.BOND_FEEDBACK_RECEIVED);
        }
        else
        {
            drop(DropReason.PUNT_QUEUE_FULL);
        }
        return true;
    }

    private void forward6(final int inPort, final int outPort, final long nextHopHi, final long nextHopLo, final int mode)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int hopLimitOffset = ctx.l3Offset() + Ipv6Header.HOP_LIMIT_OFFSET;
        if (mode == MODE_TRANSIT)
        {
            final int hopLimit = buffer.getByte(hopLimitOffset) & 0xFF;
            if (hopLimit <= 1)
            {
                // RFC 8200 / RFC 4443 3.3: Time Exceeded, hop limit exceeded in transit
                dropIcmp6(inPort, mode, DropReason.IPV6_HOP_LIMIT_EXCEEDED, Icmpv6Message.TYPE_TIME_EXCEEDED,
                    Icmpv6Message.CODE_HOP_LIMIT_EXCEEDED, 0);
                return;
            }
        }
        final int mtu = ports.get(outPort).mtu();
        if (ctx.l3Length() > mtu)
        {
            // RFC 8200 5 / RFC 4443 3.2: routers never fragment IPv6
            dropIcmp6(inPort, mode, DropReason.IPV6_PACKET_TOO_BIG, Icmpv6Message.TYPE_PACKET_TOO_BIG, 0, mtu);
            return;
        }
        if (mode == MODE_TRANSIT)
        {
            buffer.putByte(hopLimitOffset, (byte)((buffer.getByte(hopLimitOffset) & 0xFF) - 1));
        }
        counters.count(PipelineCounters.FORWARDED);
        if (decapVrfId >= 0 && flows != null && mode == MODE_TRANSIT)
        {
            countDecapsulated(outPort, nextHopHi, nextHopLo);
        }
        transmit6(outPort, nextHopHi, nextHopLo);
    }

    private void forward4(final int inPort, final int outPort, final int nextHop, final int mode)
    {
        final Ipv4Header ip4 = this.ip4.wrap(ctx.buffer(), ctx.l3Offset(), ctx.l3Length());
        if (mode == MODE_TRANSIT && ip4.ttl() <= 1)
        {
            dropIcmp4(inPort, mode, DropReason.IPV4_TTL_EXCEEDED, Icmpv4Message.TYPE_TIME_EXCEEDED,
                Icmpv4Message.CODE_TTL_EXCEEDED, 0);
            return;
        }
        final int mtu = ports.get(outPort).mtu();
        if (ctx.l3Length() > mtu)
        {
            if (ip4.dontFragment())
            {
                // RFC 1191 4: Fragmentation Needed with the next-hop MTU
                dropIcmp4(inPort, mode, DropReason.IPV4_FRAGMENTATION_NEEDED,
                    Icmpv4Message.TYPE_DESTINATION_UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, mtu);
            }
            else
            {
                // This forwarder does not fragment IPv4 (documented in OPERATIONS.md).
                drop(DropReason.IPV4_TOO_BIG_NO_DF);
            }
            return;
        }
        if (mode == MODE_TRANSIT)
        {
            ip4.decrementTtl();
        }
        counters.count(PipelineCounters.FORWARDED);
        if (decapVrfId >= 0 && flows != null && mode == MODE_TRANSIT)
        {
            countDecapsulated(outPort, 0, nextHop & 0xFFFF_FFFFL);
        }
        transmit4(outPort, nextHop);
    }

    private void deliverLocal6(final int inPort, final int vrfId)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int l3 = ctx.l3Offset();
        final int nextHeader = buffer.getByte(l3 + Ipv6Header.NEXT_HEADER_OFFSET) & 0xFF;
        if (bondFeedback != null && nextHeader != IpProtocol.ICMPV6 && bondFeedback(buffer, l3, ctx.l3Length()))
        {
            return;
        }
        if (nextHeader == IpProtocol.ICMPV6 && ctx.l3Length() > Ipv6Header.HEADER_LENGTH &&
            (buffer.getByte(l3 + Ipv6Header.HEADER_LENGTH) & 0xFF) == Icmpv6Message.TYPE_ECHO_REQUEST)
        {
            if (echoResponder.reply(ctx, IcmpErrorWriter.DEFAULT_HOP_LIMIT) == Verdict.DROP)
            {
                drop(ctx.dropReason());
                return;
            }
            counters.count(PipelineCounters.LOCAL_DELIVERED);
            route6(inPort, vrfId, MODE_GENERATED);
            return;
        }
        drop(DropReason.LOCAL_UNSUPPORTED_PROTOCOL);
    }

    private void deliverLocal4(final int inPort, final int vrfId)
    {
        if (echo4Responder.reply(ctx, IcmpErrorWriter.DEFAULT_HOP_LIMIT) == Verdict.DROP)
        {
            drop(ctx.dropReason());
            return;
        }
        counters.count(PipelineCounters.LOCAL_DELIVERED);
        route4(inPort, vrfId, MODE_GENERATED);
    }

    private void dropIcmp6(
        final int inPort, final int mode, final DropReason reason, final int type, final int code, final long param)
    {
        ctx.dropWithIcmpv6(reason, type, code, param);
        dropped(inPort, mode);
    }

    private void dropIcmp4(
        final int inPort, final int mode, final DropReason reason, final int type, final int code, final long param)
    {
        ctx.dropWithIcmpv4(reason, type, code, param);
        dropped(inPort, mode);
    }

    private void dropped(final int inPort)
    {
        dropped(inPort, MODE_TRANSIT);
    }

    /**
     * Counts the drop the context records and, if the RFC asks for an ICMP error and the limiter allows one, builds
     * it (about the unmodified packet at the context) and routes it back in the ingress port's VRF.
     */
    private void dropped(final int inPort, final int mode)
    {
        decapVrfId = -1;
        drop(ctx.dropReason());
        if (!ctx.hasIcmpError() || mode == MODE_GENERATED)
        {
            return;
        }
        final PortInfo port = ports.get(inPort);
        final int family = ctx.icmpFamily();
        if ((family == 6 && !port.hasIpv6()) || (family == 4 && !port.hasIpv4()))
        {
            drop(DropReason.ICMP_SUPPRESSED);
            return;
        }
        if (!icmpLimiter.tryAcquire())
        {
            drop(DropReason.ICMP_RATE_LIMITED);
            return;
        }
        final int length = icmpWriter.write(ctx, icmpBuffer, HEADROOM, icmpBuffer.capacity() - HEADROOM,
            port.ipv6Hi(), port.ipv6Lo(), port.ipv4());
        if (length == 0)
        {
            drop(DropReason.ICMP_SUPPRESSED);
            return;
        }
        counters.count(PipelineCounters.ICMP_ERRORS_SENT);
        ctx.reset(icmpBuffer, HEADROOM, length, EthernetFrame.HEADER_LENGTH, family);
        if (family == 6)
        {
            route6(inPort, ports.vrfId(inPort), MODE_GENERATED);
        }
        else
        {
            route4(inPort, ports.vrfId(inPort), MODE_GENERATED);
        }
    }

    /** Flow stats: a decapsulated packet forwarded in the SID's VRF. */
    private void countDecapsulated(final int outPort, final long nextHopHi, final long nextHopLo)
    {
        flowTuple();
        flows.record(flowFamily, flowSrcHi, flowSrcLo, flowDstHi, flowDstLo, flowProtoPorts,
            FlowTable.egress(FlowTable.EGRESS_NEXT_HOP, decapVrfId, outPort), nextHopHi, nextHopLo, ctx.l3Length());
    }

    /**
     * Flow stats: the 5-tuple of the (inner) packet at the context. Ports are read for TCP and UDP directly after
     * the IPv6 header or the IPv4 options (first fragments only); other packets count with ports 0.
     */
    private void flowTuple()
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int l3 = ctx.l3Offset();
        final int end = l3 + ctx.l3Length();
        final int protocol;
        final int l4;
        if (ctx.family() == 6)
        {
            flowFamily = 6;
            flowSrcHi = buffer.getLong(l3 + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN);
            flowSrcLo = buffer.getLong(l3 + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN);
            flowDstHi = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
            flowDstLo = buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
            protocol = buffer.getByte(l3 + Ipv6Header.NEXT_HEADER_OFFSET) & 0xFF;
            l4 = l3 + Ipv6Header.HEADER_LENGTH;
        }
        else
        {
            flowFamily = 4;
            flowSrcHi = 0;
            flowDstHi = 0;
            flowSrcLo = buffer.getInt(l3 + Ipv4Header.SOURCE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
            flowDstLo = buffer.getInt(l3 + Ipv4Header.DESTINATION_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
            protocol = buffer.getByte(l3 + Ipv4Header.PROTOCOL_OFFSET) & 0xFF;
            final int fragment = buffer.getShort(l3 + Ipv4Header.FLAGS_FRAGMENT_OFFSET, BIG_ENDIAN) &
                Ipv4Header.FRAGMENT_OFFSET_MASK;
            l4 = fragment != 0 ? end : l3 + (buffer.getByte(l3) & 0x0F) * 4;
        }
        if ((protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) && l4 + 4 <= end)
        {
            flowProtoPorts = FlowTable.protoPorts(protocol, buffer.getShort(l4, BIG_ENDIAN) & 0xFFFF,
                buffer.getShort(l4 + 2, BIG_ENDIAN) & 0xFFFF);
        }
        else
        {
            flowProtoPorts = FlowTable.protoPorts(protocol, 0, 0);
        }
    }

    private void transmit6(final int outPort, final long nextHopHi, final long nextHopLo)
    {
        final int frameOffset = writeEthernet(outPort, EthernetFrame.ETHERTYPE_IPV6);
        final int frameLength = ctx.l3Length() + EthernetFrame.HEADER_LENGTH;
        final long mac = neighbors.lookup(outPort, nextHopHi, nextHopLo);
        if (mac == NeighborTable.MISS)
        {
            counters.count(PipelineCounters.HELD_FOR_NEIGHBOR);
            neighborProxy.unresolved(outPort, nextHopHi, nextHopLo, ctx.buffer(), frameOffset, frameLength);
            return;
        }
        send(outPort, mac, frameOffset, frameLength);
    }

    private void transmit4(final int outPort, final int nextHop)
    {
        final int frameOffset = writeEthernet(outPort, EthernetFrame.ETHERTYPE_IPV4);
        final int frameLength = ctx.l3Length() + EthernetFrame.HEADER_LENGTH;
        final long mac = neighbors.lookup(outPort, nextHop);
        if (mac == NeighborTable.MISS)
        {
            counters.count(PipelineCounters.HELD_FOR_NEIGHBOR);
            neighborProxy.unresolved(outPort, nextHop, ctx.buffer(), frameOffset, frameLength);
            return;
        }
        send(outPort, mac, frameOffset, frameLength);
    }

    private int writeEthernet(final int outPort, final int etherType)
    {
        final int frameOffset = ctx.l3Offset() - EthernetFrame.HEADER_LENGTH;
        eth.wrap(ctx.buffer(), frameOffset, EthernetFrame.HEADER_LENGTH)
            .destination(0)
            .source(ports.get(outPort).mac())
            .etherType(etherType);
        return frameOffset;
    }

    private void send(final int outPort, final long mac, final int frameOffset, final int frameLength)
    {
        eth.wrap(ctx.buffer(), frameOffset, frameLength).destination(mac);
        if (sink.transmit(outPort, ctx.buffer(), frameOffset, frameLength))
        {
            counters.count(PipelineCounters.TX_FRAMES);
            final CaptureTap tap = this.tap;
            if (tap != null)
            {
                countCapture(tap.sent(outPort, ctx.buffer(), frameOffset, frameLength));
            }
        }
        else
        {
            drop(DropReason.TX_ERROR);
        }
    }

    /**
     * The worker sent a frame the neighbor agent had queued (a held packet once its next hop resolved, ARP/NDP):
     * shown to a running capture as an {@code out} frame. Call within the batch, after {@link #beginBatch()}.
     */
    public void sentByNeighborAgent(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        final CaptureTap tap = this.tap;
        if (tap != null)
        {
            countCapture(tap.released(port, buffer, offset, length));
        }
    }

    /** Counts a drop of the current packet and shows it to a running capture. */
    private void drop(final DropReason reason)
    {
        counters.drop(reason);
        final CaptureTap tap = this.tap;
        if (tap != null)
        {
            countCapture(tap.dropped(reason));
        }
    }

    private void countCapture(final int result)
    {
        if (result == CaptureTap.CAPTURED)
        {
            counters.count(PipelineCounters.CAPTURE_FRAMES);
        }
        else if (result == CaptureTap.RING_FULL)
        {
            counters.count(PipelineCounters.CAPTURE_RING_FULL);
        }
    }

    private void punt(final int inPort, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (neighborProxy.punt(inPort, buffer, offset, length))
        {
            counters.count(PipelineCounters.PUNTED);
        }
    }
}
