package net.srv6epe.dataplane.journal;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.queue.util.FileUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journals' disk use bounded ({@code router.journal-retention-hours}): every minute, deletes the hourly
 * roll files ({@code *.cq4}) of the route-event and flow-stats queues that are older than the retention and that
 * no process has open ({@link FileUtil#removableRollFileCandidates}: never the file being written, nor one a
 * reader such as {@code srv6 events tail} is reading). One log line per deleted file; counted. An agent of its own
 * on a sleeping thread: never the packet path.
 */
public final class JournalPruner implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalPruner.class);
    /** How often it looks. */
    public static final long INTERVAL_MS = TimeUnit.MINUTES.toMillis(1);

    private final List<Path> dirs;
    private final long retentionMs;
    private final EpochClock clock;
    private final AtomicLong filesPruned = new AtomicLong();
    private long nextRunMs;

    /**
     * @param journalDir     the journal directory ({@code events/} and {@code flows/} under it)
     * @param retentionHours how long a roll file is kept after it was last written; at least 1
     * @param clock          wall clock (file modification times are wall clock)
     */
    public JournalPruner(final Path journalDir, final int retentionHours, final EpochClock clock)
    {
        if (retentionHours < 1)
        {
            throw new IllegalArgumentException("retention must be at least one hour, got " + retentionHours);
        }
        this.dirs = List.of(Journals.eventsDir(journalDir), Journals.flowsDir(journalDir));
        this.retentionMs = TimeUnit.HOURS.toMillis(retentionHours);
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        final long now = clock.time();
        if (now < nextRunMs)
        {
            return 0;
        }
        nextRunMs = now + INTERVAL_MS;
        return prune(now);
    }

    /**
     * Deletes what is due now.
     *
     * @return how many files were deleted
     */
    public int prune(final long nowMs)
    {
        int deleted = 0;
        for (final Path dir : dirs)
        {
            final File d = dir.toFile();
            if (!d.isDirectory())
            {
                continue;
            }
            for (final File f : FileUtil.removableRollFileCandidates(d).toList())
            {
                if (nowMs - f.lastModified() > retentionMs)
                {
                    if (f.delete())
                    {
                        deleted++;
                        filesPruned.incrementAndGet();
                        LOG.info("journal: deleted {} (older than the retention of {} h)", f,
                            TimeUnit.MILLISECONDS.toHours(retentionMs));
                    }
                    else
                    {
                        LOG.warn("journal: cannot delete {}", f);
                    }
                }
            }
        }
        return deleted;
    }

    /** Roll files deleted since start. */
    public long filesPruned()
    {
        return filesPruned.get();
    }

    @Override
    public String roleName()
    {
        return "srv6-epe-journal-pruner";
    }
}
