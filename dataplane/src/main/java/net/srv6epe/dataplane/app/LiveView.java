package net.srv6epe.dataplane.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.config.PortConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.dataplane.journal.JournalPruner;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.neighbor.NeighborCounter;
import net.srv6epe.dataplane.neighbor.NeighborCounters;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.neighbor.NeighborView;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.worker.WorkerCounter;
import net.srv6epe.dataplane.worker.WorkerStats;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;

import java.util.List;

/**
 * The rows of the {@code show} topics from the running router: the forwarding snapshot the workers use, the
 * neighbor table, and the live counters. The row keys are those of {@link ConfigView} (so {@code --json}
 * consumers see one shape), plus counters:
 * <ul>
 *     <li>interfaces: ... plus rx-packets, rx-bytes, tx-packets, tx-bytes, rx-dropped, tx-errors</li>
 *     <li>route: vrf, table, prefix, action, via, port, segments[], encap-vrf, origin ("fib")</li>
 *     <li>sids: ... plus good-packets, good-bytes, bad-packets, bad-bytes</li>
 *     <li>errors: every drop reason with its count (pipeline and neighbor agent added up; the ports count their
 *         own receive drops and transmit errors, shown under interfaces)</li>
 * </ul>
 * With several workers each pipeline has its own counters: every pipeline, SID and drop count shown is their sum,
 * and {@code show counters} adds each worker's loop counters ({@code worker.N.*}).
 * Built on the control thread on demand; never on the packet path.
 */
