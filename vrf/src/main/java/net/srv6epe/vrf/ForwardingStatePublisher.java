package net.srv6epe.vrf;

import java.util.Objects;

/**
 * The one place the current {@link ForwardingState} lives, published RCU style: readers call
 * {@link #current()} (one volatile read, never blocks) and keep the snapshot they got for as long as they need
 * it; the single writer builds the next snapshot aside and swaps it in with {@link #publish}. A reader never
 * sees a half-applied change, and an old snapshot stays valid (it is garbage collected when the last reader
 * drops it).
 */
public final class ForwardingStatePublisher
{
    private volatile ForwardingState current;

    /** Starts at {@link ForwardingState#initial()}. */
    public ForwardingStatePublisher()
    {
        this(ForwardingState.initial());
    }

    public ForwardingStatePublisher(final ForwardingState initial)
    {
        current = Objects.requireNonNull(initial, "initial");
    }

    /** The current snapshot. Any thread; allocation free. */
    public ForwardingState current()
    {
        return current;
    }

    /**
     * Makes {@code next} current. Writer thread only.
     *
     * @throws IllegalStateException when {@code next} is not newer than the current snapshot (it was built from
     *     a stale base, which would silently drop another change)
     */
    public void publish(final ForwardingState next)
    {
        final ForwardingState now = current;
        if (next.generation() <= now.generation())
        {
            throw new IllegalStateException("refusing to publish generation " + next.generation() +
                " over generation " + now.generation() + " (built from a stale snapshot?)");
        }
        current = next;
    }

    /** A builder starting from the current snapshot. Writer thread only. */
    public ForwardingStateBuilder builder()
    {
        return ForwardingStateBuilder.from(current);
    }
}
