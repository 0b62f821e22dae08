package net.srv6epe.bgp.wire.nlri;

/**
 * An AFI/SAFI pair (RFC 4760 3, IANA "Address Family Numbers" and "SAFI Values").
 *
 * @param afi  address family identifier, 16 bits
 * @param safi subsequent address family identifier, 8 bits
 */
public record AddressFamily(int afi, int safi)
{
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    /** RFC 4364 / RFC 4659: MPLS-labeled VPN address. */
    public static final int SAFI_MPLS_VPN = 128;

    public static final AddressFamily IPV4_UNICAST = new AddressFamily(AFI_IPV4, SAFI_UNICAST);
    public static final AddressFamily IPV6_UNICAST = new AddressFamily(AFI_IPV6, SAFI_UNICAST);
    public static final AddressFamily VPN_IPV4 = new AddressFamily(AFI_IPV4, SAFI_MPLS_VPN);
    public static final AddressFamily VPN_IPV6 = new AddressFamily(AFI_IPV6, SAFI_MPLS_VPN);

    /** True for the families whose NLRI this layer decodes into prefixes (others stay opaque). */
    public boolean isDecoded()
    {
        return equals(IPV6_UNICAST) || equals(VPN_IPV6) || equals(IPV4_UNICAST);
    }

    @Override
    public String toString()
    {
        if (equals(IPV4_UNICAST))
        {
            return "ipv4-unicast";
        }
        if (equals(IPV6_UNICAST))
        {
            return "ipv6-unicast";
        }
        if (equals(VPN_IPV4))
        {
            return "l3vpn-ipv4-unicast";
        }
        if (equals(VPN_IPV6))
        {
            return "l3vpn-ipv6-unicast";
        }
        return "afi " + afi + " safi " + safi;
    }
}
