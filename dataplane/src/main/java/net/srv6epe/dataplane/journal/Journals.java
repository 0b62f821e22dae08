package net.srv6epe.dataplane.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;

/**
 * Where the two journals live and how they are opened: {@code <journal-dir>/events} (route events, see
 * {@link RouteEventJournal}) and {@code <journal-dir>/flows} (flow-stats samples), each a Chronicle Queue.
 *
 * <p>Before the first queue is opened this class turns Chronicle's start-up chatter off through system
 * properties (only when the user has not set them): {@code chronicle.analytics.disable} (no usage report),
 * {@code chronicle.announcer.disable} (no banner), {@code disable.resource.warning} and
 * {@code jvm.resources.tracing} (no resource-tracing warnings), {@code chronicle.disk.monitor.disable} (no
 * disk-space thread) and {@code org.slf4j.simpleLogger.log.net.openhft=warn} (its INFO lines, "Chronicle core
 * loaded from ...", "Took 14 ms to add mapping ...", are not shown). A router starts quietly every time.
 */
public final class Journals
{
    /** Subdirectory of the route-event queue. */
    public static final String EVENTS = "events";
    /** Subdirectory of the flow-stats queue. */
    public static final String FLOWS = "flows";

    static
    {
        quietChronicle();
    }

    private Journals()
    {
    }

    /** Sets Chronicle's silencing system properties unless already set. Idempotent; called once by class init. */
    public static void quietChronicle()
    {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("disable.resource.warning", "true");
        setIfAbsent("jvm.resources.tracing", "false");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.net.openhft", "warn");
    }

    /** The route-event queue directory under a journal directory. */
    public static Path eventsDir(final Path journalDir)
    {
        return journalDir.resolve(EVENTS);
    }

    /** The flow-stats queue directory under a journal directory. */
    public static Path flowsDir(final Path journalDir)
    {
        return journalDir.resolve(FLOWS);
    }

    /**
     * Opens (creating when missing) the queue in a directory, rolling hourly.
     *
     * @param readOnly open without the right to append (the CLI readers)
     */
    public static ChronicleQueue open(final Path dir, final boolean readOnly)
    {
        return ChronicleQueue.singleBuilder(dir)
            .rollCycle(RollCycles.FAST_HOURLY)
            .readOnly(readOnly)
            .build();
    }

    private static void setIfAbsent(final String key, final String value)
    {
        if (System.getProperty(key) == null)
        {
            System.setProperty(key, value);
        }
    }
}
