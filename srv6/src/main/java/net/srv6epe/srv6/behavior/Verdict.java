package net.srv6epe.srv6.behavior;

/**
 * What the caller does next with a packet a behavior processed. Plain {@code int}s so the per-packet path
 * switches on them without touching an enum's array.
 *
 * <ul>
 *   <li>{@link #LOOKUP}: the packet at the context's L3 offset is IPv6 with a new destination; look it up in the
 *       underlay (default) FIB and forward it.</li>
 *   <li>{@link #FORWARD_NEXTHOP}: send the packet at the context's L3 offset (family in
 *       {@link PacketContext#family()}) to the SID's configured next hop (End.X, End.DX6, End.DX4, End.X with
 *       USD). No lookup.</li>
 *   <li>{@link #DECAP_LOOKUP_IPV6} / {@link #DECAP_LOOKUP_IPV4}: the outer headers are gone; the inner packet is
 *       at the context's L3 offset; look it up in the SID's VRF (End.DT6/DT4/DT46) or, for End with USD, in the
 *       default table.</li>
 *   <li>{@link #LOCAL}: deliver to our own stack (e.g. an ICMPv6 Echo Request to a SID, RFC 8986 4.1.1); see
 *       {@link EchoResponder}.</li>
 *   <li>{@link #DROP}: {@link PacketContext#dropReason()} says why; when {@link PacketContext#hasIcmpError()} the
 *       RFC wants an ICMP error about the (unmodified) packet at the context's L3 offset, see
 *       {@link IcmpErrorWriter}.</li>
 * </ul>
 */
public final class Verdict
{
    public static final int LOOKUP = 0;
    public static final int FORWARD_NEXTHOP = 1;
    public static final int DECAP_LOOKUP_IPV6 = 2;
    public static final int DECAP_LOOKUP_IPV4 = 3;
    public static final int LOCAL = 4;
    public static final int DROP = 5;

    private static final String[] NAMES =
        { "LOOKUP", "FORWARD_NEXTHOP", "DECAP_LOOKUP_IPV6", "DECAP_LOOKUP_IPV4", "LOCAL", "DROP" };

    private Verdict()
    {
    }

    /** For tests and diagnostics, never on the per-packet path. */
    public static String name(final int verdict)
    {
        return verdict >= 0 && verdict < NAMES.length ? NAMES[verdict] : "UNKNOWN(" + verdict + ")";
    }
}
