package net.srv6epe.dataplane.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The text table of each {@code show} topic, over the row keys documented by the router's control handler,
 * spelled as iproute2 and the RFCs spell things ({@code End.DT46}, {@code H.Encaps}, {@code vrftable 100},
 * {@code nh6}, {@code from all}).
 */
public final class TopicTables
{
    /** The topics {@code show} knows, in help order. */
    public static final List<String> TOPICS =
        List.of("interfaces", "neighbors", "route", "sids", "pbr", "errors", "counters");

    /** The control topics behind {@code show bgp summary|neighbor|vpnv6|ipv6}. */
    public static final List<String> BGP_TOPICS = List.of("bgp-summary", "bgp-neighbor", "bgp-vpnv6", "bgp-ipv6");

    private static final List<TableColumn> BGP_ROUTE = List.of(
        TableColumn.key("NEIGHBOR", "neighbor"),
        TableColumn.key("RD", "rd"),
        TableColumn.key("PREFIX", "prefix"),
        TableColumn.key("NEXT-HOP", "next-hop"),
        TableColumn.key("SID", "sid"),
        TableColumn.key("BEHAVIOR", "behavior"),
        new TableColumn("RTS", row -> spaced(row.get("route-targets")), false),
        new TableColumn("BEST", row -> row.path("best").asBoolean() ? "*" : "", false));

    private static final Map<String, List<TableColumn>> BGP_TABLES = Map.of(
        "bgp-summary", List.of(
            TableColumn.key("NEIGHBOR", "neighbor"),
            TableColumn.number("AS", "remote-as"),
            TableColumn.key("ROLE", "role"),
            TableColumn.key("STATE", "state"),
            new TableColumn("UP/DOWN", TopicTables::uptime, false),
            TableColumn.number("MSG-RCVD", "messages-in"),
            TableColumn.number("MSG-SENT", "messages-out"),
            TableColumn.number("PFX-RCVD", "prefixes-received"),
            TableColumn.number("PFX-ACC", "prefixes-accepted"),
            TableColumn.number("PFX-SENT", "prefixes-advertised"),
            TableColumn.key("LAST-ERROR", "last-error")),
        "bgp-vpnv6", BGP_ROUTE,
        "bgp-ipv6", List.of(
            TableColumn.key("NEIGHBOR", "neighbor"),
            TableColumn.key("PREFIX", "prefix"),
            TableColumn.key("NEXT-HOP", "next-hop"),
            TableColumn.number("AS-PATH-LEN", "as-path-length"),
            new TableColumn("BEST", row -> row.path("best").asBoolean() ? "*" : "", false)));

    private static final Map<String, List<TableColumn>> TABLES = Map.of(
        "interfaces", List.of(
            TableColumn.key("NAME", "name"),
            TableColumn.key("INTERFACE", "interface"),
            new TableColumn("BACKEND", TopicTables::backend, false),
            TableColumn.key("MAC", "mac"),
            TableColumn.number("MTU", "mtu"),
            TableColumn.key("VRF", "vrf"),
            new TableColumn("ADDRESSES", row -> spaced(row.get("addresses")), false)),
        "neighbors", List.of(
            TableColumn.key("PORT", "port"),
            TableColumn.key("ADDRESS", "address"),
            TableColumn.key("MAC", "mac"),
            new TableColumn("STATE", row -> upper(TableRenderer.text(row.get("state"))), false)),
        "route", List.of(
            TableColumn.key("VRF", "vrf"),
            TableColumn.number("TABLE", "table"),
            TableColumn.key("PREFIX", "prefix"),
            TableColumn.key("ACTION", "action"),
            TableColumn.key("VIA", "via"),
            TableColumn.key("DEV", "port"),
            new TableColumn("SEGMENTS", TopicTables::segments, false),
            TableColumn.key("PROTO", "origin")),
        "sids", List.of(
            TableColumn.key("SID", "sid"),
            TableColumn.key("BEHAVIOR", "behavior"),
            TableColumn.key("FLAVORS", "flavors"),
            new TableColumn("ATTRIBUTES", TopicTables::sidAttributes, false),
            TableColumn.key("LOCATOR", "locator")),
        "pbr", List.of(
            TableColumn.number("PRIORITY", "priority"),
            new TableColumn("FROM", row -> orAll(row.get("from")), false),
            new TableColumn("TO", row -> orAll(row.get("to")), false),
            TableColumn.key("VRF", "vrf"),
            TableColumn.number("TABLE", "table")),
        "errors", List.of(
            TableColumn.key("REASON", "reason"),
            TableColumn.number("COUNT", "count"),
            TableColumn.key("DESCRIPTION", "description")),
        "counters", List.of(
            TableColumn.key("NAME", "name"),
            TableColumn.number("VALUE", "value")));

