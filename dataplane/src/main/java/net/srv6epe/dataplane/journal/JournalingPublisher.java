package net.srv6epe.dataplane.journal;

import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.StateRebase;
import net.srv6epe.vrf.ForwardingStatePublisher;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place forwarding snapshots are published through: publishes the next snapshot and journals every
 * {@link StateDiff} change between the old and the new one, timestamped just after the swap (the moment the
 * workers can see it). Configuration at start (cause {@code config}), reload and the BGP speaker all publish
 * here and so all appear in the route-event journal. Writer thread only.
 */
public final class JournalingPublisher
{
    private final ForwardingStatePublisher publisher;
    private final RouteEventJournal journal;
    private final EpochNanoClock wallClock;
    private final NanoClock monoClock;
    private final AtomicLong journalErrors = new AtomicLong();
    private final AtomicLong eventsJournaled = new AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(JournalingPublisher.class);

    /**
     * @param journal where events go, or null to publish without journaling
     */
    public JournalingPublisher(
        final ForwardingStatePublisher publisher,
        final RouteEventJournal journal,
        final EpochNanoClock wallClock,
        final NanoClock monoClock)
    {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.journal = journal;
        this.wallClock = wallClock;
        this.monoClock = monoClock;
    }

    /** Route events appended since start. */
    public long eventsJournaled()
    {
        return eventsJournaled.get();
    }

    /** Publishes whose events could not be appended to the journal (each logged once). */
    public long journalErrors()
    {
        return journalErrors.get();
    }

    /** The publisher the workers read. */
    public ForwardingStatePublisher publisher()
    {
        return publisher;
    }

    /**
     * Publishes {@code next} and journals its changes.
     *
     * @param cause why it changed, copied into every event
     * @return the changes journaled
     */
    public List<StateChange> publish(final ForwardingState next, final String cause)
    {
        if (next == publisher.current())
        {
            return List.of();
        }
        final ForwardingState before = publisher.current();
        publisher.publish(next);
        final long monoNs = monoClock.nanoTime();
        final long wallNs = wallClock.nanoTime();
        final List<StateChange> changes = StateDiff.between(before, next);
        if (journal != null)
        {
            try
            {
                for (final StateChange change : changes)
                {
                    journal.append(new RouteEvent(wallNs, monoNs, next.generation(), change, cause));
                    eventsJournaled.incrementAndGet();
                }
            }
            catch (final RuntimeException ex)
            {
                // the snapshot is published: forwarding goes on, the journal misses this publish (counted)
                journalErrors.incrementAndGet();
                LOG.error("route-event journal: cannot append generation {} ({}): {}", next.generation(), cause,
                    ex.toString());
            }
        }
        return changes;
    }

    /**
     * Moves the current state from one configured base to another ({@link StateRebase}) and publishes the result
     * (nothing when the bases do not differ). The caller must be the state's one writer.
     *
     * @return the changes journaled
     * @throws RuntimeException when the new state cannot be built; nothing is published then
     */
    public List<StateChange> rebase(final ForwardingState oldBase, final ForwardingState newBase, final String cause)
    {
        return publish(StateRebase.rebase(oldBase, newBase, publisher.current()), cause);
    }
}
