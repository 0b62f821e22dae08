package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

/**
 * Route Refresh capability (code 2, RFC 2918 2), no value.
 *
 * @param code {@link #CODE}, or {@link #CISCO_CODE} for the pre-standard form many speakers still send
 */
public record RouteRefreshCapability(int code) implements Capability
{
    public static final int CODE = 2;
    /** The pre-standard route refresh capability code (IANA: "Route Refresh Capability (Cisco)"). */
    public static final int CISCO_CODE = 128;

    /** The RFC 2918 form. */
    public RouteRefreshCapability()
    {
        this(CODE);
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)code);
        buffer.putByte(offset + 1, (byte)0);
        return 2;
    }

    @Override
    public String toString()
    {
        return code == CODE ? "route-refresh" : "route-refresh (cisco)";
    }
}
