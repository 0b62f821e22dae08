package net.srv6epe.dataplane.bgp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/**
 * The {@code show bgp ...} topics as rows of flat JSON objects, from the latest {@link BgpSnapshot} (read on the
 * control thread; no lock, the snapshot is immutable).
 * <ul>
 *   <li>summary and neighbor rows: {@code neighbor}, {@code port}, {@code remote-as}, {@code role},
 *       {@code state}, {@code uptime-ms} (-1 when not Established), {@code messages-in}, {@code messages-out},
 *       {@code updates-in}, {@code updates-out}, {@code prefixes-received}, {@code prefixes-accepted},
 *       {@code prefixes-advertised}, {@code last-error}; the neighbor row adds {@code hold-time},
 *       {@code families} (negotiated, space-separated), {@code peer-router-id}, {@code pending-updates},
 *       {@code local-as}, {@code router-id};</li>
 *   <li>route rows: {@code neighbor}, {@code rd} (vpnv6), {@code prefix}, {@code next-hop}, {@code sid},
 *       {@code behavior}, {@code label}, {@code route-targets}, {@code as-path-length}, {@code best}.</li>
 * </ul>
 */
public final class BgpView
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<BgpSnapshot> snapshots;

    /**
     * @param snapshots the latest snapshot, safe to call from the control thread
     */
    public BgpView(final Supplier<BgpSnapshot> snapshots)
    {
        this.snapshots = snapshots;
    }

    /** One row per neighbor. */
    public ArrayNode summary()
    {
        final BgpSnapshot s = snapshots.get();
        final ArrayNode rows = JSON.arrayNode();
        for (final BgpSnapshot.Neighbor n : s.neighbors())
        {
            summaryRow(rows.addObject(), n);
        }
        return rows;
    }

    /** The neighbor's row (one element), or null when no neighbor has that address. */
    public ArrayNode neighbor(final String address)
    {
        final BgpSnapshot s = snapshots.get();
        BgpSnapshot.Neighbor n = s.neighbor(address);
        if (n == null)
        {
            try
            {
                n = s.neighbor(BgpSetup.text(BgpSetup.address(address)));
            }
            catch (final IllegalArgumentException ex)
            {
                return null;
            }
        }
        if (n == null)
        {
            return null;
        }
        final ArrayNode rows = JSON.arrayNode();
        final ObjectNode row = rows.addObject();
        summaryRow(row, n);
        row.put("hold-time", n.holdTimeS());
        row.put("families", String.join(" ", n.families()));
        row.put("peer-router-id", n.peerRouterId());
        row.put("pending-updates", n.pendingOut());
        row.put("local-as", s.asn());
        row.put("router-id", s.routerId());
        return rows;
    }

    /** VPN-IPv6 routes received, optionally of one route distinguisher. */
    public ArrayNode vpnv6(final String rd)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final BgpSnapshot.Route r : snapshots.get().vpnv6())
        {
            if (rd == null || rd.equals(r.rd()))
            {
                routeRow(rows.addObject(), r);
            }
        }
        return rows;
    }

    /** IPv6 unicast routes received. */
    public ArrayNode ipv6()
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final BgpSnapshot.Route r : snapshots.get().ipv6())
        {
            routeRow(rows.addObject(), r);
        }
        return rows;
    }

    private static void summaryRow(final ObjectNode row, final BgpSnapshot.Neighbor n)
    {
        row.put("neighbor", n.address());
        row.put("port", n.port());
        row.put("remote-as", n.remoteAs());
        row.put("role", n.role());
        row.put("state", n.state());
        row.put("uptime-ms", n.establishedForMs());
        row.put("messages-in", n.messagesIn());
        row.put("messages-out", n.messagesOut());
        row.put("updates-in", n.updatesIn());
        row.put("updates-out", n.updatesOut());
        row.put("prefixes-received", n.prefixesReceived());
        row.put("prefixes-accepted", n.prefixesAccepted());
        row.put("prefixes-advertised", n.prefixesAdvertised());
        row.put("last-error", n.lastError());
    }

    private static void routeRow(final ObjectNode row, final BgpSnapshot.Route r)
    {
        row.put("neighbor", r.neighbor());
        if (r.rd() != null)
        {
            row.put("rd", r.rd());
        }
        row.put("prefix", r.prefix());
        row.put("next-hop", r.nextHop());
        row.put("sid", r.sid());
        row.put("behavior", behaviorName(r.behavior()));
        if (r.label() >= 0)
        {
            row.put("label", r.label());
        }
        final ArrayNode rts = row.putArray("route-targets");
        r.routeTargets().forEach(rts::add);
        row.put("as-path-length", r.asPath());
        row.put("best", r.best());
    }

    private static String behaviorName(final int code)
    {
        switch (code)
        {
            case -1:
                return null;
            case 16:
                return "End.DX6";
            case 18:
                return "End.DT6";
            case 20:
                return "End.DT46";
            case 0xFFFF:
                return "opaque";
            default:
                return Integer.toString(code);
        }
    }
}
