package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.afxdp.Bpf;

/**
 * The XDP program of the {@code xdp} generator ({@link XdpGenerator}), written as instructions: run by
 * {@code BPF_PROG_TEST_RUN} in live-frames mode on a copy of one frame template, it makes each copy the next frame of
 * the stream and redirects it out of the generator's interface. Per frame:
 * <ol>
 *   <li>a frame that really arrived on the interface (ingress not the loopback device, which is a test run's) is
 *       dropped: the program is also attached to the interface, only so that the kernel's XDP dispatcher keeps it
 *       and a test run does not wait for an RCU grace period each time;</li>
 *   <li>pacing: a run before the map's next send time is dropped (nothing made, the page straight back to the
 *       pool: the kernel's loop of runs is the generator's spin); otherwise the next send time moves on by the
 *       interval ({@code 1e9 / rate}, 0 flat out), but never to more than the slack behind now (64 intervals,
 *       100 µs at least);</li>
 *   <li>the first {@link #copyLength} octets are written again from the template in the map (a page is recycled
 *       with whatever the DUT did to it, such as a decremented hop limit);</li>
 *   <li>the UDP source port becomes {@code basePort + sequence % flows} (the flow) and, when the flows have
 *       destinations of their own, the destination field {@code (sequence % flows) * step} ({@link FlowFields});
 *       the trailer
 *       ({@link FrameTrailer}) gets the map's magic, the sequence number and the {@code bpf_ktime_get_ns()} of the
 *       pacing (CLOCK_MONOTONIC, the clock of {@link System#nanoTime()}), and the map's sequence number goes up by
 *       one;</li>
 *   <li>{@code bpf_redirect(ifindex, 0)}.</li>
 * </ol>
 * The map's one value: sequence (u64, host order) at 0, magic (4 octets as on the wire) at 8, next send time and
 * interval and slack (u64 ns) at {@value #NEXT_NS_OFFSET}, {@value #INTERVAL_NS_OFFSET} and
 * {@value #SLACK_NS_OFFSET}, the template's first
 * {@link #copyLength} octets at {@value #TEMPLATE_OFFSET}.
 */
final class XdpGeneratorProgram
{
    /**
     * Where the map's value keeps the next send time, the interval between frames, and how far the next send time
     * may fall behind now (what a generator kept from its CPU for a while makes up in a burst, at most).
     */
    static final int NEXT_NS_OFFSET = 16;
    static final int INTERVAL_NS_OFFSET = 24;
    static final int SLACK_NS_OFFSET = 32;
    /** Where the template starts in the map's value. */
    static final int TEMPLATE_OFFSET = 40;
    /** The slack: as many frames as a {@code sendmmsg} batch of the af-packet generator, 100 µs at least. */
    static final int SLACK_FRAMES = 64;
    static final long MIN_SLACK_NS = 100_000;
    /** The most octets written again from the template per frame: every scenario's headers fit. */
    static final int MAX_COPY = 256;

    // opcodes (struct bpf_insn code): class | operation | source
    private static final int LDX_W = 0x61;
    private static final int LDX_H = 0x69;
    private static final int LDX_B = 0x71;
    private static final int LDX_DW = 0x79;
    private static final int STX_W = 0x63;
    private static final int STX_H = 0x6b;
    private static final int STX_B = 0x73;
    private static final int STX_DW = 0x7b;
    private static final int ST_W = 0x62;
    private static final int LD_IMM_DW = 0x18;
    private static final int ADD_K = 0x07;
    private static final int ADD_X = 0x0f;
    private static final int SUB_X = 0x1f;
    private static final int MOD_K = 0x97;
    private static final int MUL_K = 0x27;
    private static final int MOV_K = 0xb7;
    private static final int MOV_X = 0xbf;
    private static final int TO_BE = 0xdc;
    private static final int JGT_X = 0x2d;
    private static final int JGE_X = 0x3d;
    private static final int JEQ_K = 0x15;
    private static final int JNE_K = 0x55;
    private static final int CALL = 0x85;
    private static final int EXIT = 0x95;

    private static final int R0 = 0;
    private static final int R1 = 1;
    private static final int R2 = 2;
    private static final int R3 = 3;
    private static final int R4 = 4;
    private static final int R6 = 6;
    private static final int R7 = 7;
    private static final int R8 = 8;
    private static final int R9 = 9;
    private static final int R10 = 10;

