package net.srv6epe.dataplane.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
        this.config = config;
        this.view = view;
    }

    @Override
    public JsonNode handle(final ControlRequest request) throws ControlException
    {
        final String vrf = request.arg(ControlRequest.ARG_VRF);
        if (vrf != null && config.vrf(vrf).isEmpty())
        {
            throw new ControlException("no VRF named '" + vrf + "'");
        }
        final Boolean ipv6 = family(request.arg(ControlRequest.ARG_FAMILY));
        switch (request.command())
        {
            case "show":
                return show(request.topic(), vrf, ipv6);
            case "clear":
                if ("counters".equals(request.topic()))
                {
                    return JsonNodeFactory.instance.objectNode().put("cleared", view.clearCounters());
                }
                throw new ControlException("cannot clear '" + request.topic() + "' (known: counters)");
            default:
                throw new ControlException("unknown command '" + request.command() + "' (known: show, clear)");
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
