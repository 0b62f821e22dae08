package net.srv6epe.dataplane.port.afxdp;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The {@code bpf(2)} calls of this project (no compiler, no libbpf): programs written as instructions here, loaded,
 * attached to an interface as a BPF link, array maps, and test runs (the perf suite's XDP generator builds its own
 * program with {@link #instruction} and runs it with {@link #testRun}).
 *
 * <p>The port backend's program puts the frames of each receive queue to the AF_XDP socket registered for that
 * queue in an {@code XSKMAP}, and passes them to the kernel otherwise; six instructions:
 * <pre>
 *   r2 = *(u32 *)(r1 + 16)        ; ctx->rx_queue_index
 *   r1 = map_fd                   ; lddw, BPF_PSEUDO_MAP_FD (two instruction slots)
 *   r3 = XDP_PASS                 ; bpf_redirect_map's flags: the action when the queue has no socket
 *   call bpf_redirect_map
 *   exit
 * </pre>
 * Cold path only (set-up and tear-down): allocates.
 */
public final class Bpf
{
    /** {@code BPF_PSEUDO_MAP_FD}: the source register of a 64-bit immediate load that names a map by its fd. */
    public static final int PSEUDO_MAP_FD = XdpAbi.BPF_PSEUDO_MAP_FD;
    /** XDP verdicts. */
    public static final int XDP_DROP = 1;
    public static final int XDP_REDIRECT = 4;
    /** Helper function ids ({@code enum bpf_func_id}). */
    public static final int FUNC_MAP_LOOKUP_ELEM = 1;
    public static final int FUNC_KTIME_GET_NS = 5;
    public static final int FUNC_REDIRECT = 23;
    /** The loopback device's ifindex in every namespace: the ingress of a test run without a context. */
    public static final int LOOPBACK_IFINDEX = 1;
    /** {@code struct xdp_md}'s {@code ingress_ifindex}. */
    public static final int XDP_MD_INGRESS_IFINDEX = 12;

    private static final int BPF_MAP_LOOKUP_ELEM = 1;
    private static final int BPF_PROG_TEST_RUN = 10;
    private static final int BPF_MAP_TYPE_ARRAY = 2;
    private static final int BPF_F_TEST_XDP_LIVE_FRAMES = 1 << 1;

    private Bpf()
    {
    }

    /** The program's instructions for map {@code mapFd}, 8 bytes each ({@code struct bpf_insn}). */
    static byte[] redirectProgram(final int mapFd)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[6 * 8]);
        instruction(b, 0, 0x61, 2, 1, XdpAbi.XDP_MD_RX_QUEUE_INDEX, 0);           // BPF_LDX | BPF_MEM | BPF_W
        instruction(b, 1, 0x18, 1, XdpAbi.BPF_PSEUDO_MAP_FD, 0, mapFd);           // BPF_LD | BPF_IMM | BPF_DW
        instruction(b, 2, 0x00, 0, 0, 0, 0);                                      // upper half of the 64-bit immediate
        instruction(b, 3, 0xb7, 3, 0, 0, XdpAbi.XDP_ACTION_PASS);                 // BPF_ALU64 | BPF_MOV | BPF_K
        instruction(b, 4, 0x85, 0, 0, 0, XdpAbi.BPF_FUNC_REDIRECT_MAP);           // BPF_JMP | BPF_CALL
        instruction(b, 5, 0x95, 0, 0, 0, 0);                                      // BPF_JMP | BPF_EXIT
        return b.byteArray();
    }

    /**
     * Writes instruction {@code index} ({@code struct bpf_insn}, 8 octets, little-endian): opcode, destination and
     * source registers, 16-bit offset, 32-bit immediate.
     */
    public static void instruction(final UnsafeBuffer b, final int index, final int code, final int dst,
        final int src, final int off, final int imm)
    {
        final int at = index * 8;
        b.putByte(at, (byte)code);
        b.putByte(at + 1, (byte)(src << 4 | dst));
        b.putShort(at + 2, (short)off, LITTLE_ENDIAN);
        b.putInt(at + 4, imm, LITTLE_ENDIAN);
    }

    /** Creates an {@code XSKMAP} of {@code entries} queues; returns its fd. */
    static int createXskMap(final int entries, final String what)
    {
        final UnsafeBuffer attr = attr();
        attr.putInt(0, XdpAbi.BPF_MAP_TYPE_XSKMAP, LITTLE_ENDIAN);
        attr.putInt(4, 4, LITTLE_ENDIAN);
        attr.putInt(8, 4, LITTLE_ENDIAN);
        attr.putInt(12, entries, LITTLE_ENDIAN);
        return call(XdpAbi.BPF_MAP_CREATE, attr, what + "BPF_MAP_CREATE XSKMAP");
    }

    /**
     * Loads the redirect program for {@code mapFd}; {@code frags}: declare it multi-buffer aware (needed on a veth
     * whose peer's MTU is above a page). The verifier's log is in the error when it refuses.
     */
    static int loadRedirectProgram(final int mapFd, final boolean frags, final String what)
    {
        return loadXdpProgram(redirectProgram(mapFd), "srv6epe_xsk", frags, what);
    }

    /**
     * Loads an XDP program ({@code program}: its instructions, 8 octets each) under {@code name} (at most 15
     * characters); {@code frags}: multi-buffer aware. The verifier's log is in the error when it refuses.
     *
     * @return the program's fd.
     */
    public static int loadXdpProgram(final byte[] program, final String name, final boolean frags, final String what)
    {
        final UnsafeBuffer insns = direct(program.length);
        insns.putBytes(0, program);
        final UnsafeBuffer license = direct(8);
        license.putBytes(0, "GPL\0".getBytes(StandardCharsets.US_ASCII));
        final int logSize = 64 * 1024;
        final UnsafeBuffer log = direct(logSize);
        final UnsafeBuffer attr = attr();
        attr.putInt(0, XdpAbi.BPF_PROG_TYPE_XDP, LITTLE_ENDIAN);
        attr.putInt(4, program.length / 8, LITTLE_ENDIAN);
        attr.putLong(8, insns.addressOffset(), LITTLE_ENDIAN);
        attr.putLong(16, license.addressOffset(), LITTLE_ENDIAN);
        attr.putInt(24, 1, LITTLE_ENDIAN);
        attr.putInt(28, logSize, LITTLE_ENDIAN);
        attr.putLong(32, log.addressOffset(), LITTLE_ENDIAN);
        attr.putInt(44, frags ? XdpAbi.BPF_F_XDP_HAS_FRAGS : 0, LITTLE_ENDIAN);
        attr.putBytes(48, name.getBytes(StandardCharsets.US_ASCII), 0, Math.min(name.length(), 15));
        attr.putInt(68, XdpAbi.BPF_XDP, LITTLE_ENDIAN);
        final long fd = Libc.syscall(XdpAbi.SYS_BPF, XdpAbi.BPF_PROG_LOAD, attr.addressOffset(), XdpAbi.ATTR_LENGTH);
        if (fd < 0)
        {
            final int errno = Libc.errno();
            final String verifier = log.getStringWithoutLengthAscii(0, logSize).trim();
            throw new PortException(what + "BPF_PROG_LOAD refused: " + Libc.describe(errno) +
                (verifier.isEmpty() ? "" : "; verifier: " + verifier));
        }
        return (int)fd;
    }

    /** Attaches program {@code progFd} to interface {@code ifindex} as a BPF link; closing the link detaches it. */
    public static int attach(final int progFd, final int ifindex, final String what)
    {
        final UnsafeBuffer attr = attr();
        attr.putInt(0, progFd, LITTLE_ENDIAN);
        attr.putInt(4, ifindex, LITTLE_ENDIAN);
        attr.putInt(8, XdpAbi.BPF_XDP, LITTLE_ENDIAN);
        attr.putInt(12, XdpAbi.XDP_FLAGS_NONE, LITTLE_ENDIAN);
        return call(XdpAbi.BPF_LINK_CREATE, attr, what + "BPF_LINK_CREATE (XDP)");
    }

    /** Registers socket {@code xskFd} for queue {@code queue} in map {@code mapFd}. */
    static void register(final int mapFd, final int queue, final int xskFd, final String what)
    {
        final UnsafeBuffer kv = direct(8);
        kv.putInt(0, queue, LITTLE_ENDIAN);
        kv.putInt(4, xskFd, LITTLE_ENDIAN);
        final UnsafeBuffer attr = attr();
        attr.putInt(0, mapFd, LITTLE_ENDIAN);
        attr.putLong(8, kv.addressOffset(), LITTLE_ENDIAN);
        attr.putLong(16, kv.addressOffset() + 4, LITTLE_ENDIAN);
        call(XdpAbi.BPF_MAP_UPDATE_ELEM, attr, what + "BPF_MAP_UPDATE_ELEM (queue " + queue + ")");
    }

    /** Creates an array map of one {@code valueSize}-octet value (key 0); returns its fd. */
    public static int createArrayMap(final int valueSize, final String what)
    {
        final UnsafeBuffer attr = attr();
        attr.putInt(0, BPF_MAP_TYPE_ARRAY, LITTLE_ENDIAN);
        attr.putInt(4, 4, LITTLE_ENDIAN);
        attr.putInt(8, valueSize, LITTLE_ENDIAN);
        attr.putInt(12, 1, LITTLE_ENDIAN);
        return call(XdpAbi.BPF_MAP_CREATE, attr, what + "BPF_MAP_CREATE ARRAY");
    }

    /** Replaces the value of key 0 of array map {@code mapFd} with {@code value} (direct memory, the map's size). */
    public static void updateArray(final int mapFd, final UnsafeBuffer value, final String what)
    {
        arrayElement(XdpAbi.BPF_MAP_UPDATE_ELEM, mapFd, value, what + "BPF_MAP_UPDATE_ELEM");
    }

    /** Reads the value of key 0 of array map {@code mapFd} into {@code value} (direct memory, the map's size). */
    public static void lookupArray(final int mapFd, final UnsafeBuffer value, final String what)
    {
        arrayElement(BPF_MAP_LOOKUP_ELEM, mapFd, value, what + "BPF_MAP_LOOKUP_ELEM");
    }

    private static void arrayElement(final int command, final int mapFd, final UnsafeBuffer value, final String what)
    {
        final UnsafeBuffer key = direct(8);
        final UnsafeBuffer attr = attr();
        attr.putInt(0, mapFd, LITTLE_ENDIAN);
        attr.putLong(8, key.addressOffset(), LITTLE_ENDIAN);
        attr.putLong(16, value.addressOffset(), LITTLE_ENDIAN);
        call(command, attr, what);
    }

    /**
     * Runs XDP program {@code progFd} on the frame {@code frame[0, length)} ({@code BPF_PROG_TEST_RUN}, in the
     * caller's namespace, its ingress the loopback device). {@code live}: {@code repeat} times in "live frames" mode,
     * each run on a fresh copy of the frame in a page-pool page whose verdict is carried out (a redirect sends it:
     * a traffic generator), in batches of {@code batch}; else once, the frame as the program left it copied to
     * {@code out} (direct memory of at least {@code length} octets) and the verdict returned. The attr is the
     * caller's ({@link #testRunAttr}), so a generator's bursts allocate nothing.
     *
     * @return the verdict of the (last) run.
     */
    public static int testRun(final UnsafeBuffer attr, final int progFd, final UnsafeBuffer frame, final int length,
        final boolean live, final int repeat, final int batch, final UnsafeBuffer out)
    {
        attr.setMemory(0, XdpAbi.ATTR_LENGTH, (byte)0);
        attr.putInt(0, progFd, LITTLE_ENDIAN);
        attr.putInt(8, length, LITTLE_ENDIAN);
        attr.putLong(16, frame.addressOffset(), LITTLE_ENDIAN);
        if (live)
        {
            attr.putInt(32, repeat, LITTLE_ENDIAN);
            attr.putInt(64, BPF_F_TEST_XDP_LIVE_FRAMES, LITTLE_ENDIAN);
            attr.putInt(72, batch, LITTLE_ENDIAN);
        }
        else
        {
            attr.putInt(12, out.capacity(), LITTLE_ENDIAN);
            attr.putLong(24, out.addressOffset(), LITTLE_ENDIAN);
            attr.putInt(32, 1, LITTLE_ENDIAN);
        }
        if (Libc.syscall(XdpAbi.SYS_BPF, BPF_PROG_TEST_RUN, attr.addressOffset(), XdpAbi.ATTR_LENGTH) < 0)
        {
            throw new PortException("BPF_PROG_TEST_RUN" + (live ? " (live frames)" : "") + " refused: " +
                Libc.describe(Libc.errno()));
        }
        return attr.getInt(4, LITTLE_ENDIAN);
    }

    /** The mean time per program run of the last {@link #testRun} on {@code attr}, in ns, as the kernel measured. */
    public static long testRunDurationNs(final UnsafeBuffer attr)
    {
        return attr.getInt(36, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** A {@code union bpf_attr} for {@link #testRun}, in direct memory. */
    public static UnsafeBuffer testRunAttr()
    {
        return attr();
    }

    private static int call(final int command, final UnsafeBuffer attr, final String what)
    {
        final long result = Libc.syscall(XdpAbi.SYS_BPF, command, attr.addressOffset(), XdpAbi.ATTR_LENGTH);
        if (result < 0)
        {
            throw new PortException(what + " refused: " + Libc.describe(Libc.errno()));
        }
        return (int)result;
    }

    private static UnsafeBuffer attr()
    {
        return direct(XdpAbi.ATTR_LENGTH);
    }

    private static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }
}
