package net.srv6epe.dataplane.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code srv6 clear counters}: reset the running router's counters. */
@Command(name = "clear", mixinStandardHelpOptions = true, description = "Reset state of the running router: counters.")
final class ClearCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "WHAT", description = "counters")
    private String what;

    @Option(names = "--json", description = "print the router's JSON as is")
    private boolean json;

    @Mixin
    private SocketOptions socket;

    @Override
    public Integer call()
    {
        if (!"counters".equals(what))
        {
            throw new ParameterException(spec.commandLine(), "cannot clear '" + what + "' (known: counters)");
        }
        final JsonNode data;
        try
        {
            data = socket.client().request(new ControlRequest("clear", what, null));
        }
        catch (final ControlException ex)
        {
            throw new CliException(ex.getMessage(), ExitCodes.FAILURE);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.println(json ? data.toString() : "counters cleared");
        out.flush();
        return ExitCodes.OK;
    }
}
