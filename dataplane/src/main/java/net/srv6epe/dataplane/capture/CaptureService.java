package net.srv6epe.dataplane.capture;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The router's live captures, one at a time: {@link #start} hands a new {@link CaptureTap} to each worker through
 * its {@link CaptureSwitch} (the taps of one capture share its filter and frame count, each has its own ring),
 * {@link #read} drains the taps' rings (their one consumer, on the control thread), {@link #stop} turns it off and
 * returns the last frames.
 *
 * <p>A capture belongs to the client that polls it: when no request names it for {@link #LEASE_MS} (the client
 * was killed, or its connection is gone), a daemon thread ({@code srv6-epe-capture}, which runs only while a
 * capture does) stops it, so a vanished {@code srv6 capture} never leaves the worker copying frames.
 *
 * <p>Thread safe: requests come from the control thread, expiry from the timer thread.
 */
public final class CaptureService
{
    /** Bytes of one capture's ring: about 4000 records of 2048 bytes between two reads of the client. */
    public static final int RING_BYTES = 8 << 20;
    /** A capture no request named for this long is stopped. */
    public static final long LEASE_MS = 5_000;
    /** Frame bytes one read returns at most (before base64). */
    public static final int MAX_READ_BYTES = 1 << 20;
    /** How long {@link #stop} waits for the worker to let go of the tap before it drains the ring. */
    private static final long DETACH_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long EXPIRY_CHECK_MS = 500;

    private final List<String> portNames;
    private final List<CaptureSwitch> switches;
    private final NanoClock clock;
    private final EpochNanoClock wallClock;
    private final int ringBytes;
    private ScheduledExecutorService timer;
    private CaptureSession session;
    private long nextId = 1;

    /**
     * @param portNames     the router's ports, by index
     * @param captureSwitch the worker's switch
     * @param clock         the monotonic clock (leases, and the worker's timestamps)
     * @param wallClock     wall-clock time for the records' timestamps
     */
    public CaptureService(
        final List<String> portNames,
        final CaptureSwitch captureSwitch,
        final NanoClock clock,
        final EpochNanoClock wallClock)
    {
        this(portNames, List.of(captureSwitch), clock, wallClock, RING_BYTES);
    }

    /**
     * @param ringBytes each capture's ring capacity, a power of two (tests use small rings to fill them)
     */
    public CaptureService(
        final List<String> portNames,
        final CaptureSwitch captureSwitch,
        final NanoClock clock,
        final EpochNanoClock wallClock,
        final int ringBytes)
    {
        this(portNames, List.of(captureSwitch), clock, wallClock, ringBytes);
    }

    /**
     * A service for a router of several workers: a capture copies the frames of every worker.
     *
     * @param switches  the workers' switches, by worker; at least one
     * @param ringBytes each worker's ring capacity per capture, a power of two
     */
    public CaptureService(
        final List<String> portNames,
        final List<CaptureSwitch> switches,
        final NanoClock clock,
        final EpochNanoClock wallClock,
        final int ringBytes)
    {
        if (switches.isEmpty())
        {
            throw new IllegalArgumentException("a capture service needs at least one worker's switch");
        }
        this.portNames = List.copyOf(portNames);
        this.switches = List.copyOf(switches);
        this.clock = clock;
        this.wallClock = wallClock;
        this.ringBytes = ringBytes;
    }

    /** The router's ports, by index: a capture's interface list. */
    public List<String> portNames()
    {
        return portNames;
    }

    /**
     * Starts a capture.
     *
     * @return its id, for {@link #read} and {@link #stop}
     * @throws IllegalStateException when a capture is running (its id and filter in the message)
     */
    public synchronized long start(final CaptureFilter filter)
    {
        if (session != null && refresh(session).running())
        {
            throw new IllegalStateException("a capture is already running (capture " + session.id() + ": " +
                session.filter().describe(portNames) + "); one at a time");
        }
        final long nowNs = clock.nanoTime();
        final long epochOffsetNs = wallClock.nanoTime() - nowNs;
        final CaptureBudget budget = new CaptureBudget(filter.count());
        final CaptureTap[] taps = new CaptureTap[switches.size()];
        for (int w = 0; w < taps.length; w++)
        {
            taps[w] = new CaptureTap(filter, ringBytes, clock, epochOffsetNs, budget);
        }
        for (int w = 0; w < taps.length; w++)
        {
            if (!switches.get(w).activate(taps[w]))
            {
                for (int on = 0; on < w; on++)
                {
                    switches.get(on).deactivate(taps[on]);
                }
                throw new IllegalStateException("worker " + w + " still has a capture on; try again");
            }
        }
        session = new CaptureSession(nextId++, taps, nowNs);
        if (timer == null)
        {
            timer = Executors.newSingleThreadScheduledExecutor(task ->
            {
                final Thread thread = new Thread(task, "srv6-epe-capture");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::expireIdle, EXPIRY_CHECK_MS, EXPIRY_CHECK_MS, TimeUnit.MILLISECONDS);
        }
        return session.id();
    }

    /**
     * The frames captured since the last read (up to {@link #MAX_READ_BYTES}), and the capture's state. Renews
     * the capture's lease. A capture that ended can still be read until its ring is empty.
     *
     * @throws IllegalArgumentException when no capture has this id
     */
    public synchronized CaptureBatch read(final long id)
    {
        final CaptureSession s = session(id);
        s.touch(clock.nanoTime());
        refresh(s);
        return s.drain(MAX_READ_BYTES);
    }

    /**
     * Stops a capture (if it still runs) and returns what its ring holds (up to {@link #MAX_READ_BYTES}; read
     * again while {@link CaptureBatch#more()}). Stopping an ended capture only reads it.
     *
     * @throws IllegalArgumentException when no capture has this id
     */
    public synchronized CaptureBatch stop(final long id)
    {
        final CaptureSession s = session(id);
        s.touch(clock.nanoTime());
        if (refresh(s).running())
        {
            turnOff(s, CaptureState.STOPPED);
        }
        return s.drain(MAX_READ_BYTES);
    }

    /**
     * Stops the running capture when no request named it for {@link #LEASE_MS}, and ends the timer thread when no
     * capture runs; the timer thread calls this (tests call it with a hand-advanced clock).
     *
     * @return whether a capture was stopped
     */
    public synchronized boolean expireIdle()
    {
        final CaptureSession s = session;
        boolean expired = false;
        if (s != null && refresh(s).running() &&
            clock.nanoTime() - s.lastRequestNs() >= TimeUnit.MILLISECONDS.toNanos(LEASE_MS))
        {
            turnOff(s, CaptureState.EXPIRED);
            expired = true;
        }
        if (timer != null && (s == null || !s.state().running()))
        {
            timer.shutdown(); // the next start makes a new one
            timer = null;
        }
        return expired;
    }

    /** The running capture's id, or 0 when none runs. */
    public synchronized long runningId()
    {
        return session != null && refresh(session).running() ? session.id() : 0;
    }

    private CaptureSession session(final long id)
    {
        if (session == null || session.id() != id)
        {
            final long running = runningId();
            throw new IllegalArgumentException("no capture " + id + " (" +
                (running == 0 ? "none is running" : "capture " + running + " is running") + ")");
        }
        return session;
    }

    /**
     * A running capture whose worker copied its count of frames is finished: the tap is taken away from the worker
     * (which copies nothing more anyway).
     *
     * @return the session's state
     */
    private CaptureState refresh(final CaptureSession s)
    {
        if (s.state().running() && s.finished())
        {
            final CaptureTap[] taps = s.taps();
            for (int w = 0; w < taps.length; w++)
            {
                switches.get(w).deactivate(taps[w]);
            }
            s.state(CaptureState.FINISHED);
        }
        return s.state();
    }

    /** Takes the taps away from the workers and waits, briefly, until every worker has let go of its tap. */
    private void turnOff(final CaptureSession s, final CaptureState end)
    {
        final CaptureTap[] taps = s.taps();
        for (int w = 0; w < taps.length; w++)
        {
            switches.get(w).deactivate(taps[w]);
        }
        s.state(end);
        final long deadlineNs = System.nanoTime() + DETACH_WAIT_NS;
        for (final CaptureTap tap : taps)
        {
            while (!tap.detached() && System.nanoTime() - deadlineNs < 0)
            {
                // the worker picks the change up at its next batch, within microseconds unless it is stopped
                LockSupport.parkNanos(100_000);
            }
        }
    }
}
