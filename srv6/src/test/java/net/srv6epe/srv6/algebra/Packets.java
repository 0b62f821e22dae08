package net.srv6epe.srv6.algebra;

import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.IpProtocol;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds packets from VPP-style header algebra, for tests (this class lives in the srv6 test-jar; other modules
 * reuse it). Every length, next header and checksum is computed; options written after {@code ;} override the
 * defaults, and only non-default values are printed back by {@link PacketDescriber}, so a good packet
 * round-trips: {@code describe(build(s, n)) == s}.
 *
 * <pre>
 * IPv6(src,dst[;hl=64,tc=0,fl=0])           IPv6 header; addresses are names of an {@link AddressBook}
 * IPv4(src,dst[;ttl=64,tos=0,df,id=0])      IPv4 header (20 octets, checksum computed)
 * SRH(seg0,seg1,...;SL=n[,LE=n,hlen=n,tag=n,flags=n,pad=n,hmac])
 *                                           Segment List[0], [1], ... in that order (seg0 = last segment);
 *                                           LE defaults to count-1, hlen (Hdr Ext Len) to what the segments
 *                                           and TLVs need; pad=n adds a PadN TLV with n octets of padding,
 *                                           hmac adds a 32-octet HMAC TLV (key id 1); Pad1 octets align the end
 * RH(type;SL=n)                             a Routing header of another type, 8 octets
 * HBH()  DestOpt()                          8-octet option headers holding one PadN
 * Frag(offset,more)                         Fragment header (offset in 8-octet units), identification 1
 * UDP(sp,dp)  TCP(sp,dp)                    with the payload, checksum computed (TCP: 20 octets, ACK)
 * ICMPv6(type,code)  ICMPv6Echo(id,seq)  ICMPv6EchoReply(id,seq)  ICMP(type,code)  ICMPEcho(id,seq)
 * </pre>
 * A "/" may separate headers for readability. The payload ({@code payloadSize} octets, value = index & 0xff)
 * follows the last header; an IPv6 or IPv4 header with nothing after it says Next Header 59 (No Next Header).
 */
public final class Packets
{
    private static final AddressBook DEFAULT_BOOK = AddressBook.defaults();

    private Packets()
    {
    }

    public static byte[] build(final String algebra, final int payloadSize)
    {
        return build(algebra, payloadSize, DEFAULT_BOOK);
    }

    public static byte[] build(final String algebra, final int payloadSize, final AddressBook book)
    {
        final List<HeaderSpec> headers = HeaderSpec.parseAll(algebra);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int[] starts = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++)
        {
            starts[i] = out.size();
            final int next = i + 1 < headers.size() ? protocolOf(headers.get(i + 1)) : IpProtocol.NO_NEXT_HEADER;
            writeHeader(out, headers.get(i), next, book);
        }
        for (int i = 0; i < payloadSize; i++)
        {
            out.write(i & 0xFF);
        }
        final byte[] bytes = out.toByteArray();
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

