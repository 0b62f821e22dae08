package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.afxdp.Bpf;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The {@code xdp} generator: the kernel makes the frames. {@code BPF_PROG_TEST_RUN} in live-frames mode runs
 * {@link XdpGeneratorProgram} on copies of the first flow's template in page-pool pages and redirects each out of
 * the interface, so the DUT's {@code in0} receives them as a NIC's driver would hand them over (XDP frames in pages
 * with headroom), not as socket buffers a veth must copy before any XDP program can see them; and the generator
 * makes several times the frames a packet socket can. The program paces itself (a run before its time is dropped
 * unsent), so one {@link #run} is one long test run (~{@value #RUN_NS} ns) whatever the rate: every test run sets up
 * and tears down a page pool, whose release waits for the frames still in flight, and thousands of short runs a
 * second slow the kernel down and exhaust its memory-model ids ({@code ENOSPC}).
 *
 * <p>Needs the veth's peer to have NAPI (an XDP program attached, or GRO on): frames it cannot queue are dropped
 * there and counted as the interface's transmit drops. Nothing pushes back: a frame the DUT's receive ring had no
 * room for is lost, as on a NIC, and part of the loss. Linux 5.18 or later; frames up to {@value #MAX_FRAME}
 * octets (one page with the kernel's headroom and tailroom).
 */
final class XdpGenerator implements FrameEmitter
{
    /** The largest frame a live-frames test run takes. */
    static final int MAX_FRAME = 4096 - 256 - 320;
    /** Frames per batch inside a test run (the kernel's default, a NAPI poll's worth). */
    private static final int BATCH = 64;
    /** The time one test run should take. */
    private static final long RUN_NS = 10_000_000L;
    /** Bounds of the runs (program invocations, sent or dropped as early) per test run. */
    private static final int MIN_REPEAT = 1_024;
    private static final int MAX_REPEAT = 1 << 22;

    private final XdpGeneratorProgram program;
    private final UnsafeBuffer template;
    private final int length;
    private final int mapFd;
    private final int progFd;
    private final int linkFd;
    private final long intervalNs;
    private final UnsafeBuffer value;
    private final UnsafeBuffer read;
    private final UnsafeBuffer attr = Bpf.testRunAttr();
    private int repeat = MIN_REPEAT;
    private long sent;

    private XdpGenerator(final XdpGeneratorProgram program, final UnsafeBuffer template, final int length,
        final int mapFd, final int progFd, final int linkFd, final long ratePps)
    {
        this.intervalNs = ratePps == 0 ? 0 : 1_000_000_000L / ratePps;
        this.program = program;
        this.template = template;
        this.length = length;
        this.mapFd = mapFd;
        this.progFd = progFd;
        this.linkFd = linkFd;
        this.value = new UnsafeBuffer(ByteBuffer.allocateDirect(program.valueSize()));
        this.read = new UnsafeBuffer(ByteBuffer.allocateDirect(program.valueSize()));
    }

    /**
     * Loads the program for {@code flows} flows of {@code templates} (one per flow, at least two: they tell where
     * the flows differ, {@link FlowFields}) at {@code ratePps} (0: flat out) and attaches it to
     * {@code interfaceName}.
     *
     * @throws IllegalArgumentException when the flows differ in more than their UDP source port and one destination
     *     field, or the frame is larger than {@value #MAX_FRAME} octets.
     * @throws PortException naming the {@code bpf(2)} step that failed.
     */
    static XdpGenerator open(final String interfaceName, final UnsafeBuffer[] templates, final int length,
        final int flows, final long ratePps)
    {
        final XdpGeneratorProgram program =
            new XdpGeneratorProgram(length, fields(templates, length), flows, FrameBuilder.BASE_PORT);
        final String where = "xdp generator on '" + interfaceName + "': ";
        final int ifindex = Libc.if_nametoindex(interfaceName);
        if (ifindex <= 0)
        {
            throw new PortException(where + "no such interface");
        }
        final UnsafeBuffer template = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        template.putBytes(0, templates[0], 0, length);
        final int mapFd = Bpf.createArrayMap(program.valueSize(), where);
        int progFd = -1;
        try
        {
            // declared multi-buffer aware (it reads only the linear part): a veth whose peer's MTU is above a page
            // refuses a program that is not (ERANGE)
            progFd = Bpf.loadXdpProgram(program.instructions(mapFd, ifindex), "srv6epe_gen", true, where);
            // attached too, only so the XDP dispatcher keeps it: a test run of a program it does not hold waits for
            // an RCU grace period (~50 ms here) to put it in and take it out again
            final int linkFd = Bpf.attach(progFd, ifindex, where);
            return new XdpGenerator(program, template, length, mapFd, progFd, linkFd, ratePps);
        }
        catch (final RuntimeException ex)
        {
            if (progFd >= 0)
            {
                Libc.close(progFd);
            }
            Libc.close(mapFd);
            throw ex;
        }
    }

    /**
     * Whether this generator can make these frames: where the flows differ ({@link FlowFields}).
     *
     * @throws IllegalArgumentException when the frame is larger than {@value #MAX_FRAME} octets or the flows differ
     *     in more than their UDP source port and one destination field.
     */
    static FlowFields fields(final UnsafeBuffer[] templates, final int length)
    {
        if (length > MAX_FRAME)
        {
            throw new IllegalArgumentException("the xdp generator makes frames of up to " + MAX_FRAME +
                " octets, not " + length + " (use --gen-backend af-packet)");
        }
        return FlowFields.of(templates, length);
    }

    @Override
    public void window(final int magic)
    {
        program.value(value, template, magic, intervalNs, System.nanoTime());
        Bpf.updateArray(mapFd, value, "xdp generator: ");
        sent = 0;
    }

    /** One test run; the next one's length follows the time per program invocation the kernel measured. */
    @Override
    public int run(final long nowNs)
    {
        Bpf.testRun(attr, progFd, template, length, true, repeat, BATCH, null);
        final long perRunNs = Math.max(1, Bpf.testRunDurationNs(attr));
        repeat = (int)Math.max(MIN_REPEAT, Math.min(MAX_REPEAT, RUN_NS / perRunNs));
        final long made = madeInWindow();
        final int n = (int)(made - sent);
        sent = made;
        return n;
    }

    /** Frames made and redirected; those the DUT's ring had no room for are the veth's drops, and lost. */
    @Override
    public long sent()
    {
        return sent;
    }

    /** Nothing is refused back to the generator. */
    @Override
    public long backpressureDrops()
    {
        return 0;
    }

    @Override
    public long errors()
    {
        return 0;
    }

    /** The map's sequence number: frames made in this window (read back from the kernel). */
    private long madeInWindow()
    {
        Bpf.lookupArray(mapFd, read, "xdp generator: ");
        return read.getLong(0, LITTLE_ENDIAN);
    }

    /** Detaches and unloads. */
    @Override
    public void close()
    {
        Libc.close(linkFd);
        Libc.close(progFd);
        Libc.close(mapFd);
    }
}
