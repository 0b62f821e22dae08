package net.srv6epe.dataplane.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.app.ConfigControlHandler;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code srv6 show interfaces|neighbors|route|sids|pbr|errors|counters [--vrf NAME] [-4|-6] [--json]} and
 * {@code srv6 show vrf NAME routes|sids} and
 * {@code srv6 show bgp summary|neighbor ADDR|vpnv6 [rd RD]|ipv6 [--json]}: ask the running router and print an
 * aligned table, or the response's JSON data as is with {@code --json}.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the running router's state: interfaces, neighbors, route, sids, pbr, " +
    "errors, counters.")
final class ShowCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "one of: interfaces, neighbors, route, sids, " +
        "pbr, errors, counters, vrf NAME routes|sids, bgp summary, bgp neighbor ADDR, bgp vpnv6 [rd RD], bgp ipv6, " +
        "bond [NAME]")
    private List<String> words;

    @Option(names = "--vrf", paramLabel = "NAME", description = "only this VRF")
    private String vrf;

    @Option(names = "-4", description = "IPv4 only")
    private boolean ipv4;

    @Option(names = "-6", description = "IPv6 only")
    private boolean ipv6;

    @Option(names = "--json", description = "print the router's JSON as is")
    private boolean json;

    @Mixin
    private SocketOptions socket;

    @Override
    public Integer call()
    {
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (words.get(0).equals("vrf"))
        {
            vrfWords();
        }
        final String topic = words.get(0).equals("bgp") ? bgpTopic(args) : words.get(0);
        if (words.get(0).equals("bond") && words.size() == 2)
        {
            args.put(ConfigControlHandler.ARG_BOND, words.get(1));
        }
        else if (!words.get(0).equals("bgp") && words.size() > 1)
        {
            throw new ParameterException(spec.commandLine(), "unexpected '" + words.get(1) + "' after " + topic);
        }
        if (!TopicTables.TOPICS.contains(topic) && !TopicTables.BGP_TOPICS.contains(topic) && !"bond".equals(topic))
        {
            throw new ParameterException(spec.commandLine(),
                "unknown topic '" + topic + "' (known: " + String.join(", ", TopicTables.TOPICS) + ")");
        }
        if (ipv4 && ipv6)
        {
            throw new ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        if (vrf != null)
        {
            args.put(ControlRequest.ARG_VRF, vrf);
        }
        if (ipv4 || ipv6)
        {
            args.put(ControlRequest.ARG_FAMILY, ipv6 ? ControlRequest.FAMILY_INET6 : ControlRequest.FAMILY_INET);
        }
        final JsonNode data;
        try
        {
            data = socket.client().request(new ControlRequest("show", topic, args));
        }
        catch (final ControlException ex)
        {
            throw new CliException(ex.getMessage(), ExitCodes.FAILURE);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? data.toString() + "\n" : TopicTables.render(topic, data));
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code show vrf NAME routes|sids} is {@code show route|sids --vrf NAME}, the way FRR operators type it. */
    private void vrfWords()
    {
        if (words.size() != 3 || !List.of("routes", "sids").contains(words.get(2)))
        {
            throw new ParameterException(spec.commandLine(), "show vrf needs: NAME routes, or NAME sids");
        }
        if (vrf != null && !vrf.equals(words.get(1)))
        {
            throw new ParameterException(spec.commandLine(),
                "show vrf " + words.get(1) + " and --vrf " + vrf + " name two VRFs");
        }
        vrf = words.get(1);
        words = List.of(words.get(2).equals("routes") ? "route" : "sids");
    }

    private String bgpTopic(final ObjectNode args)
    {
        if (words.size() < 2)
        {
            throw new ParameterException(spec.commandLine(),
                "show bgp needs: summary, neighbor ADDR, vpnv6 [rd RD], ipv6");
        }
        final String what = words.get(1);
        int expected = 2;
        switch (what)
        {
            case "summary":
            case "ipv6":
                break;
            case "neighbor":
                if (words.size() < 3)
                {
                    throw new ParameterException(spec.commandLine(),
                        "show bgp neighbor needs the neighbor's address");
                }
                args.put("neighbor", words.get(2));
                expected = 3;
                break;
            case "vpnv6":
                if (words.size() >= 3)
                {
                    if (!"rd".equals(words.get(2)) || words.size() < 4)
                    {
                        throw new ParameterException(spec.commandLine(), "show bgp vpnv6 takes only: rd RD");
                    }
                    args.put("rd", words.get(3));
                    expected = 4;
                }
                break;
            default:
                throw new ParameterException(spec.commandLine(), "unknown bgp topic '" + what +
                    "' (known: summary, neighbor ADDR, vpnv6 [rd RD], ipv6)");
        }
        if (words.size() > expected)
        {
            throw new ParameterException(spec.commandLine(), "unexpected '" + words.get(expected) + "'");
        }
        return "bgp-" + what;
    }
}
