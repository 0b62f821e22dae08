package net.srv6epe.perf.suite;

import java.io.PrintStream;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code srv6 perf}: the line-rate measuring suite. {@code compare} (our router against the kernel, interleaved),
 * {@code search} (RFC 2544 throughput); the hidden {@code gen} and {@code sink} roles are the child processes the
 * lab starts in its namespaces. Root and Linux only.
 *
 * <pre>
 * java $(srv6epe.jvm.args) -cp perf/target/benchmarks.jar net.srv6epe.perf.suite.PerfMain compare \
 *     --scenario h-encaps,end-dt6 --frame-size 64,1500 --json --out /tmp/report
 * </pre>
 */
@Command(name = "srv6 perf", mixinStandardHelpOptions = true,
    description = "Forwarding rate of srv6-epe against the Linux kernel in namespaces gen - dut - sink.")
public final class PerfMain
{
    private PerfMain()
    {
    }

    /** The command line: its exit code is the process's. */
    public static void main(final String[] args)
    {
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    /**
     * The command tree, printing to the given streams. A refused argument (an {@link IllegalArgumentException}: an
     * unknown scenario, a bad choice) is one line on {@code err} and exit code 2, not a stack trace.
     */
    static CommandLine commandLine(final PrintStream out, final PrintStream err)
    {
        return new CommandLine(new PerfMain())
            .addSubcommand(new CompareCommand(out, err))
            .addSubcommand(new SearchCommand(out, err))
            .addSubcommand(new GeneratorRole())
            .addSubcommand(new SinkRole())
            .setExecutionExceptionHandler((ex, command, parsed) ->
            {
                if (ex instanceof IllegalArgumentException)
                {
                    err.println("srv6 perf " + command.getCommandName() + ": " + ex.getMessage());
                    return 2;
                }
                throw ex;
            });
    }
}
