package net.srv6epe.dataplane.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@code srv6 show interfaces|neighbors|route|sids|pbr|errors|counters [--vrf NAME] [-4|-6] [--json]}: ask the
 * running router and print an aligned table, or the response's JSON data as is with {@code --json}.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the running router's state: interfaces, neighbors, route, sids, pbr, " +
    "errors, counters.")
final class ShowCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TOPIC", description = "one of: interfaces, neighbors, route, sids, pbr, errors, counters")
    private String topic;

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
        if (!TopicTables.TOPICS.contains(topic))
        {
            throw new ParameterException(spec.commandLine(),
                "unknown topic '" + topic + "' (known: " + String.join(", ", TopicTables.TOPICS) + ")");
        }
        if (ipv4 && ipv6)
        {
            throw new ParameterException(spec.commandLine(), "-4 and -6 exclude each other");
        }
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
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
}