    private final int frameLength;
    private final int copyLength;
    private final FlowFields fields;
    private final int flows;
    private final int basePort;

    /**
     * @param frameLength the frame's length (the template's).
     * @param fields where the flows differ.
     * @param flows the flows the frames cycle through.
     * @param basePort flow 0's port.
     */
    XdpGeneratorProgram(final int frameLength, final FlowFields fields, final int flows, final int basePort)
    {
        final int end = frameLength - FrameTrailer.LENGTH;
        if (frameLength < FrameTrailer.LENGTH || fields.portOffset() + 2 > end || flows < 1 ||
            basePort + flows > 65_536 || fields.destinationOffset() + 4 > end ||
            fields.destinationStep() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("frame " + frameLength + ", " + fields + ", " + flows +
                " flows from port " + basePort);
        }
        this.frameLength = frameLength;
        this.copyLength = Math.min(frameLength - FrameTrailer.LENGTH, MAX_COPY);
        this.fields = fields;
        this.flows = flows;
        this.basePort = basePort;
    }

    /** Octets written again from the template into each frame. */
    int copyLength()
    {
        return copyLength;
    }

    /** The map's value size. */
    int valueSize()
    {
        return TEMPLATE_OFFSET + (copyLength + 7 & ~7);
    }

    /**
     * Writes the map value: sequence 0, {@code magic}, the first send time {@code startNs}
     * ({@link System#nanoTime()}: the kernel's {@code ktime_get_ns}), one frame per {@code intervalNs} (0: flat
     * out), the template's first {@link #copyLength} octets.
     */
    void value(final UnsafeBuffer value, final UnsafeBuffer template, final int magic, final long intervalNs,
        final long startNs)
    {
        value.setMemory(0, valueSize(), (byte)0);
        value.putLong(0, 0L, LITTLE_ENDIAN);
        value.putInt(8, magic, BIG_ENDIAN);
        value.putLong(NEXT_NS_OFFSET, startNs, LITTLE_ENDIAN);
        value.putLong(INTERVAL_NS_OFFSET, intervalNs, LITTLE_ENDIAN);
        value.putLong(SLACK_NS_OFFSET, Math.max(MIN_SLACK_NS, SLACK_FRAMES * intervalNs), LITTLE_ENDIAN);
        value.putBytes(TEMPLATE_OFFSET, template, 0, copyLength);
    }

