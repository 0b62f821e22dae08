package net.srv6epe.dataplane.worker;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import net.srv6epe.dataplane.port.Port;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * What a worker does when a round found no work (config {@code router.worker-idle}).
 */
public enum WorkerIdle
{
    /**
     * Spin a little, yield, then park for 1 µs doubling up to {@value #MAX_PARK_US} µs: an idle router costs little
     * CPU, but a frame arriving while the worker is parked waits for it to wake (up to the park time plus the
     * kernel's timer slack), which is the tail of the latency at moderate rates.
     */
    BACKOFF,
    /**
     * Never park: the worker polls its rings continuously, its CPU always at 100 %, and a frame is picked up within
     * one round. For a worker pinned to a CPU of its own ({@code router.worker-cpus}) whose interrupts and receive
     * softirq run on other CPUs, as poll-mode forwarders run: where the kernel's receive work shares the worker's
     * CPU, a spinning worker delays it ({@code ksoftirqd} waits for the worker's time slice), and the latency tail
     * grows (docs/PERFORMANCE.md).
     */
    SPIN,
    /**
     * Never park, but give the CPU up ({@code sched_yield}) after each round that found nothing: for a worker that
     * shares its CPU with its ports' own receive work running in a kernel thread (an {@code af-xdp} port's threaded
     * NAPI pinned to the worker's CPU). The kernel thread then fills the ring the moment the worker has emptied it,
     * instead of waiting for a park to end; the CPU is always busy (docs/PERFORMANCE.md, "AF_XDP").
     */
    YIELD,
    /**
     * Sleep in {@code ppoll(2)} on the ports' descriptors until a frame waits, {@value #MAX_PARK_US} µs at most
     * ({@link PortWaitIdleStrategy}): a frame is picked up as soon as the kernel says it is there, and while the
     * worker waits its CPU is free, so a kernel thread that fills its rings on that CPU (an {@code af-xdp} port's
     * threaded NAPI) runs then and only then when it is given the lowest priority ({@code SCHED_IDLE}): it no longer
     * takes turns with the worker while the worker still has frames, nor fills a ring the worker cannot empty.
     */
    WAIT;

    /** The longest park of {@link #BACKOFF}, in microseconds. */
    public static final long MAX_PARK_US = 100;

    /** The name in configuration: {@code backoff}, {@code spin}, {@code yield} or {@code wait}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The idle mode named {@code name} in configuration.
     *
     * @throws IllegalArgumentException naming the value and the choices.
     */
    public static WorkerIdle fromConfigName(final String name)
    {
        for (final WorkerIdle w : values())
        {
            if (w.configName().equals(name))
            {
                return w;
            }
        }
        throw new IllegalArgumentException("worker-idle '" + name + "': backoff, spin, yield or wait");
    }

    /**
     * A new idle strategy of this mode for a worker of {@code ports} (one per worker thread: strategies keep state;
     * {@link #WAIT} polls the ports' descriptors).
     */
    public IdleStrategy newStrategy(final Port[] ports)
    {
        return switch (this)
        {
            case SPIN -> new BusySpinIdleStrategy();
            case YIELD -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy(100, 10, 1_000, TimeUnit.MICROSECONDS.toNanos(MAX_PARK_US));
            case WAIT -> new PortWaitIdleStrategy(ports, TimeUnit.MICROSECONDS.toNanos(MAX_PARK_US));
        };
    }
}
