package net.srv6epe.dataplane.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.flowstats.FlowRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code srv6 flows top} shows: flow samples from a time on, summed per flow and per egress, with rates over
 * the span they cover (from the start of the first sample's interval to the end of the last one).
 */
final class FlowTop
{
    static final List<TableColumn> FLOW_COLUMNS = List.of(
        TableColumn.key("SRC", "src"), TableColumn.number("SPORT", "sport"),
        TableColumn.key("DST", "dst"), TableColumn.number("DPORT", "dport"), TableColumn.number("PROTO", "proto"),
        TableColumn.key("VRF", "vrf"), TableColumn.key("EGRESS", "egress"), TableColumn.key("PORT", "port"),
        TableColumn.number("PACKETS", "packets"), TableColumn.number("BYTES", "bytes"),
        TableColumn.number("PPS", "pps"), TableColumn.number("MBIT/S", "mbps"));

    static final List<TableColumn> EGRESS_COLUMNS = List.of(
        TableColumn.key("VRF", "vrf"), TableColumn.key("EGRESS", "egress"), TableColumn.key("PORT", "port"),
        TableColumn.number("FLOWS", "flows"), TableColumn.number("PACKETS", "packets"),
        TableColumn.number("BYTES", "bytes"), TableColumn.number("PPS", "pps"), TableColumn.number("MBIT/S", "mbps"));

    private final Map<String, Sum> flows;
    private final Map<String, Sum> egress;
    private final long fromNs;
    private final long toNs;

    private FlowTop(final Map<String, Sum> flows, final Map<String, Sum> egress, final long fromNs, final long toNs)
    {
        this.flows = flows;
        this.egress = egress;
        this.fromNs = fromNs;
        this.toNs = toNs;
    }

    /** Sums the records whose sample ended at or after {@code sinceNs}. */
    static FlowTop of(final List<FlowRecord> records, final long sinceNs)
    {
        final Map<String, Sum> flows = new LinkedHashMap<>();
        final Map<String, Sum> egress = new LinkedHashMap<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (final FlowRecord r : records)
        {
            if (r.wallNs() < sinceNs)
            {
                continue;
            }
            from = Math.min(from, r.wallNs() - r.intervalNs());
            to = Math.max(to, r.wallNs());
            final Sum flow = flows.computeIfAbsent(r.flowKey(), k -> new Sum(r));
            flow.packets += r.packets();
            flow.bytes += r.bytes();
            final Sum e = egress.computeIfAbsent(r.egressKey(), k -> new Sum(r));
            e.packets += r.packets();
            e.bytes += r.bytes();
            e.flowKeys.putIfAbsent(r.flowKey(), Boolean.TRUE);
        }
        return from == Long.MAX_VALUE ? new FlowTop(flows, egress, sinceNs, sinceNs) :
            new FlowTop(flows, egress, from, to);
    }

    long fromNs()
    {
        return fromNs;
    }

    long toNs()
    {
        return toNs;
    }

    /** The span the rates are computed over, in seconds (0 when there are no samples). */
    double seconds()
    {
        return (toNs - fromNs) / 1e9;
    }

    int flowCount()
    {
        return flows.size();
    }

    /** The {@code limit} flows with the most bytes, most first. */
    ArrayNode flowRows(final int limit)
    {
        final List<Sum> sorted = new ArrayList<>(flows.values());
        sorted.sort(Comparator.comparingLong((Sum s) -> s.bytes).reversed());
        final ArrayNode rows = RowPrinter.JSON.createArrayNode();
        for (int i = 0; i < Math.min(limit, sorted.size()); i++)
        {
            final Sum s = sorted.get(i);
            final FlowRecord r = s.first;
            final ObjectNode row = rows.addObject();
            row.put("src", r.source());
            row.put("sport", r.sourcePort());
            row.put("dst", r.destination());
            row.put("dport", r.destinationPort());
            row.put("proto", r.protocol());
            row.put("vrf", r.vrf());
            row.put("egress", r.egressKind() + " " + r.egress());
            row.put("port", r.port());
            rates(row, s);
        }
        return rows;
    }

    /** Totals per egress, most bytes first. */
    ArrayNode egressRows()
    {
        final List<Sum> sorted = new ArrayList<>(egress.values());
        sorted.sort(Comparator.comparingLong((Sum s) -> s.bytes).reversed());
        final ArrayNode rows = RowPrinter.JSON.createArrayNode();
        for (final Sum s : sorted)
        {
            final ObjectNode row = rows.addObject();
            row.put("vrf", s.first.vrf());
            row.put("egress", s.first.egressKind() + " " + s.first.egress());
            row.put("port", s.first.port());
            row.put("flows", s.flowKeys.size());
            rates(row, s);
        }
        return rows;
    }

    private void rates(final ObjectNode row, final Sum s)
    {
        row.put("packets", s.packets);
        row.put("bytes", s.bytes);
        final double seconds = seconds();
        row.put("pps", seconds > 0 ? Math.round(s.packets / seconds) : 0);
        row.put("mbps", BigDecimal.valueOf(seconds > 0 ? s.bytes * 8 / seconds / 1e6 : 0)
            .setScale(3, RoundingMode.HALF_UP));
    }

    private static final class Sum
    {
        final FlowRecord first;
        final Map<String, Boolean> flowKeys = new LinkedHashMap<>();
        long packets;
        long bytes;

        Sum(final FlowRecord first)
        {
            this.first = first;
        }
    }
}