public final class LiveView implements ShowTopics
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RouterConfig config;
    private final ConfigView configView;
    private final ForwardingStatePublisher publisher;
    private final List<Port> ports;
    private final NeighborTable neighbors;
    private final NeighborCounters neighborCounters;
    private final PipelineCounters[] counters;
    private volatile List<WorkerStats> workers = List.of();
    private volatile JournalingPublisher journaling;
    private volatile FlowTable[] flowTables = new FlowTable[0];
    private volatile JournalPruner pruner;

    public LiveView(
        final RouterConfig config,
        final ForwardingStatePublisher publisher,
        final List<Port> ports,
        final NeighborTable neighbors,
        final NeighborCounters neighborCounters,
        final PipelineCounters... counters)
    {
        this.config = config;
        this.configView = new ConfigView(config);
        this.publisher = publisher;
        this.ports = ports;
        this.neighbors = neighbors;
        this.neighborCounters = neighborCounters;
        this.counters = counters.clone();
    }

    /**
     * Adds the route-event journal's counters ({@code journal.route-events}, {@code journal.errors}) and the flow
     * tables' ({@code flows.workerN.untracked}, {@code flows.workerN.evicted}) to {@code show counters}; set once at
     * start, before the control socket serves.
     *
     * @param journaling the journaling publisher
     * @param flowTables the workers' flow tables (empty when flow stats are off)
     */
    public void alsoCount(final JournalingPublisher journaling, final FlowTable[] flowTables)
    {
        this.journaling = journaling;
        this.flowTables = flowTables.clone();
    }

    /**
     * Adds each worker's loop counters and ring drops ({@code worker.N.busy-loops}, ..., {@code
     * worker.N.rx-ring-drops}) to {@code show counters}; set once at start, before the control socket serves.
     */
    public void alsoCountWorkers(final List<WorkerStats> workers)
    {
        this.workers = List.copyOf(workers);
    }

    /** Adds the journal pruner's {@code journal.files-pruned} to {@code show counters}; set once at start. */
    public void alsoCount(final JournalPruner pruner)
    {
        this.pruner = pruner;
    }

    @Override
    public ArrayNode interfaces(final String vrf, final Boolean ipv6)
    {
        final ArrayNode rows = configView.interfaces(vrf, ipv6);
        for (int i = 0; i < rows.size(); i++)
        {
            final ObjectNode row = (ObjectNode)rows.get(i);
            final Port port = port(row.get("name").asText());
            if (port == null)
            {
                continue;
            }
            // what the port runs on, not what was configured: af-packet falls back to pcap where it cannot open
            row.put("backend", port.backend().configName());
            row.put("rx-ring", port.rxRing());
            row.put("rx-packets", port.counters().get(PortCounter.RX_PACKETS));
            row.put("rx-bytes", port.counters().get(PortCounter.RX_BYTES));
            row.put("tx-packets", port.counters().get(PortCounter.TX_PACKETS));
            row.put("tx-bytes", port.counters().get(PortCounter.TX_BYTES));
            row.put("rx-dropped", port.counters().get(PortCounter.RX_DROPPED));
            row.put("tx-errors", port.counters().get(PortCounter.TX_ERRORS));
        }
        return rows;
    }

    @Override
    public ArrayNode neighbors(final String vrf, final Boolean ipv6)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final NeighborView n : neighbors.entries())
        {
            final PortConfig port = config.ports().get(n.portIndex());
            if ((vrf != null && !vrf.equals(port.vrf())) || (ipv6 != null && ipv6 != n.ipv6()))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("port", port.name());
            row.put("address", n.address());
            row.put("mac", n.mac() == NeighborTable.MISS ? null : MacAddress.format(n.mac()));
            row.put("state", n.state().name().toLowerCase());
        }
        return rows;
    }

    @Override
    public ArrayNode routes(final String vrfName, final Boolean ipv6)
    {
        final ForwardingState state = publisher.current();
        final ArrayNode rows = JSON.arrayNode();
        for (final Vrf vrf : state.vrfs())
        {
            if (vrfName != null && !vrfName.equals(vrf.name()))
            {
                continue;
            }
            if (ipv6 == null || ipv6)
            {
                vrf.ipv6Fib().forEach((hi, lo, length, index) -> routeRow(rows, state, vrf,
                    Ipv6Prefix.of(hi, lo, length).toString(), vrf.action(index)));
            }
            if (ipv6 == null || !ipv6)
            {
                vrf.ipv4Fib().forEach((address, length, index) -> routeRow(rows, state, vrf,
                    Ipv4Address.format(address) + "/" + length, vrf.action(index)));
            }
        }
        return rows;
    }

    private static void routeRow(
        final ArrayNode rows, final ForwardingState state, final Vrf vrf, final String prefix, final RouteAction a)
    {
        final ObjectNode row = rows.addObject();
        row.put("vrf", vrf.name());
        row.put("table", vrf.tableId());
        row.put("prefix", prefix);
        final ArrayNode segments = JSON.arrayNode();
        String via = null;
        String action;
        String encapVrf = null;
        switch (a.kind())
        {
            case FORWARD:
                action = "forward";
                via = a.nextHopFamily() == RouteAction.NEXT_HOP_IPV6 ?
                    Ipv6Address.format(a.nextHopHi(), a.nextHopLo()) : Ipv4Address.format(a.nextHop4());
                break;
            case CONNECTED:
                action = "connected";
                break;
            case ENCAP:
            {
                final EncapTemplate t = a.encap();
                action = t.mode().displayName();
                for (int i = 0; i < t.segmentCount(); i++)
                {
                    segments.add(Ipv6Address.format(t.segmentHi(i), t.segmentLo(i)));
                }
                final Vrf underlay = state.vrf(a.underlayVrfId());
                encapVrf = underlay == null ? a.underlayVrf() : underlay.name();
                break;
            }
            case BOND:
                action = "bond " + a.bond();
                break;
            default:
                action = a.kind().name().toLowerCase();
                break;
        }
        row.put("action", action);
        row.put("via", via);
        row.put("port", a.port());
        row.set("segments", segments);
        row.put("encap-vrf", encapVrf);
        row.put("origin", "fib");
    }

    @Override
    public ArrayNode sids(final String vrfName)
    {
        final ForwardingState state = publisher.current();
        final ArrayNode rows = JSON.arrayNode();
        final List<Ipv6Prefix> locators = state.localSids().locators();
        for (final LocalSid sid : state.localSids().entries())
        {
            if (vrfName != null && !vrfName.equals(sid.vrfName()))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("sid", Ipv6Address.format(sid.sidHi(), sid.sidLo()));
            row.put("behavior", sid.behavior().displayName());
            final ArrayNode flavors = row.putArray("flavors");
            for (final Flavor f : Flavor.values())
            {
                if (sid.hasFlavor(f))
                {
                    flavors.add(f.displayName());
                }
            }
            row.put("vrf", sid.vrfName());
            final Vrf vrf = sid.vrfId() >= 0 ? state.vrf(sid.vrfId()) : null;
            if (vrf != null)
            {
                row.put("table", vrf.tableId());
            }
            else
            {
                row.putNull("table");
            }
            row.put("via", sid.nextHopFamily() == 6 ? Ipv6Address.format(sid.nextHopHi(), sid.nextHopLo()) :
                sid.nextHopFamily() == 4 ? Ipv4Address.format(sid.nextHop4()) : null);
            row.put("port", sid.port());
            String locator = null;
            for (final Ipv6Prefix l : locators)
            {
                if (l.contains(sid.sidHi(), sid.sidLo()))
                {
                    locator = l.toString();
                    break;
                }
            }
            row.put("locator", locator);
            final int index = sid.counterIndex();
            long goodPackets = 0;
            long goodBytes = 0;
            long badPackets = 0;
            long badBytes = 0;
            for (final PipelineCounters c : counters)
            {
                goodPackets += c.sidGoodPackets(index);
                goodBytes += c.sidGoodBytes(index);
                badPackets += c.sidBadPackets(index);
                badBytes += c.sidBadBytes(index);
            }
            row.put("good-packets", goodPackets);
            row.put("good-bytes", goodBytes);
            row.put("bad-packets", badPackets);
            row.put("bad-bytes", badBytes);
        }
        return rows;
    }

    @Override
    public ArrayNode pbr(final String vrfName, final Boolean ipv6)
    {
        final ForwardingState state = publisher.current();
        final ArrayNode rows = JSON.arrayNode();
        for (final PbrRule rule : state.pbr().rules())
        {
            if ((vrfName != null && !vrfName.equals(rule.vrfName())) || (ipv6 != null && ipv6 != rule.isIpv6()))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("priority", rule.priority());
            row.put("from", String.valueOf(rule.isIpv6() ? rule.source6() : rule.source4()));
            final Object to = rule.isIpv6() ? rule.destination6() : rule.destination4();
            row.put("to", to == null ? null : to.toString());
            row.put("vrf", rule.vrfName());
            final Vrf vrf = state.vrf(rule.vrfName());
            row.put("table", vrf == null ? 0 : vrf.tableId());
        }
        return rows;
    }

    @Override
    public ArrayNode errors()
    {
        return ConfigView.errorRows(this::dropCount);
    }

    /** A drop reason's count over the pipelines and the neighbor agent. */
    public long dropCount(final DropReason reason)
    {
        long sum = neighborCounters.drops(reason);
        for (final PipelineCounters c : counters)
        {
            sum += c.drops(reason);
        }
        return sum;
    }

    @Override
    public ArrayNode counters()
    {
        final ArrayNode rows = JSON.arrayNode();
        for (int i = 0; i < PipelineCounters.totalCount(); i++)
        {
            final ObjectNode row = rows.addObject();
            row.put("name", "pipeline." + PipelineCounters.totalName(i));
            long sum = 0;
            for (final PipelineCounters c : counters)
            {
                sum += c.total(i);
            }
            row.put("value", sum);
        }
        for (final NeighborCounter c : NeighborCounter.values())
        {
            final ObjectNode row = rows.addObject();
            row.put("name", c.label());
            row.put("value", neighborCounters.get(c));
        }
        for (final Port port : ports)
        {
            for (final PortCounter c : PortCounter.values())
            {
                final ObjectNode row = rows.addObject();
                row.put("name", "port." + port.name() + c.label().substring("port".length()));
                row.put("value", port.counters().get(c));
            }
        }
        final JournalingPublisher j = journaling;
        if (j != null)
        {
            rows.addObject().put("name", "journal.route-events").put("value", j.eventsJournaled());
            rows.addObject().put("name", "journal.errors").put("value", j.journalErrors());
        }
        final JournalPruner p = pruner;
        if (p != null)
        {
            rows.addObject().put("name", "journal.files-pruned").put("value", p.filesPruned());
        }
        for (final WorkerStats w : workers)
        {
            final String prefix = "worker." + w.index() + ".";
            for (final WorkerCounter c : WorkerCounter.values())
            {
                rows.addObject().put("name", prefix + c.label()).put("value", w.loop().get(c));
            }
            rows.addObject().put("name", prefix + "rx-ring-drops").put("value", w.rxRingDrops());
        }
        final FlowTable[] tables = flowTables;
        for (int w = 0; w < tables.length; w++)
        {
            rows.addObject().put("name", "flows.worker" + w + ".untracked").put("value", tables[w].untracked());
            rows.addObject().put("name", "flows.worker" + w + ".evicted").put("value", tables[w].evicted());
        }
        return rows;
    }

    /** Clears the pipelines' counters (ports, workers' loops and the neighbor agent keep theirs). */
    @Override
    public long clearCounters()
    {
        for (final PipelineCounters c : counters)
        {
            c.clear();
        }
        return DropReason.values().length + PipelineCounters.totalCount();
    }

    private Port port(final String name)
    {
        for (final Port p : ports)
        {
            if (p.name().equals(name))
            {
                return p;
            }
        }
        return null;
    }
}
