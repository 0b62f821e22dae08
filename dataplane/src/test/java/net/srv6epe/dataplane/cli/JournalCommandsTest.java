package net.srv6epe.dataplane.cli;

import net.srv6epe.dataplane.flowstats.FlowJournal;
import net.srv6epe.dataplane.flowstats.FlowRecord;
import net.srv6epe.dataplane.journal.ChangeKind;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventJournal;
import net.srv6epe.dataplane.journal.StateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code srv6 events} and {@code srv6 flows} over journals written here, and the {@code --since} forms. */
class JournalCommandsTest
{
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        out.reset();
        err.reset();
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines()
    {
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void parsesSinceAsAnInstantOrAnAge()
    {
        assertEquals(T0, JournalOptions.parseSince("2023-11-14T22:13:20Z", 0));
        assertEquals(T0 - 30_000_000_000L, JournalOptions.parseSince("30s", T0));
        assertEquals(T0 - 600_000_000_000L, JournalOptions.parseSince("10m", T0));
        assertEquals(T0 - 7_200_000_000_000L, JournalOptions.parseSince("2h", T0));
        assertEquals(T0 - 86_400_000_000_000L, JournalOptions.parseSince("1d", T0));
        assertEquals(Long.MIN_VALUE, JournalOptions.parseSince(null, T0));
        assertThrows(CliException.class, () -> JournalOptions.parseSince("yesterday", T0));
    }

    @Test
    void eventsTailPrintsTheLastNAndExportFiltersBySince()
    {
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            for (int i = 0; i < 5; i++)
            {
                journal.append(new RouteEvent(T0 + i * 1_000_000_000L, i, i + 1,
                    new StateChange(ChangeKind.ROUTE, "default", "fd00:" + i + "::/64", null, "blackhole"), "config"));
            }
            journal.append(new RouteEvent(T0 + 5_000_000_000L, 5, 6,
                new StateChange(ChangeKind.ROUTE, "default", "fd00:4::/64", "blackhole", null),
                "bgp peer fd00::2 UPDATE"));
        }

        assertEquals(0, run("events", "tail", "--dir", dir.toString(), "-n", "2", "--no-follow"));
        assertEquals(List.of(
            "2023-11-14T22:13:24Z gen 5 config: route default fd00:4::/64 add blackhole",
            "2023-11-14T22:13:25Z gen 6 bgp peer fd00::2 UPDATE: route default fd00:4::/64 del blackhole"), lines());

        assertEquals(0, run("events", "export", "--dir", dir.toString(), "--since", "2023-11-14T22:13:24Z", "--csv"));
        assertEquals(List.of("time,wallNs,monoNs,generation,kind,vrf,key,old,new,cause",
            "2023-11-14T22:13:24Z,1700000004000000000,4,5,route,default,fd00:4::/64,,blackhole,config",
            "2023-11-14T22:13:25Z,1700000005000000000,5,6,route,default,fd00:4::/64,blackhole,," +
                "bgp peer fd00::2 UPDATE"),
            lines());
    }

    @Test
    void flowsTopRanksFlowsByBytesAndTotalsPerEgress()
    {
        try (FlowJournal journal = FlowJournal.open(dir))
        {
            for (int i = 1; i <= 10; i++)
            {
                final long at = T0 + i * 100_000_000L;
                journal.append(flow(at, 40000, "fc00:a::a6", 10, 10_000));
                journal.append(flow(at, 40001, "fc00:a::a6", 1, 1_000));
                journal.append(flow(at, 40002, "fc00:a::b6", 5, 50_000));
            }
            journal.appendUntracked(T0, 0, 0, 7, 0);
        }

        assertEquals(0, run("flows", "top", "--dir", dir.toString(), "-n", "2", "--csv"));
        assertEquals(List.of(
            "src,sport,dst,dport,proto,vrf,egress,port,packets,bytes,pps,mbps",
            // 1 s of samples: 500 kB = 4 Mbit/s
            "fd00:10::b,40002,fd00:c0::c,443,17,epe-a,sid fc00:a::b6,core,50,500000,50,4.000",
            "fd00:10::b,40000,fd00:c0::c,443,17,epe-a,sid fc00:a::a6,core,100,100000,100,0.800",
            "",
            "vrf,egress,port,flows,packets,bytes,pps,mbps",
            "epe-a,sid fc00:a::b6,core,1,50,500000,50,4.000",
            "epe-a,sid fc00:a::a6,core,2,110,110000,110,0.880"), lines());

        assertEquals(0, run("flows", "export", "--dir", dir.toString(), "--since", "2023-11-14T22:13:21Z"));
        assertEquals(3, lines().size(), "only the last sample's three flows");
    }

    private static FlowRecord flow(
        final long wallNs, final int sourcePort, final String sid, final long packets, final long bytes)
    {
        return new FlowRecord(wallNs, 0, 100_000_000L, 0, 6, "fd00:10::b", "fd00:c0::c", 17, sourcePort, 443,
            "epe-a", "sid", sid, "core", packets, bytes);
    }
}
