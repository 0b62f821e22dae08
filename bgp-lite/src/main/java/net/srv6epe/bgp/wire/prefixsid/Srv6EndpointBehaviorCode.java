package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.srv6.Behavior;

/**
 * IANA "SRv6 Endpoint Behaviors" codepoints as carried in the SRv6 SID Information Sub-TLV (RFC 9252 3.1,
 * RFC 8986 10.2). The ones this router implements are also in {@link Behavior#ianaCodepoint()}.
 */
public final class Srv6EndpointBehaviorCode
{
    public static final int END = 1;
    public static final int END_X = 5;
    public static final int END_T = 9;
    public static final int END_DX6 = 16;
    public static final int END_DX4 = 17;
    public static final int END_DT6 = 18;
    public static final int END_DT4 = 19;
    public static final int END_DT46 = 20;
    public static final int END_DX2 = 21;
    public static final int END_DX2V = 22;
    public static final int END_DT2U = 23;
    public static final int END_DT2M = 24;
    /** RFC 8986 10.2 / RFC 9252 3.1: the behavior is not disclosed (FRR 8.4 sends this). */
    public static final int OPAQUE = 0xFFFF;

    private Srv6EndpointBehaviorCode()
    {
    }

    /** The router's behavior for a codepoint, or null (opaque, flavored, or not implemented here). */
    public static Behavior behavior(final int codepoint)
    {
        for (final Behavior b : Behavior.values())
        {
            if (b.isEndpoint() && b.ianaCodepoint() == codepoint)
            {
                return b;
            }
        }
        return null;
    }

    /** {@code End.DT6}, {@code opaque}, {@code End.DX2}, or {@code behavior N}. */
    public static String name(final int codepoint)
    {
        final Behavior b = behavior(codepoint);
        if (b != null)
        {
            return b.displayName();
        }
        switch (codepoint)
        {
            case END_T: return "End.T";
            case END_DX2: return "End.DX2";
            case END_DX2V: return "End.DX2V";
            case END_DT2U: return "End.DT2U";
            case END_DT2M: return "End.DT2M";
            case OPAQUE: return "opaque";
            default: return "behavior " + codepoint;
        }
    }
}
