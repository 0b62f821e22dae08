package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

/** Decodes and encodes a run of NLRI entries of one address family. */
public final class NlriCodec
{
    private NlriCodec()
    {
    }

    /**
     * Decodes every entry in {@code [offset, offset + length)}.
     *
     * @param family one of the families with {@link AddressFamily#isDecoded()}
     * @throws MalformedException (Invalid Network Field) on the first entry that does not parse
     */
    public static List<Nlri> decode(final AddressFamily family, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int limit = offset + length;
        final List<Nlri> out = new ArrayList<>();
        int cursor = offset;
        while (cursor < limit)
        {
            final Nlri entry;
            if (family.equals(AddressFamily.IPV6_UNICAST))
            {
                entry = Ipv6Prefix.decode(buffer, cursor, limit);
            }
            else if (family.equals(AddressFamily.VPN_IPV6))
            {
                entry = VpnIpv6Prefix.decode(buffer, cursor, limit);
            }
            else if (family.equals(AddressFamily.IPV4_UNICAST))
            {
                entry = Ipv4Prefix.decode(buffer, cursor, limit);
            }
            else
            {
                throw new IllegalArgumentException("no NLRI decoder for " + family);
            }
            out.add(entry);
            cursor += entry.wireLength();
        }
        return out;
    }

    /** Decodes RFC 4271 4.3 IPv4 prefixes (Withdrawn Routes, NLRI). */
    public static List<Ipv4Prefix> decodeIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        final List<Ipv4Prefix> out = new ArrayList<>();
        int cursor = offset;
        while (cursor < limit)
        {
            final Ipv4Prefix entry = Ipv4Prefix.decode(buffer, cursor, limit);
            out.add(entry);
            cursor += entry.wireLength();
        }
        return out;
    }

    /** Writes every entry; returns the octets written. */
    public static int encode(final List<? extends Nlri> entries, final MutableDirectBuffer buffer, final int offset)
    {
        int cursor = offset;
        for (final Nlri entry : entries)
        {
            cursor += entry.encode(buffer, cursor);
        }
        return cursor - offset;
    }
}
