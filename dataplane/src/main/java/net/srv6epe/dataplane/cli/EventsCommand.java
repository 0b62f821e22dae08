package net.srv6epe.dataplane.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.journal.Journals;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import net.srv6epe.dataplane.journal.StateChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * {@code srv6 events tail|export}: the route-event journal (every FIB route, local SID and PBR rule change with
 * its timestamps and cause), read straight from {@code <journal-dir>/events}.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Route events (FIB routes, local SIDs, PBR rules) from the route-event journal.",
    subcommands = { EventsCommand.Tail.class, EventsCommand.Export.class })
final class EventsCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command (known: tail, export)");
    }

    /** {@code events tail}: the last events, then new ones as they are journaled. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the last events (all since --since), then follow new ones until interrupted.")
    static final class Tail implements Callable<Integer>
    {
        @Mixin
        private JournalOptions options;

        @Option(names = { "-n", "--lines" }, paramLabel = "N", defaultValue = "10",
            description = "events printed before following, when --since is not given (default ${DEFAULT-VALUE})")
        private int lines;

        @Option(names = "--no-follow", description = "stop at the end of the journal")
        private boolean noFollow;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException
        {
            final PrintWriter out = spec.commandLine().getOut();
            final Path dir = options.journalDir(Journals.EVENTS);
            final long sinceNs = options.sinceNs(System.currentTimeMillis() * 1_000_000L);
            final RowPrinter printer = new RowPrinter(out, options.format(), EventsCommand::textLine);
            try (RouteEventReader reader = RouteEventReader.open(dir))
            {
                final ArrayDeque<RouteEvent> last = new ArrayDeque<>();
                for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
                {
                    if (e.wallNs() >= sinceNs)
                    {
                        last.addLast(e);
                        if (options.since == null && last.size() > lines)
                        {
                            last.removeFirst();
                        }
                    }
                }
                for (final RouteEvent e : last)
                {
                    printer.print(row(e));
                }
                printer.flush();
                while (!noFollow)
                {
                    final RouteEvent e = reader.poll();
                    if (e == null)
                    {
                        printer.flush();
                        Thread.sleep(100);
                        continue;
                    }
                    printer.print(row(e));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code events export}: every event (since --since), then exit. */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print every event in the journal (since --since) and exit.")
    static final class Export implements Callable<Integer>
    {
        @Mixin
        private JournalOptions options;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final Path dir = options.journalDir(Journals.EVENTS);
            final long sinceNs = options.sinceNs(System.currentTimeMillis() * 1_000_000L);
            final RowPrinter printer = new RowPrinter(out, options.format(), EventsCommand::textLine);
            try (RouteEventReader reader = RouteEventReader.open(dir))
            {
                for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
                {
                    if (e.wallNs() >= sinceNs)
                    {
                        printer.print(row(e));
                    }
                }
            }
            printer.flush();
            return ExitCodes.OK;
        }
    }

    /** The event as a flat row: time, wallNs, monoNs, generation, kind, vrf, key, old, new, cause. */
    static ObjectNode row(final RouteEvent e)
    {
        final StateChange c = e.change();
        final ObjectNode row = RowPrinter.JSON.createObjectNode();
        row.put("time", JournalOptions.time(e.wallNs()));
        row.put("wallNs", e.wallNs());
        row.put("monoNs", e.monoNs());
        row.put("generation", e.generation());
        row.put("kind", c.kind().label());
        row.put("vrf", c.vrf());
        row.put("key", c.key());
        row.put("old", c.oldAction() == null ? "" : c.oldAction());
        row.put("new", c.newAction() == null ? "" : c.newAction());
        row.put("cause", e.cause());
        return row;
    }

    /**
     * {@code 2026-11-24T06:45:18.123456789Z gen 1 config: route default fd00:c0::/64 add via fd00:20::2 dev core}
     * ({@code del OLD} for a removal, {@code OLD -> NEW} for a replacement).
     */
    static String textLine(final ObjectNode row)
    {
        final String old = row.get("old").asText();
        final String now = row.get("new").asText();
        final String change = old.isEmpty() ? "add " + now : now.isEmpty() ? "del " + old : old + " -> " + now;
        final String vrf = row.get("vrf").asText();
        return row.get("time").asText() + " gen " + row.get("generation").asText() + " " + row.get("cause").asText() +
            ": " + row.get("kind").asText() + (vrf.isEmpty() ? "" : " " + vrf) + " " + row.get("key").asText() + " " +
            change;
    }
}
