package net.srv6epe.dataplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.flowstats.FlowReader;
import net.srv6epe.dataplane.flowstats.FlowRecord;
import net.srv6epe.dataplane.journal.Journals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code srv6 flows tail|top|export}: the SRv6 flow statistics journal (per-flow packet and byte deltas sampled
 * every {@code router.flow-stats.interval-ms}), read straight from {@code <journal-dir>/flows}.
 */
@Command(name = "flows", mixinStandardHelpOptions = true,
    description = "SRv6 flow statistics (per inner 5-tuple and egress) from the flow journal.",
    subcommands = { FlowsCommand.Tail.class, FlowsCommand.Top.class, FlowsCommand.Export.class })
final class FlowsCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "missing command (known: tail, top, export)");
    }

    /** {@code flows tail}: samples as the router journals them. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print flow samples as they are journaled (from --since, else from now) until interrupted.")
    static final class Tail implements Callable<Integer>
    {
        @Mixin
        private JournalOptions options;

        @Option(names = "--no-follow", description = "stop at the end of the journal")
        private boolean noFollow;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException
        {
            final Path dir = options.journalDir(Journals.FLOWS);
            final long sinceNs = options.sinceNs(System.currentTimeMillis() * 1_000_000L);
            final RowPrinter printer =
                new RowPrinter(spec.commandLine().getOut(), options.format(), FlowsCommand::textLine);
            try (FlowReader reader = FlowReader.open(dir))
            {
                if (options.since == null && !noFollow)
                {
                    reader.toEnd();
                }
                while (true)
                {
                    final FlowRecord r = reader.poll();
                    if (r == null)
                    {
                        printer.flush();
                        if (noFollow)
                        {
                            return ExitCodes.OK;
                        }
                        Thread.sleep(50);
                        continue;
                    }
                    if (r.wallNs() >= sinceNs)
                    {
                        printer.print(row(r));
                    }
                }
            }
        }
    }

    /** {@code flows export}: every sample (since --since), then exit. */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Print every flow sample in the journal (since --since) and exit.")
    static final class Export implements Callable<Integer>
    {
        @Mixin
        private JournalOptions options;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call()
        {
            final Path dir = options.journalDir(Journals.FLOWS);
            final long sinceNs = options.sinceNs(System.currentTimeMillis() * 1_000_000L);
            final RowPrinter printer =
                new RowPrinter(spec.commandLine().getOut(), options.format(), FlowsCommand::textLine);
            try (FlowReader reader = FlowReader.open(dir))
            {
                for (FlowRecord r = reader.poll(); r != null; r = reader.poll())
                {
                    if (r.wallNs() >= sinceNs)
                    {
                        printer.print(row(r));
                    }
                }
            }
            printer.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code flows top}: the busiest flows and the totals per egress over a window. */
    @Command(name = "top", mixinStandardHelpOptions = true,
        description = "Top flows by rate and totals per egress (VRF, SID or next hop, port) over the last " +
            "--window of the journal (or since --since).")
    static final class Top implements Callable<Integer>
    {
        @Mixin
        private JournalOptions options;

        @Option(names = "--window", paramLabel = "AGE", defaultValue = "10s",
            description = "how far back from the journal's last sample, when --since is not given " +
                "(default ${DEFAULT-VALUE})")
        private String window;

        @Option(names = { "-n", "--top" }, paramLabel = "N", defaultValue = "10",
            description = "flows shown (default ${DEFAULT-VALUE})")
        private int top;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws JsonProcessingException
        {
            final Path dir = options.journalDir(Journals.FLOWS);
            final List<FlowRecord> records = new ArrayList<>();
            final long untracked;
            try (FlowReader reader = FlowReader.open(dir))
            {
                for (FlowRecord r = reader.poll(); r != null; r = reader.poll())
                {
                    records.add(r);
                }
                untracked = reader.untracked();
            }
            final long lastNs = records.isEmpty() ? 0 : records.get(records.size() - 1).wallNs();
            final long fromNs = options.since != null ? options.sinceNs(System.currentTimeMillis() * 1_000_000L) :
                JournalOptions.parseSince(window, lastNs);
            final FlowTop result = FlowTop.of(records, fromNs);
            final PrintWriter out = spec.commandLine().getOut();
            final OutputFormat format = options.format();
            final ArrayNode flows = result.flowRows(top);
            final ArrayNode egress = result.egressRows();
            if (format == OutputFormat.JSON)
            {
                final ObjectNode doc = RowPrinter.JSON.createObjectNode();
                doc.put("from", JournalOptions.time(result.fromNs()));
                doc.put("to", JournalOptions.time(result.toNs()));
                doc.put("seconds", result.seconds());
                doc.set("flows", flows);
                doc.set("egress", egress);
                doc.put("untracked", untracked);
                out.println(RowPrinter.JSON.writeValueAsString(doc));
            }
            else if (format == OutputFormat.CSV)
            {
                RowPrinter.table(out, format, FlowTop.FLOW_COLUMNS, flows);
                out.println();
                RowPrinter.table(out, format, FlowTop.EGRESS_COLUMNS, egress);
            }
            else
            {
                out.printf("flows %s .. %s (%.3f s), top %d of %d%n", JournalOptions.time(result.fromNs()),
                    JournalOptions.time(result.toNs()), result.seconds(), flows.size(), result.flowCount());
                out.print(TableRenderer.render(FlowTop.FLOW_COLUMNS, flows));
                out.println();
                out.println("per egress");
                out.print(TableRenderer.render(FlowTop.EGRESS_COLUMNS, egress));
                if (untracked > 0)
                {
                    out.println();
                    out.println("untracked packets (flow table full): " + untracked);
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** One sample as a flat row. */
    static ObjectNode row(final FlowRecord r)
    {
        final ObjectNode row = RowPrinter.JSON.createObjectNode();
        row.put("time", JournalOptions.time(r.wallNs()));
        row.put("wallNs", r.wallNs());
        row.put("intervalNs", r.intervalNs());
        row.put("worker", r.worker());
        row.put("src", r.source());
        row.put("sport", r.sourcePort());
        row.put("dst", r.destination());
        row.put("dport", r.destinationPort());
        row.put("proto", r.protocol());
        row.put("vrf", r.vrf());
        row.put("egressKind", r.egressKind());
        row.put("egress", r.egress());
        row.put("port", r.port());
        row.put("packets", r.packets());
        row.put("bytes", r.bytes());
        return row;
    }

    /** {@code TIME vrf epe-a sid fc00:a::a6 dev core  fd00:10::a 40000 > fd00:c0::c 443 proto 17  3 pkts 4200 B}. */
    static String textLine(final ObjectNode row)
    {
        return row.get("time").asText() + " vrf " + row.get("vrf").asText() + " " + row.get("egressKind").asText() +
            " " + row.get("egress").asText() + " dev " + row.get("port").asText() + "  " + row.get("src").asText() +
            " " + row.get("sport").asText() + " > " + row.get("dst").asText() + " " + row.get("dport").asText() +
            " proto " + row.get("proto").asText() + "  " + row.get("packets").asText() + " pkts " +
            row.get("bytes").asText() + " B";
    }
}
