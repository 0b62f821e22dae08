package net.srv6epe.dataplane.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.srv6epe.dataplane.bgp.BgpView;
import net.srv6epe.dataplane.bond.BondView;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlHandler;
import net.srv6epe.dataplane.control.ControlRequest;

/**
 * Answers {@code show} and {@code clear} requests from a {@link ShowTopics} view: the running router's live state
 * ({@link LiveView}) or, without a data plane, the configuration ({@link ConfigView}). VRF names and families in
 * requests are checked here, once, for both.
 */
public final class ConfigControlHandler implements ControlHandler
{
    private final RouterConfig config;
    private final ShowTopics view;
    private final BgpView bgp;
    private volatile ConfigReloader reloader;
    private volatile ControlHandler capture;
    private volatile BondView bond;

    /**
     * @param config a validated configuration, answered from itself.
     */
    public ConfigControlHandler(final RouterConfig config)
    {
        this(config, new ConfigView(config));
    }

    /**
     * @param config a validated configuration (for checking VRF names in requests).
     * @param view   where the rows come from: the configuration or the running router.
     */
    public ConfigControlHandler(final RouterConfig config, final ShowTopics view)
    {
        this(config, view, null);
    }

    /**
     * @param config a validated configuration (for checking VRF names in requests).
     * @param view   where the rows come from: the configuration or the running router.
     * @param bgp    the BGP speaker's view ({@code bgp-summary}, {@code bgp-neighbor} with argument
     *               {@value #ARG_NEIGHBOR}, {@code bgp-vpnv6} with optional {@value #ARG_RD}, {@code bgp-ipv6}),
     *               or null when the router runs no BGP.
     */
    public ConfigControlHandler(final RouterConfig config, final ShowTopics view, final BgpView bgp)
    {
        this.config = config;
        this.view = view;
        this.bgp = bgp;
    }

    /**
     * Serves {@code config reload} with this reloader from now on; VRF names in requests are checked against the
     * configuration it holds (the one of the last applied reload).
     */
    public void reloadWith(final ConfigReloader reloader)
    {
        this.reloader = reloader;
    }

    /** Answers {@code show bond} from this view from now on (a running router's bonds). */
    public void bondWith(final BondView view)
    {
        this.bond = view;
    }

    /** Request argument of {@code bond}: only this bond (name, or id at a tail end). */
    public static final String ARG_BOND = "bond";

    /** Serves {@code capture} requests with this handler from now on (a running router's live capture). */
    public void captureWith(final ControlHandler capture)
    {
        this.capture = capture;
    }

    /** Request argument of {@code bgp-neighbor}: the neighbor's address. */
    public static final String ARG_NEIGHBOR = "neighbor";
    /** Request argument of {@code bgp-vpnv6}: only this route distinguisher. */
    public static final String ARG_RD = "rd";

    @Override
    public JsonNode handle(final ControlRequest request) throws ControlException
    {
        final String vrf = request.arg(ControlRequest.ARG_VRF);
        final ConfigReloader r = reloader;
        if (vrf != null && (r == null ? config : r.config()).vrf(vrf).isEmpty())
        {
            throw new ControlException("no VRF named '" + vrf + "'");
        }
        final Boolean ipv6 = family(request.arg(ControlRequest.ARG_FAMILY));
        switch (request.command())
        {
            case "show":
                if (request.topic() != null && request.topic().startsWith("bgp-"))
                {
                    return showBgp(request);
                }
                if ("bond".equals(request.topic()))
                {
                    final BondView b = bond;
                    if (b == null || !b.hasBonds())
                    {
                        throw new ControlException("no bonds here: the router has no bonds: section and no SID " +
                            "with bond:, or this is not a running router");
                    }
                    return b.rows(request.arg(ARG_BOND));
                }
                return show(request.topic(), vrf, ipv6);
            case "config":
                return config(request.topic(), r);
            case "clear":
                if ("counters".equals(request.topic()))
                {
                    return JsonNodeFactory.instance.objectNode().put("cleared", view.clearCounters());
                }
                throw new ControlException("cannot clear '" + request.topic() + "' (known: counters)");
            case "capture":
            {
                final ControlHandler c = capture;
                if (c == null)
                {
                    throw new ControlException("no capture here: this is not a running router");
                }
                return c.handle(request);
            }
            default:
                throw new ControlException("unknown command '" + request.command() +
                    "' (known: show, clear, config, capture)");
        }
    }

    private static JsonNode config(final String topic, final ConfigReloader reloader) throws ControlException
    {
        if (!"reload".equals(topic))
        {
            throw new ControlException("unknown config request '" + topic + "' (known: reload)");
        }
        if (reloader == null)
        {
            throw new ControlException("this router cannot reload: it was not started from a configuration file");
        }
        try
        {
            final ConfigReloader.Result result = reloader.reload();
            return JsonNodeFactory.instance.objectNode().put("changes", result.changes())
                .put("summary", result.summary());
        }
        catch (final ConfigReloader.RefusedException ex)
        {
            throw new ControlException(ex.getMessage());
        }
    }

    private JsonNode show(final String topic, final String vrf, final Boolean ipv6) throws ControlException
    {
        if (topic == null)
        {
            throw new ControlException("show needs a topic");
        }
        switch (topic)
        {
            case "interfaces":
                return view.interfaces(vrf, ipv6);
            case "neighbors":
                return view.neighbors(vrf, ipv6);
            case "route":
                return view.routes(vrf, ipv6);
            case "sids":
                return view.sids(vrf);
            case "pbr":
                return view.pbr(vrf, ipv6);
            case "errors":
                return view.errors();
            case "counters":
                return view.counters();
            default:
                throw new ControlException("unknown topic '" + topic +
                    "' (known: interfaces, neighbors, route, sids, pbr, errors, counters)");
        }
    }

    private JsonNode showBgp(final ControlRequest request) throws ControlException
    {
        if (bgp == null)
        {
            throw new ControlException("no BGP here: the router runs no bgp: section, or this is not a running router");
        }
        switch (request.topic())
        {
            case "bgp-summary":
                return bgp.summary();
            case "bgp-neighbor":
            {
                final String address = request.arg(ARG_NEIGHBOR);
                if (address == null)
                {
                    throw new ControlException("bgp-neighbor needs the neighbor's address");
                }
                final JsonNode rows = bgp.neighbor(address);
                if (rows == null)
                {
                    throw new ControlException("no BGP neighbor " + address);
                }
                return rows;
            }
            case "bgp-vpnv6":
                return bgp.vpnv6(request.arg(ARG_RD));
            case "bgp-ipv6":
                return bgp.ipv6();
            default:
                throw new ControlException("unknown topic '" + request.topic() +
                    "' (known: bgp-summary, bgp-neighbor, bgp-vpnv6, bgp-ipv6)");
        }
    }

    private static Boolean family(final String family) throws ControlException
    {
        if (family == null)
        {
            return null;
        }
        if (ControlRequest.FAMILY_INET6.equals(family))
        {
            return Boolean.TRUE;
        }
        if (ControlRequest.FAMILY_INET.equals(family))
        {
            return Boolean.FALSE;
        }
        throw new ControlException("unknown family '" + family + "' (known: inet, inet6)");
    }
}
