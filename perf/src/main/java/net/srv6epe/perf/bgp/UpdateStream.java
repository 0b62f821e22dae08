package net.srv6epe.perf.bgp;

import net.srv6epe.bgp.role.UpdateBatcher;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * BGP UPDATE messages encoded ahead of time into one byte array, ready to be written to a socket as fast as TCP
 * takes them: announcements pack as many VPN-IPv6 NLRI as fit the session's maximum message length (4096
 * octets, or 65535 with RFC 8654 extended messages) behind one MP_REACH_NLRI and the peer VRF's shared attribute
 * set; withdrawals pack them into MP_UNREACH_NLRI. Route {@code i} of the prefix mix belongs to peer VRF
 * {@code i % vrfs.size()}; the UPDATEs of the VRFs are interleaved round-robin.
 */
public final class UpdateStream
{
    private final byte[] bytes;
    private final int messages;
    private final int routes;

    private UpdateStream(final byte[] bytes, final int messages, final int routes)
    {
        this.bytes = bytes;
        this.messages = messages;
        this.routes = routes;
    }

    /**
     * Announcements of the selected routes.
     *
     * @param nextHopHi the next hop (the ASBR's data-plane address), high 64 bits
     * @param nextHopLo low 64 bits
     * @param select    which route indexes to announce
     */
    public static UpdateStream announce(final PrefixMix prefixes, final List<BlastVrf> vrfs, final IntPredicate select,
        final long nextHopHi, final long nextHopLo, final WireOptions options)
    {
        // RFC 4659 3.2.1.1: a VPN-IPv6 next hop is an 8-octet zero RD and the IPv6 address
        final byte[] nextHop = new byte[24];
        System.arraycopy(Ipv6Address.toBytes(nextHopHi, nextHopLo), 0, nextHop, 8, 16);
        return encode(prefixes, vrfs, select, options, (v, nlri) -> UpdateBatcher.announce(AddressFamily.VPN_IPV6,
            nextHop, v.attributes(), nlri, options), false);
    }

    /** Withdrawals of the selected routes (label field 0x800000, RFC 8277 2.4). */
    public static UpdateStream withdraw(final PrefixMix prefixes, final List<BlastVrf> vrfs, final IntPredicate select,
        final WireOptions options)
    {
        return encode(prefixes, vrfs, select, options,
            (v, nlri) -> UpdateBatcher.withdraw(AddressFamily.VPN_IPV6, nlri, options), true);
    }

    /** The VPN-IPv6 End-of-RIB marker (RFC 4724 2). */
    public static UpdateStream endOfRib()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = BgpMessageCodec.encode(UpdateBatcher.endOfRib(AddressFamily.VPN_IPV6), buffer, 0,
            WireOptions.DEFAULT);
        return new UpdateStream(Arrays.copyOf(buffer.byteArray(), length), 1, 0);
    }

    private static UpdateStream encode(final PrefixMix prefixes, final List<BlastVrf> vrfs, final IntPredicate select,
        final WireOptions options, final Packer packer, final boolean withdraw)
    {
        final int k = vrfs.size();
        final List<List<byte[]>> perVrf = new ArrayList<>(k);
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(WireOptions.EXTENDED_MAX_MESSAGE_LENGTH);
        int routes = 0;
        long total = 0;
        for (final BlastVrf v : vrfs)
        {
            final List<Nlri> nlri = new ArrayList<>();
            final int label = withdraw ? MplsLabel.WITHDRAW_COMPATIBILITY : v.labelField();
            for (int i = v.index(); i < prefixes.size(); i += k)
            {
                if (select.test(i))
                {
                    nlri.add(new VpnIpv6Prefix(label, v.rd(),
                        new Ipv6Prefix(prefixes.hi(i), prefixes.lo(i), prefixes.length(i))));
                }
            }
            routes += nlri.size();
            final List<byte[]> encoded = new ArrayList<>();
            for (final UpdateMessage m : packer.pack(v, nlri))
            {
                final int length = BgpMessageCodec.encode(m, scratch, 0, options);
                encoded.add(Arrays.copyOf(scratch.byteArray(), length));
                total += length;
            }
            perVrf.add(encoded);
        }
        if (total > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("UPDATEs of " + total + " octets do not fit one array");
        }
        final byte[] bytes = new byte[(int)total];
        int offset = 0;
        int messages = 0;
        for (int round = 0; offset < total; round++)
        {
            for (final List<byte[]> encoded : perVrf)
            {
                if (round < encoded.size())
                {
                    final byte[] m = encoded.get(round);
                    System.arraycopy(m, 0, bytes, offset, m.length);
                    offset += m.length;
                    messages++;
                }
            }
        }
        return new UpdateStream(bytes, messages, routes);
    }

    /** The encoded messages, back to back. */
    public byte[] bytes()
    {
        return bytes;
    }

    /** UPDATE messages. */
    public int messages()
    {
        return messages;
    }

    /** Routes announced or withdrawn. */
    public int routes()
    {
        return routes;
    }

    @FunctionalInterface
    private interface Packer
    {
        List<UpdateMessage> pack(BlastVrf vrf, List<Nlri> nlri);
    }
}