    /** Counter columns shown after a topic's columns when its rows carry them (the first one decides). */
    private static final Map<String, List<TableColumn>> COUNTER_COLUMNS = Map.of(
        "interfaces", List.of(
            TableColumn.number("RX-PACKETS", "rx-packets"),
            TableColumn.number("TX-PACKETS", "tx-packets"),
            TableColumn.number("RX-DROPPED", "rx-dropped"),
            TableColumn.number("TX-ERRORS", "tx-errors")),
        "sids", List.of(
            TableColumn.number("GOOD-PACKETS", "good-packets"),
            TableColumn.number("GOOD-BYTES", "good-bytes"),
            TableColumn.number("BAD-PACKETS", "bad-packets")));

    private TopicTables()
    {
    }

    /**
     * Renders the data of a topic as text.
     *
     * @param topic the topic.
     * @param data  the response data, an array of rows.
     * @return the table; a topic without a table of its own gets one column per key.
     */
    public static String render(final String topic, final JsonNode data)
    {
        if (!data.isArray())
        {
            return data.toString() + "\n";
        }
        if ("bond".equals(topic))
        {
            return bondTables(data);
        }
        List<TableColumn> columns = TABLES.containsKey(topic) ? TABLES.get(topic) : BGP_TABLES.get(topic);
        final List<TableColumn> counters = COUNTER_COLUMNS.get(topic);
        if (columns != null && counters != null && data.size() > 0 && data.get(0).has(counters.get(0).header()
            .toLowerCase().replace(' ', '-')))
        {
            // A running router adds live counters to the rows; a configuration alone has none.
            final List<TableColumn> all = new java.util.ArrayList<>(columns);
            all.addAll(counters);
            columns = all;
        }
        return TableRenderer.render(columns != null ? columns : TableRenderer.columnsOf(data), data);
    }

    /**
     * {@code show bond}: a router can be a head end and a tail end at once, and the two kinds of row have their own
     * columns: one table per role, head first.
     */
    private static String bondTables(final JsonNode data)
    {
        final StringBuilder out = new StringBuilder();
        for (final String role : List.of("head", "tail"))
        {
            final ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            for (final JsonNode row : data)
            {
                if (role.equals(row.path("role").asText()))
                {
                    rows.add(row);
                }
            }
            if (!rows.isEmpty())
            {
                out.append(out.length() == 0 ? "" : "\n").append(TableRenderer.render(TableRenderer.columnsOf(rows),
                    rows));
            }
        }
        return out.toString();
    }

    private static String uptime(final JsonNode row)
    {
        final long ms = row.path("uptime-ms").asLong(-1);
        if (ms < 0)
        {
            return "never";
        }
        final long s = ms / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private static String segments(final JsonNode row)
    {
        final JsonNode segments = row.get("segments");
        if (segments == null || !segments.isArray())
        {
            return null;
        }
        final String vrf = TableRenderer.text(row.get("encap-vrf"));
        return "segs " + segments.size() + " [ " + spaced(segments) + " ]" +
            (vrf == null || "default".equals(vrf) ? "" : " vrf " + vrf);
    }

    private static String sidAttributes(final JsonNode row)
    {
        final String table = TableRenderer.text(row.get("table"));
        final String via = TableRenderer.text(row.get("via"));
        final String port = TableRenderer.text(row.get("port"));
        final StringBuilder sb = new StringBuilder();
        if (table != null)
        {
            sb.append("vrftable ").append(table);
            final String vrf = TableRenderer.text(row.get("vrf"));
            if (vrf != null)
            {
                sb.append(" (").append(vrf).append(')');
            }
        }
        if (via != null)
        {
            sb.append(via.indexOf(':') >= 0 ? "nh6 " : "nh4 ").append(via);
        }
        if (port != null)
        {
            sb.append(sb.length() == 0 ? "" : " ").append("dev ").append(port);
        }
        return sb.toString();
    }

    /** {@code af-packet/frames}: the backend and, when it has one, its receive ring. */
    private static String backend(final JsonNode row)
    {
        final String backend = TableRenderer.text(row.get("backend"));
        final String ring = TableRenderer.text(row.get("rx-ring"));
        return ring == null || backend == null ? backend : backend + "/" + ring;
    }

    private static String spaced(final JsonNode array)
    {
        if (array == null || !array.isArray())
        {
            return TableRenderer.text(array);
        }
        final StringBuilder sb = new StringBuilder();
        array.forEach(v -> sb.append(sb.length() == 0 ? "" : " ").append(v.asText()));
        return sb.toString();
    }

    private static String orAll(final JsonNode value)
    {
        final String text = TableRenderer.text(value);
        return text == null ? "all" : text;
    }

    private static String upper(final String text)
    {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }
}
