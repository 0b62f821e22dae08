package net.srv6epe.srv6.algebra;

import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.IpProtocol;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Turns packet bytes back into the header algebra of {@link Packets}, printing only non-default options so that
 * {@code describe(build(s, n)) == s} for every well-formed {@code s}. Problems are printed, not thrown: a wrong
 * checksum adds {@code badsum}, a length field that disagrees with the bytes adds {@code badlen}, bytes that do
 * not parse end the string with {@code !truncated}. The payload after the last header is not printed; see
 * {@link #payloadLength}.
 */
public final class PacketDescriber
{
    private PacketDescriber()
    {
    }

    public static String describe(final byte[] packet)
    {
        return describe(packet, 0, packet.length, AddressBook.defaults());
    }

    public static String describe(final byte[] packet, final int offset, final int length, final AddressBook book)
    {
        final StringBuilder sb = new StringBuilder();
        walk(new UnsafeBuffer(packet), offset, length, book, sb);
        return sb.toString();
    }

    /** Octets after the last header the describer understood. */
    public static int payloadLength(final byte[] packet)
    {
        return walk(new UnsafeBuffer(packet), 0, packet.length, AddressBook.defaults(), new StringBuilder());
    }

    private static int walk(
        final UnsafeBuffer b, final int offset, final int length, final AddressBook book, final StringBuilder sb)
    {
        final int end = offset + length;
        int at = offset;
        int proto = -1;
        if (length > 0)
        {
            final int version = (b.getByte(offset) & 0xF0) >>> 4;
            proto = version == 6 ? IpProtocol.IPV6 : version == 4 ? IpProtocol.IPV4 : -2;
        }
        long pseudoSrcHi = 0;
        long pseudoSrcLo = 0;
        long pseudoDstHi = 0;
        long pseudoDstLo = 0;
        int v4Src = 0;
        int v4Dst = 0;
        boolean lastIpIsV6 = true;
        boolean first = true;

        while (at < end)
        {
            if (!first && isL4(proto))
            {
                sb.append('/');
            }
            first = false;
            switch (proto)
            {
                case IpProtocol.IPV6:
                {
                    if (at + 40 > end)
                    {
                        return truncated(sb);
                    }
                    final int word0 = b.getInt(at, ByteOrder.BIG_ENDIAN);
                    pseudoSrcHi = b.getLong(at + 8, ByteOrder.BIG_ENDIAN);
                    pseudoSrcLo = b.getLong(at + 16, ByteOrder.BIG_ENDIAN);
                    pseudoDstHi = b.getLong(at + 24, ByteOrder.BIG_ENDIAN);
                    pseudoDstLo = b.getLong(at + 32, ByteOrder.BIG_ENDIAN);
                    lastIpIsV6 = true;
                    sb.append("IPv6(").append(book.nameOf(pseudoSrcHi, pseudoSrcLo)).append(',')
                        .append(book.nameOf(pseudoDstHi, pseudoDstLo));
                    final Options o = new Options(sb);
                    o.add("hl", b.getByte(at + 7) & 0xFF, 64);
                    o.add("tc", (word0 >>> 20) & 0xFF, 0);
                    o.add("fl", word0 & 0xFFFFF, 0);
                    if ((b.getShort(at + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF) != end - at - 40)
                    {
                        o.flag("badlen");
                    }
                    sb.append(')');
                    proto = b.getByte(at + 6) & 0xFF;
                    at += 40;
                    break;
                }
                case IpProtocol.IPV4:
                {
                    if (at + 20 > end)
                    {
                        return truncated(sb);
                    }
                    v4Src = b.getInt(at + 12, ByteOrder.BIG_ENDIAN);
                    v4Dst = b.getInt(at + 16, ByteOrder.BIG_ENDIAN);
                    lastIpIsV6 = false;
                    sb.append("IPv4(").append(book.nameOf(v4Src)).append(',').append(book.nameOf(v4Dst));
                    final Options o = new Options(sb);
                    o.add("ttl", b.getByte(at + 8) & 0xFF, 64);
                    o.add("tos", b.getByte(at + 1) & 0xFF, 0);
                    if ((b.getShort(at + 6, ByteOrder.BIG_ENDIAN) & 0x4000) != 0)
                    {
                        o.flag("df");
                    }
                    o.add("id", b.getShort(at + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF, 0);
                    if (Checksum.fold(Checksum.sum(b, at, 20, 0)) != 0xFFFF)
                    {
                        o.flag("badsum");
                    }
                    if ((b.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF) != end - at)
                    {
                        o.flag("badlen");
                    }
                    sb.append(')');
                    proto = b.getByte(at + 9) & 0xFF;
                    at += 20;
                    break;
                }
                case IpProtocol.ROUTING:
                {
                    if (at + 8 > end)
                    {
                        return truncated(sb);
                    }
                    final int hlen = b.getByte(at + 1) & 0xFF;
                    final int type = b.getByte(at + 2) & 0xFF;
                    final int sl = b.getByte(at + 3) & 0xFF;
                    final int size = (hlen + 1) * 8;
                    if (type != 4)
                    {
                        sb.append("RH(").append(type).append(";SL=").append(sl).append(')');
                    }
                    else
                    {
                        final int le = b.getByte(at + 4) & 0xFF;
                        final int count = Math.min(le + 1, Math.max(0, (end - at - 8) / 16));
                        sb.append("SRH(");
                        for (int i = 0; i < count; i++)
                        {
                            final int s = at + 8 + 16 * i;
                            sb.append(i == 0 ? "" : ",").append(book.nameOf(
                                b.getLong(s, ByteOrder.BIG_ENDIAN), b.getLong(s + 8, ByteOrder.BIG_ENDIAN)));
                        }
                        if (count > 0)
                        {
                            pseudoDstHi = b.getLong(at + 8, ByteOrder.BIG_ENDIAN);
                            pseudoDstLo = b.getLong(at + 16, ByteOrder.BIG_ENDIAN);
                        }
                        sb.append(";SL=").append(sl);
                        final Options o = new Options(sb, true);
                        o.add("LE", le, count - 1);
                        int pad = -1;
                        boolean hmac = false;
                        int t = at + 8 + 16 * count;
                        final int tlvEnd = Math.min(end, at + size);
                        while (t < tlvEnd)
                        {
                            final int tlvType = b.getByte(t) & 0xFF;
                            if (tlvType == 0)
                            {
                                t++;
                                continue;
                            }
                            if (t + 1 >= tlvEnd)
                            {
                                break;
                            }
                            final int len = b.getByte(t + 1) & 0xFF;
                            if (tlvType == 4)
                            {
                                pad = len;
                            }
                            else if (tlvType == 5)
                            {
                                hmac = true;
                            }
                            t += 2 + len;
                        }
                        final int tlvLength = (pad >= 0 ? 2 + pad : 0) + (hmac ? 40 : 0);
                        o.add("hlen", hlen, (16 * count + tlvLength + 7) / 8);
                        o.add("tag", b.getShort(at + 6, ByteOrder.BIG_ENDIAN) & 0xFFFF, 0);
                        o.add("flags", b.getByte(at + 5) & 0xFF, 0);
                        o.add("pad", pad, -1);
                        if (hmac)
                        {
                            o.flag("hmac");
                        }
                        sb.append(')');
                    }
                    if (at + size > end)
                    {
                        return truncated(sb);
                    }
                    proto = b.getByte(at) & 0xFF;
                    at += size;
                    break;
                }
                case IpProtocol.HOP_BY_HOP:
                case IpProtocol.DESTINATION_OPTIONS:
                {
                    if (at + 8 > end)
                    {
                        return truncated(sb);
                    }
                    sb.append(proto == IpProtocol.HOP_BY_HOP ? "HBH()" : "DestOpt()");
                    final int size = ((b.getByte(at + 1) & 0xFF) + 1) * 8;
                    proto = b.getByte(at) & 0xFF;
                    at += size;
                    break;
                }
                case IpProtocol.FRAGMENT:
                {
                    if (at + 8 > end)
                    {
                        return truncated(sb);
                    }
                    final int field = b.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    sb.append("Frag(").append(field >>> 3).append(',').append(field & 1).append(')');
                    proto = b.getByte(at) & 0xFF;
                    at += 8;
                    if ((field >>> 3) != 0)
                    {
                        return end - at;
                    }
                    break;
                }
                case IpProtocol.UDP:
                case IpProtocol.TCP:
                case IpProtocol.ICMPV6:
                case IpProtocol.ICMPV4:
                {
                    final int size = proto == IpProtocol.TCP ? 20 : 8;
                    if (at + size > end)
                    {
                        return truncated(sb);
                    }
                    final long pseudo;
                    if (proto == IpProtocol.ICMPV4)
                    {
                        pseudo = 0;
                    }
                    else if (lastIpIsV6)
                    {
                        pseudo = Checksum.pseudoHeaderSum(pseudoSrcHi, pseudoSrcLo, pseudoDstHi, pseudoDstLo,
                            end - at, proto);
                    }
                    else
                    {
                        pseudo = Checksum.ipv4PseudoHeaderSum(v4Src, v4Dst, end - at, proto);
                    }
                    final boolean good = Checksum.fold(Checksum.sum(b, at, end - at, pseudo)) == 0xFFFF;
                    final int a = b.getShort(at, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final int c = b.getShort(at + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final int d = b.getShort(at + 6, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final int type = a >>> 8;
                    boolean generic = false;
                    if (proto == IpProtocol.UDP || proto == IpProtocol.TCP)
                    {
                        sb.append(proto == IpProtocol.UDP ? "UDP(" : "TCP(").append(a).append(',')
                            .append(b.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF);
                    }
                    else if (proto == IpProtocol.ICMPV6 && (type == 128 || type == 129) && (a & 0xFF) == 0)
                    {
                        sb.append(type == 128 ? "ICMPv6Echo(" : "ICMPv6EchoReply(").append(c).append(',').append(d);
                    }
                    else if (proto == IpProtocol.ICMPV4 && type == 8 && (a & 0xFF) == 0)
                    {
                        sb.append("ICMPEcho(").append(c).append(',').append(d);
                    }
                    else
                    {
                        sb.append(proto == IpProtocol.ICMPV6 ? "ICMPv6(" : "ICMP(").append(type).append(',')
                            .append(a & 0xFF);
                        generic = true;
                    }
                    final Options o = new Options(sb);
                    if (generic)
                    {
                        o.add("param", (c << 16) | d, 0);
                    }
                    if (!good)
                    {
                        o.flag("badsum");
                    }
                    if (proto == IpProtocol.UDP && (b.getShort(at + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF) != end - at)
                    {
                        o.flag("badlen");
                    }
                    sb.append(')');
                    return end - at - size;
                }
                default:
                    return end - at;
            }
        }
        return end - at;
    }

    private static boolean isL4(final int proto)
    {
        return proto == IpProtocol.UDP || proto == IpProtocol.TCP || proto == IpProtocol.ICMPV6 ||
            proto == IpProtocol.ICMPV4;
    }

    private static int truncated(final StringBuilder sb)
    {
        sb.append("!truncated");
        return 0;
    }

    /** Appends {@code ;k=v,k=v} for non-default values. */
    private static final class Options
    {
        private final StringBuilder sb;
        private boolean any;

        Options(final StringBuilder sb)
        {
            this(sb, false);
        }

        Options(final StringBuilder sb, final boolean alreadyOpen)
        {
            this.sb = sb;
            this.any = alreadyOpen;
        }

        void add(final String key, final int value, final int defaultValue)
        {
            if (value != defaultValue)
            {
                sb.append(any ? ',' : ';').append(key).append('=').append(value);
                any = true;
            }
        }

        void flag(final String key)
        {
            sb.append(any ? ',' : ';').append(key);
            any = true;
        }
    }
}