    /** The instructions for map {@code mapFd}, redirecting to {@code ifindex}. */
    byte[] instructions(final int mapFd, final int ifindex)
    {
        final Assembler a = new Assembler();
        a.emit(MOV_X, R6, R1, 0, 0);
        // a frame that arrived on the interface, not a test run's copy: drop it
        a.emit(LDX_W, R2, R6, Bpf.XDP_MD_INGRESS_IFINDEX, 0);
        final int notTestRun = a.jump(JNE_K, R2, 0, Bpf.LOOPBACK_IFINDEX);
        a.emit(LDX_W, R7, R6, 0, 0);                                 // data
        a.emit(LDX_W, R3, R6, 4, 0);                                 // data_end
        a.emit(MOV_X, R4, R7, 0, 0);
        a.emit(ADD_K, R4, 0, 0, frameLength);
        final int tooShort = a.jump(JGT_X, R4, R3, 0);               // data + length > data_end
        a.emit(ST_W, R10, 0, -4, 0);                                 // key 0 on the stack
        a.emit(LD_IMM_DW, R1, Bpf.PSEUDO_MAP_FD, 0, mapFd);
        a.emit(0, 0, 0, 0, 0);
        a.emit(MOV_X, R2, R10, 0, 0);
        a.emit(ADD_K, R2, 0, 0, -4);
        a.emit(CALL, 0, 0, 0, Bpf.FUNC_MAP_LOOKUP_ELEM);
        final int noValue = a.jump(JEQ_K, R0, 0, 0);
        a.emit(MOV_X, R8, R0, 0, 0);
        // pacing: drop the run when it is early, else move the next send time on (not too far behind now)
        a.emit(CALL, 0, 0, 0, Bpf.FUNC_KTIME_GET_NS);
        a.emit(MOV_X, R6, R0, 0, 0);                                 // now (the context is not needed again)
        a.emit(LDX_DW, R1, R8, NEXT_NS_OFFSET, 0);
        final int early = a.jump(JGT_X, R1, R6, 0);                  // next > now
        a.emit(LDX_DW, R2, R8, INTERVAL_NS_OFFSET, 0);
        a.emit(ADD_X, R1, R2, 0, 0);
        a.emit(LDX_DW, R4, R8, SLACK_NS_OFFSET, 0);
        a.emit(MOV_X, R3, R6, 0, 0);
        a.emit(SUB_X, R3, R4, 0, 0);
        final int keep = a.jump(JGE_X, R1, R3, 0);                   // next + interval >= now - slack
        a.emit(MOV_X, R1, R3, 0, 0);
        a.target(keep, a.count());
        a.emit(STX_DW, R8, R1, NEXT_NS_OFFSET, 0);
        int at = 0;
        for (final int[] width : new int[][] {{8, LDX_DW, STX_DW}, {4, LDX_W, STX_W}, {2, LDX_H, STX_H},
            {1, LDX_B, STX_B}})
        {
            while (at + width[0] <= copyLength)
            {
                a.emit(width[1], R1, R8, TEMPLATE_OFFSET + at, 0);
                a.emit(width[2], R7, R1, at, 0);
                at += width[0];
            }
        }
        a.emit(LDX_DW, R9, R8, 0, 0);                                // sequence
        a.emit(MOV_X, R1, R9, 0, 0);
        a.emit(ADD_K, R1, 0, 0, 1);
        a.emit(STX_DW, R8, R1, 0, 0);
        a.emit(MOV_X, R1, R9, 0, 0);                                 // the flow's port
        a.emit(MOD_K, R1, 0, 0, flows);
        a.emit(ADD_K, R1, 0, 0, basePort);
        a.emit(TO_BE, R1, 0, 0, 16);
        a.emit(STX_H, R7, R1, fields.portOffset(), 0);
        if (fields.destinationOffset() != FlowFields.NONE)
        {
            a.emit(MOV_X, R1, R9, 0, 0);                             // the flow's destination
            a.emit(MOD_K, R1, 0, 0, flows);
            a.emit(MUL_K, R1, 0, 0, (int)fields.destinationStep());
            a.emit(TO_BE, R1, 0, 0, 32);
            a.emit(STX_W, R7, R1, fields.destinationOffset(), 0);
        }
        final int trailer = frameLength - FrameTrailer.LENGTH;
        a.emit(LDX_W, R1, R8, 8, 0);                                 // magic, already in wire order
        a.emit(STX_W, R7, R1, trailer + FrameTrailer.MAGIC_OFFSET, 0);
        a.emit(MOV_X, R1, R9, 0, 0);
        a.emit(TO_BE, R1, 0, 0, 32);
        a.emit(STX_W, R7, R1, trailer + FrameTrailer.SEQUENCE_OFFSET, 0);
        a.emit(TO_BE, R6, 0, 0, 64);
        a.emit(STX_DW, R7, R6, trailer + FrameTrailer.SEND_NS_OFFSET, 0);
        a.emit(MOV_K, R1, 0, 0, ifindex);
        a.emit(MOV_K, R2, 0, 0, 0);
        a.emit(CALL, 0, 0, 0, Bpf.FUNC_REDIRECT);
        a.emit(EXIT, 0, 0, 0, 0);
        final int drop = a.count();
        a.emit(MOV_K, R0, 0, 0, Bpf.XDP_DROP);
        a.emit(EXIT, 0, 0, 0, 0);
        a.target(notTestRun, drop);
        a.target(tooShort, drop);
        a.target(noValue, drop);
        a.target(early, drop);
        return a.bytes();
    }

    /** Instructions in order; jumps patched once their target is known. */
    private static final class Assembler
    {
        private final UnsafeBuffer code = new UnsafeBuffer(new byte[8 * 512]);
        private int count;

        void emit(final int opcode, final int dst, final int src, final int off, final int imm)
        {
            Bpf.instruction(code, count++, opcode, dst, src, off, imm);
        }

        /** Emits a conditional jump whose target comes later ({@link #target}); returns its index. */
        int jump(final int opcode, final int dst, final int src, final int imm)
        {
            emit(opcode, dst, src, 0, imm);
            return count - 1;
        }

        void target(final int jump, final int target)
        {
            code.putShort(jump * 8 + 2, (short)(target - jump - 1), LITTLE_ENDIAN);
        }

        int count()
        {
            return count;
        }

        byte[] bytes()
        {
            final byte[] out = new byte[count * 8];
            code.getBytes(0, out);
            return out;
        }
    }
}
