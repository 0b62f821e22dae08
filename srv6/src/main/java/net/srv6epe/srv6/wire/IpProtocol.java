package net.srv6epe.srv6.wire;

/**
 * IANA protocol numbers ("Next Header" in IPv6, "Protocol" in IPv4) that the data plane names.
 */
public final class IpProtocol
{
    public static final int HOP_BY_HOP = 0;
    public static final int ICMPV4 = 1;
    public static final int IPV4 = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6 = 41;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;

    private IpProtocol()
    {
    }
}
