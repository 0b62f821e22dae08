package net.srv6epe.dataplane.port.afxdp;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The {@code bpf(2)} calls that put an XDP program on an interface which hands the frames of each receive queue to
 * the AF_XDP socket registered for that queue in an {@code XSKMAP}, and passes them to the kernel otherwise. The
 * program is six instructions, written here (no compiler, no libbpf):
 * <pre>
 *   r2 = *(u32 *)(r1 + 16)        ; ctx->rx_queue_index
 *   r1 = map_fd                   ; lddw, BPF_PSEUDO_MAP_FD (two instruction slots)
 *   r3 = XDP_PASS                 ; bpf_redirect_map's flags: the action when the queue has no socket
 *   call bpf_redirect_map
 *   exit
 * </pre>
 * Cold path only (set-up and tear-down): allocates.
 */
final class Bpf
{
    private Bpf()
    {
    }

    /** The program's instructions for map {@code mapFd}, 8 bytes each ({@code struct bpf_insn}). */
    static byte[] redirectProgram(final int mapFd)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[6 * 8]);
        insn(b, 0, 0x61, 2, 1, XdpAbi.XDP_MD_RX_QUEUE_INDEX, 0);           // BPF_LDX | BPF_MEM | BPF_W
        insn(b, 1, 0x18, 1, XdpAbi.BPF_PSEUDO_MAP_FD, 0, mapFd);           // BPF_LD | BPF_IMM | BPF_DW
        insn(b, 2, 0x00, 0, 0, 0, 0);                                      // upper half of the 64-bit immediate
        insn(b, 3, 0xb7, 3, 0, 0, XdpAbi.XDP_ACTION_PASS);                 // BPF_ALU64 | BPF_MOV | BPF_K
        insn(b, 4, 0x85, 0, 0, 0, XdpAbi.BPF_FUNC_REDIRECT_MAP);           // BPF_JMP | BPF_CALL
        insn(b, 5, 0x95, 0, 0, 0, 0);                                      // BPF_JMP | BPF_EXIT
        return b.byteArray();
    }

    private static void insn(final UnsafeBuffer b, final int index, final int code, final int dst, final int src,
        final int off, final int imm)
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
        final byte[] program = redirectProgram(mapFd);
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
        attr.putBytes(48, "srv6epe_xsk".getBytes(StandardCharsets.US_ASCII));
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
    static int attach(final int progFd, final int ifindex, final String what)
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
