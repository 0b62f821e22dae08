package net.srv6epe.dataplane.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code srv6} command (the jar's main class):
 * <pre>
 * srv6 run --config FILE
 * srv6 config check FILE
 * srv6 show interfaces|neighbors|route|sids|pbr|errors|counters [--vrf NAME] [-4|-6] [--json]
 *           [--socket PATH | --config FILE]
 * srv6 clear counters [--socket PATH | --config FILE]
 * srv6 capture --port PORT|any [--sid SID] [--point in|out|drop|all] [--count N] [--seconds S] [--snaplen B]
 *              -w FILE [--socket PATH | --config FILE]
 * srv6 events tail|export [--dir DIR | --config FILE] [--since WHEN] [--json|--csv]
 * srv6 flows tail|top|export [--dir DIR | --config FILE] [--since WHEN] [--json|--csv]
 * </pre>
 * Exit codes are {@link ExitCodes}; user errors print one line, never a stack trace.
 */
@Command(
    name = "srv6",
    mixinStandardHelpOptions = true,
    version = "srv6-epe 0.1.0",
    description = "User-space SRv6 router (SRv6 Egress Peer Engineering).",
    subcommands = { RunCommand.class, ConfigCommand.class, ShowCommand.class, ClearCommand.class,
        EventsCommand.class, FlowsCommand.class, CaptureCommand.class })
public final class Main implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(),
            "missing command (known: run, config, show, clear, events, flows, capture)");
    }

    /**
     * Entry point: runs the command line and exits with its code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs a command line with the given streams, without exiting: the testable entry point.
     *
     * @param args the command line.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintStream out, final PrintStream err)
    {
        return commandLine(
            new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    /**
     * The configured picocli command line: output to {@code out}/{@code err}, {@link CliException}s printed as
     * one line {@code srv6: message}, unexpected exceptions as one line {@code srv6: internal error: ...}.
     */
    public static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            if (ex instanceof CliException)
            {
                commandLine.getErr().println("srv6: " + ex.getMessage());
                commandLine.getErr().flush();
                return ((CliException)ex).exitCode();
            }
            commandLine.getErr().println("srv6: internal error: " + ex);
            commandLine.getErr().flush();
            return ExitCodes.FAILURE;
        });
        cli.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine commandLine = ex.getCommandLine();
            final String name = commandLine.getCommandSpec().qualifiedName(" ");
            commandLine.getErr().println(name + ": " + ex.getMessage());
            commandLine.getErr().println("try '" + name + " --help'");
            commandLine.getErr().flush();
            return ExitCodes.INVALID;
        });
        return cli;
    }
}
