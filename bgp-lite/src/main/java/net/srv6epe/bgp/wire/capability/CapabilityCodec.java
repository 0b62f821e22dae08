package net.srv6epe.bgp.wire.capability;

import net.srv6epe.bgp.wire.nlri.AddressFamily;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/** Decodes the optional parameters of an OPEN and the capabilities inside them (RFC 4271 4.2, RFC 5492 4). */
public final class CapabilityCodec
{
    private CapabilityCodec()
    {
    }

    /**
     * Decodes the Optional Parameters field.
     *
     * @return the parameters, or null when a parameter or capability overruns or has the wrong length for its
     * code (the caller answers with an OPEN Message Error)
     */
    public static List<OptionalParameter> decodeParameters(final DirectBuffer buffer, final int offset,
        final int length, final StringBuilder problem)
    {
        final List<OptionalParameter> out = new ArrayList<>();
        final int limit = offset + length;
        int cursor = offset;
        while (cursor < limit)
        {
            if (limit - cursor < 2)
            {
                problem.append("optional parameter header overruns");
                return null;
            }
            final int type = buffer.getByte(cursor) & 0xFF;
            final int len = buffer.getByte(cursor + 1) & 0xFF;
            if (cursor + 2 + len > limit)
            {
                problem.append("optional parameter ").append(type).append(" of ").append(len).append(" octets overruns");
                return null;
            }
            if (type == OptionalParameter.TYPE_CAPABILITIES)
            {
                final List<Capability> caps = decodeCapabilities(buffer, cursor + 2, len, problem);
                if (caps == null)
                {
                    return null;
                }
                out.add(new OptionalParameter(type, caps, new byte[0]));
            }
            else
            {
                final byte[] value = new byte[len];
                buffer.getBytes(cursor + 2, value);
                out.add(new OptionalParameter(type, List.of(), value));
            }
            cursor += 2 + len;
        }
        return out;
    }

    private static List<Capability> decodeCapabilities(final DirectBuffer buffer, final int offset,
        final int length, final StringBuilder problem)
    {
        final List<Capability> out = new ArrayList<>();
        final int limit = offset + length;
        int cursor = offset;
        while (cursor < limit)
        {
            if (limit - cursor < 2)
            {
                problem.append("capability header overruns");
                return null;
            }
            final int code = buffer.getByte(cursor) & 0xFF;
            final int len = buffer.getByte(cursor + 1) & 0xFF;
            final int value = cursor + 2;
            if (value + len > limit)
            {
                problem.append("capability ").append(code).append(" of ").append(len).append(" octets overruns");
                return null;
            }
            final int expected = expectedLength(code);
            if (expected >= 0 && len != expected)
            {
                problem.append("capability ").append(code).append(" length ").append(len).append(", expected ")
                    .append(expected);
                return null;
            }
            switch (code)
            {
                case MultiprotocolCapability.CODE:
                    out.add(new MultiprotocolCapability(new AddressFamily(
                        buffer.getShort(value, BIG_ENDIAN) & 0xFFFF,
                        buffer.getByte(value + 3) & 0xFF), buffer.getByte(value + 2) & 0xFF));
                    break;
                case RouteRefreshCapability.CODE:
                case RouteRefreshCapability.CISCO_CODE:
                    out.add(new RouteRefreshCapability(code));
                    break;
                case FourOctetAsCapability.CODE:
                    out.add(new FourOctetAsCapability(buffer.getInt(value, BIG_ENDIAN) & 0xFFFFFFFFL));
                    break;
                case ExtendedMessageCapability.CODE:
                    out.add(new ExtendedMessageCapability());
                    break;
                default:
                    final byte[] bytes = new byte[len];
                    buffer.getBytes(value, bytes);
                    out.add(new UnknownCapability(code, bytes));
                    break;
            }
            cursor = value + len;
        }
        return out;
    }

    private static int expectedLength(final int code)
    {
        switch (code)
        {
            case MultiprotocolCapability.CODE:
                return MultiprotocolCapability.LENGTH;
            case FourOctetAsCapability.CODE:
                return FourOctetAsCapability.LENGTH;
            case RouteRefreshCapability.CODE:
            case RouteRefreshCapability.CISCO_CODE:
            case ExtendedMessageCapability.CODE:
                return 0;
            default:
                return -1;
        }
    }
}
