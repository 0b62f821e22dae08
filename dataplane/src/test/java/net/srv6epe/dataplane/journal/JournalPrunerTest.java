package net.srv6epe.dataplane.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalPrunerTest
{
    @TempDir
    Path dir;

    private static Path rollFile(final Path queueDir, final String name, final long ageHours) throws Exception
    {
        Files.createDirectories(queueDir);
        final Path f = queueDir.resolve(name);
        Files.write(f, new byte[4096]);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() -
            TimeUnit.HOURS.toMillis(ageHours)));
        return f;
    }

    @Test
    void deletesRollFilesOlderThanTheRetentionAndNothingElse() throws Exception
    {
        final Path oldEvents = rollFile(Journals.eventsDir(dir), "20261101-00F.cq4", 30 * 24);
        final Path oldFlows = rollFile(Journals.flowsDir(dir), "20261101-01F.cq4", 30 * 24);
        final Path recent = rollFile(Journals.eventsDir(dir), "20261124-06F.cq4", 2);
        final Path notRollFile = rollFile(Journals.eventsDir(dir), "notes.txt", 30 * 24);
        final JournalPruner pruner = new JournalPruner(dir, 168, SystemEpochClock.INSTANCE);

        assertEquals(2, pruner.prune(System.currentTimeMillis()));
        assertFalse(Files.exists(oldEvents));
        assertFalse(Files.exists(oldFlows));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(notRollFile));
        assertEquals(2, pruner.filesPruned());
        assertEquals(0, pruner.prune(System.currentTimeMillis()), "nothing left to delete");
    }

    @Test
    void neverDeletesTheFileTheJournalIsWritingAndEventsStayReadable() throws Exception
    {
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            journal.append(new RouteEvent(1, 2, 3, new StateChange(ChangeKind.ROUTE, "default", "fd00::/64", null,
                "via fd00::1 dev p0"), "config"));
            // even far in the future, the open roll file is not a candidate
            final JournalPruner pruner = new JournalPruner(dir, 1, SystemEpochClock.INSTANCE);
            assertEquals(0, pruner.prune(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(365)));
            try (RouteEventReader reader = RouteEventReader.open(dir))
            {
                final RouteEvent e = reader.poll();
                assertNotNull(e);
                assertEquals("fd00::/64", e.change().key());
            }
        }
    }

    @Test
    void runsAtMostOncePerInterval() throws Exception
    {
        final long[] now = {TimeUnit.DAYS.toMillis(20_000)};
        final JournalPruner pruner = new JournalPruner(dir, 1, () -> now[0]);
        rollFile(Journals.eventsDir(dir), "20261101-00F.cq4", 30 * 24);
        Files.setLastModifiedTime(Journals.eventsDir(dir).resolve("20261101-00F.cq4"), FileTime.fromMillis(0));
        assertEquals(1, pruner.doWork());
        rollFile(Journals.eventsDir(dir), "20261101-01F.cq4", 0);
        Files.setLastModifiedTime(Journals.eventsDir(dir).resolve("20261101-01F.cq4"), FileTime.fromMillis(0));
        now[0] += JournalPruner.INTERVAL_MS - 1;
        assertEquals(0, pruner.doWork(), "not yet a minute later");
        now[0] += 1;
        assertEquals(1, pruner.doWork());
    }

    @Test
    void refusesARetentionUnderAnHour()
    {
        assertThrows(IllegalArgumentException.class, () -> new JournalPruner(dir, 0, SystemEpochClock.INSTANCE));
    }
}