        // lengths, from the innermost outwards does not matter: each covers to the end of the packet
        for (int i = 0; i < headers.size(); i++)
        {
            final String name = headers.get(i).name();
            final int at = starts[i];
            if (name.equals("IPv6"))
            {
                buffer.putShort(at + 4, (short)(bytes.length - at - 40), ByteOrder.BIG_ENDIAN);
            }
            else if (name.equals("IPv4"))
            {
                buffer.putShort(at + 2, (short)(bytes.length - at), ByteOrder.BIG_ENDIAN);
            }
            else if (name.equals("UDP"))
            {
                buffer.putShort(at + 4, (short)(bytes.length - at), ByteOrder.BIG_ENDIAN);
            }
        }
        // checksums, innermost first so an outer ICMP quoting an inner packet would see final bytes
        for (int i = headers.size() - 1; i >= 0; i--)
        {
            final String name = headers.get(i).name();
            final int at = starts[i];
            if (name.equals("IPv4"))
            {
                buffer.putShort(at + 10, (short)0);
                buffer.putShort(at + 10, (short)Checksum.compute(buffer, at, 20), ByteOrder.BIG_ENDIAN);
                continue;
            }
            final int checksumField = checksumFieldOf(name);
            if (checksumField < 0)
            {
                continue;
            }
            final int ip = enclosingIp(headers, i);
            final int length = bytes.length - at;
            final int protocol = protocolOf(headers.get(i));
            long sum;
            if (ip < 0)
            {
                sum = 0;
            }
            else if (headers.get(ip).name().equals("IPv6"))
            {
                final int ipAt = starts[ip];
                long dstHi = buffer.getLong(ipAt + 24, ByteOrder.BIG_ENDIAN);
                long dstLo = buffer.getLong(ipAt + 32, ByteOrder.BIG_ENDIAN);
                for (int k = ip + 1; k < i; k++)
                {
                    if (headers.get(k).name().equals("SRH"))
                    {
                        // RFC 8200 8.1: with a Routing header the pseudo-header carries the final destination
                        dstHi = buffer.getLong(starts[k] + 8, ByteOrder.BIG_ENDIAN);
                        dstLo = buffer.getLong(starts[k] + 16, ByteOrder.BIG_ENDIAN);
                    }
                }
                sum = Checksum.pseudoHeaderSum(buffer.getLong(ipAt + 8, ByteOrder.BIG_ENDIAN),
                    buffer.getLong(ipAt + 16, ByteOrder.BIG_ENDIAN), dstHi, dstLo, length, protocol);
            }
            else
            {
                final int ipAt = starts[ip];
                sum = protocol == IpProtocol.ICMPV4 ? 0 : Checksum.ipv4PseudoHeaderSum(
                    buffer.getInt(ipAt + 12, ByteOrder.BIG_ENDIAN), buffer.getInt(ipAt + 16, ByteOrder.BIG_ENDIAN),
                    length, protocol);
            }
            buffer.putShort(at + checksumField, (short)0);
            int checksum = Checksum.finish(Checksum.sum(buffer, at, length, sum));
            if (checksum == 0 && protocol == IpProtocol.UDP)
            {
                checksum = 0xFFFF;
            }
            buffer.putShort(at + checksumField, (short)checksum, ByteOrder.BIG_ENDIAN);
        }
        return bytes;
    }

    private static int enclosingIp(final List<HeaderSpec> headers, final int index)
    {
        for (int k = index - 1; k >= 0; k--)
        {
            final String n = headers.get(k).name();
            if (n.equals("IPv6") || n.equals("IPv4"))
            {
                return k;
            }
        }
        return -1;
    }

    static int checksumFieldOf(final String name)
    {
        switch (name)
        {
            case "UDP":
                return 6;
            case "TCP":
                return 16;
            case "ICMPv6":
            case "ICMPv6Echo":
            case "ICMPv6EchoReply":
            case "ICMP":
            case "ICMPEcho":
                return 2;
            default:
                return -1;
        }
    }

    static int protocolOf(final HeaderSpec h)
    {
        switch (h.name())
        {
            case "IPv6":
                return IpProtocol.IPV6;
            case "IPv4":
                return IpProtocol.IPV4;
            case "SRH":
            case "RH":
                return IpProtocol.ROUTING;
            case "HBH":
                return IpProtocol.HOP_BY_HOP;
            case "DestOpt":
                return IpProtocol.DESTINATION_OPTIONS;
            case "Frag":
                return IpProtocol.FRAGMENT;
            case "UDP":
                return IpProtocol.UDP;
            case "TCP":
                return IpProtocol.TCP;
            case "ICMPv6":
            case "ICMPv6Echo":
            case "ICMPv6EchoReply":
                return IpProtocol.ICMPV6;
            case "ICMP":
            case "ICMPEcho":
                return IpProtocol.ICMPV4;
            default:
                throw new IllegalArgumentException("unknown header '" + h.name() + "'");
        }
    }

    private static void writeHeader(
        final ByteArrayOutputStream out, final HeaderSpec h, final int next, final AddressBook book)
    {
        switch (h.name())
        {
            case "IPv6":
            {
                final int tc = h.intOption("tc", 0);
                final int fl = h.intOption("fl", 0);
                final int word0 = 0x60000000 | (tc << 20) | fl;
                int32(out, word0);
                int16(out, 0); // payload length, patched
                out.write(next);
                out.write(h.intOption("hl", 64));
                out.writeBytes(book.ipv6(h.args().get(0)));
                out.writeBytes(book.ipv6(h.args().get(1)));
                break;
            }
            case "IPv4":
            {
                out.write(0x45);
                out.write(h.intOption("tos", 0));
                int16(out, 0); // total length, patched
                int16(out, h.intOption("id", 0));
                int16(out, h.options().containsKey("df") ? 0x4000 : 0);
                out.write(h.intOption("ttl", 64));
                out.write(next);
                int16(out, 0); // checksum, patched
                int32(out, book.ipv4(h.args().get(0)));
                int32(out, book.ipv4(h.args().get(1)));
                break;
            }
            case "SRH":
            {
                final int count = h.args().size();
                final int pad = h.intOption("pad", -1);
                final boolean hmac = h.options().containsKey("hmac");
                int tlvLength = 0;
                if (pad >= 0)
                {
                    tlvLength += 2 + pad;
                }
                if (hmac)
                {
                    tlvLength += 2 + 6 + 32;
                }
                final int natural = (16 * count + tlvLength + 7) / 8;
                out.write(next);
                out.write(h.intOption("hlen", natural));
                out.write(4);
                out.write(h.intOption("SL", 0));
                out.write(h.intOption("LE", count - 1));
                out.write(h.intOption("flags", 0));
                int16(out, h.intOption("tag", 0));
                for (final String segment : h.args())
                {
                    out.writeBytes(book.ipv6(segment));
                }
                if (hmac)
                {
                    out.write(5);
                    out.write(38);
                    int16(out, 0);
                    int32(out, 1);
                    for (int i = 0; i < 32; i++)
                    {
                        out.write(0xA5);
                    }
                }
                if (pad >= 0)
                {
                    out.write(4);
                    out.write(pad);
                    for (int i = 0; i < pad; i++)
                    {
                        out.write(0);
                    }
                }
                for (int i = (tlvLength & 7) == 0 ? 8 : tlvLength & 7; i < 8; i++)
                {
                    out.write(0); // round up to 8 octets with Pad1
                }
                break;
            }
            case "RH":
                out.write(next);
                out.write(0);
                out.write(h.intArg(0));
                out.write(h.intOption("SL", 0));
                int32(out, 0);
                break;
            case "HBH":
            case "DestOpt":
                out.write(next);
                out.write(0);
                out.write(1); // PadN option
                out.write(4);
                int32(out, 0);
                break;
            case "Frag":
                out.write(next);
                out.write(0);
                int16(out, (h.intArg(0) << 3) | (h.intArg(1) & 1));
                int32(out, 1);
                break;
            case "UDP":
                int16(out, h.intArg(0));
                int16(out, h.intArg(1));
                int16(out, 0);
                int16(out, 0);
                break;
            case "TCP":
                int16(out, h.intArg(0));
                int16(out, h.intArg(1));
                int32(out, 1);
                int32(out, 0);
                out.write(0x50);
                out.write(0x10);
                int16(out, 65535);
                int16(out, 0);
                int16(out, 0);
                break;
            case "ICMPv6":
            case "ICMP":
                out.write(h.intArg(0));
                out.write(h.intArg(1));
                int16(out, 0);
                int32(out, h.intOption("param", 0));
                break;
            case "ICMPv6Echo":
            case "ICMPv6EchoReply":
            case "ICMPEcho":
                out.write(h.name().equals("ICMPv6Echo") ? 128 : h.name().equals("ICMPv6EchoReply") ? 129 : 8);
                out.write(0);
                int16(out, 0);
                int16(out, h.intArg(0));
                int16(out, h.intArg(1));
                break;
            default:
                throw new IllegalArgumentException("unknown header '" + h.name() + "'");
        }
    }

    private static void int16(final ByteArrayOutputStream out, final int v)
    {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void int32(final ByteArrayOutputStream out, final int v)
    {
        int16(out, v >>> 16);
        int16(out, v);
    }
}
