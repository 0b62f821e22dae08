package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import org.agrona.MutableDirectBuffer;

/**
 * The packet a worker is processing and what happened to it: a reusable mutable holder, one per worker, reset
 * per packet with {@link #reset}.
 *
 * <ul>
 *   <li>{@link #buffer()}: the frame buffer; the packet is processed in place.</li>
 *   <li>{@link #l3Offset()}, {@link #l3Length()}: where the current L3 packet starts and how long it is. Behaviors
 *       move the offset forward when they strip headers (decapsulation, PSP/USP) and backward into the headroom
 *       when they push headers (H.Encaps); the length follows. After a successful IPv6 behavior the length is
 *       exactly 40 + payload length (Ethernet padding trimmed).</li>
 *   <li>{@link #headroomStart()}: the lowest offset the packet may grow back to (the start of the frame's
 *       headroom; the caller puts its L2 header in front of {@code l3Offset} afterwards, so it reserves room for it
 *       by passing a headroom start that leaves space).</li>
 *   <li>{@link #family()}: 6 or 4, the family of the packet at {@code l3Offset}.</li>
 *   <li>{@link #dropReason()}: why a {@link Verdict#DROP} verdict was given.</li>
 *   <li>{@link #icmpType()}, {@link #icmpCode()}, {@link #icmpParameter()}, {@link #icmpFamily()}: the ICMP
 *       error the RFC asks for, if {@link #hasIcmpError()}: type and code, the pointer (Parameter Problem, relative
 *       to the start of the invoking packet) or MTU (Packet Too Big, Fragmentation Needed), and whether it is
 *       ICMPv6 (6) or ICMPv4 (4). The invoking packet is the one at {@code l3Offset}, left unmodified.</li>
 * </ul>
 */
public final class PacketContext
{
    public static final int NO_ICMP = -1;

    private MutableDirectBuffer buffer;
    private int l3Offset;
    private int l3Length;
    private int headroomStart;
    private int family;
    private DropReason dropReason;
    private int icmpType = NO_ICMP;
    private int icmpCode;
    private long icmpParameter;
    private int icmpFamily;

    /**
     * Points the context at a new packet and clears the results.
     *
     * @param family 6 or 4, from the EtherType
     */
    public PacketContext reset(
        final MutableDirectBuffer buffer, final int l3Offset, final int l3Length, final int headroomStart,
        final int family)
    {
        this.buffer = buffer;
        this.l3Offset = l3Offset;
        this.l3Length = l3Length;
        this.headroomStart = headroomStart;
        this.family = family;
        this.dropReason = null;
        this.icmpType = NO_ICMP;
        this.icmpCode = 0;
        this.icmpParameter = 0;
        this.icmpFamily = 0;
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int l3Offset()
    {
        return l3Offset;
    }

    public PacketContext l3Offset(final int l3Offset)
    {
        this.l3Offset = l3Offset;
        return this;
    }

    public int l3Length()
    {
        return l3Length;
    }

    public PacketContext l3Length(final int l3Length)
    {
        this.l3Length = l3Length;
        return this;
    }

    /** Absolute end of the L3 packet. */
    public int l3End()
    {
        return l3Offset + l3Length;
    }

    public int headroomStart()
    {
        return headroomStart;
    }

    public int family()
    {
        return family;
    }

    public PacketContext family(final int family)
    {
        this.family = family;
        return this;
    }

    public DropReason dropReason()
    {
        return dropReason;
    }

    public boolean hasIcmpError()
    {
        return icmpType != NO_ICMP;
    }

    public int icmpType()
    {
        return icmpType;
    }

    public int icmpCode()
    {
        return icmpCode;
    }

    public long icmpParameter()
    {
        return icmpParameter;
    }

    public int icmpFamily()
    {
        return icmpFamily;
    }

    /** Records a silent drop; returns {@link Verdict#DROP}. */
    public int drop(final DropReason reason)
    {
        this.dropReason = reason;
        return Verdict.DROP;
    }

    /** Records a drop answered by an ICMPv6 error; returns {@link Verdict#DROP}. */
    public int dropWithIcmpv6(final DropReason reason, final int type, final int code, final long parameter)
    {
        return dropWithIcmp(reason, 6, type, code, parameter);
    }

    /** Records a drop answered by an ICMPv4 error; returns {@link Verdict#DROP}. */
    public int dropWithIcmpv4(final DropReason reason, final int type, final int code, final long parameter)
    {
        return dropWithIcmp(reason, 4, type, code, parameter);
    }

    private int dropWithIcmp(
        final DropReason reason, final int family, final int type, final int code, final long parameter)
    {
        this.dropReason = reason;
        this.icmpFamily = family;
        this.icmpType = type;
        this.icmpCode = code;
        this.icmpParameter = parameter;
        return Verdict.DROP;
    }
}
