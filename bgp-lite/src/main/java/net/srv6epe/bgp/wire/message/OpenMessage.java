package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.capability.Capability;
import net.srv6epe.bgp.wire.capability.CapabilityCodec;
import net.srv6epe.bgp.wire.capability.ExtendedMessageCapability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.OptionalParameter;
import net.srv6epe.bgp.wire.capability.RouteRefreshCapability;
import net.srv6epe.bgp.wire.error.ErrorCode;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * OPEN (RFC 4271 4.2):
 * <pre>
 *  Version (1) | My AS (2) | Hold Time (2) | BGP Identifier (4) | Opt Parm Len (1) | Optional Parameters
 * </pre>
 *
 * @param version            BGP version (4)
 * @param myAs               the 2-octet My AS field (AS_TRANS when the AS needs 4 octets, RFC 6793 4.1)
 * @param holdTimeS          proposed hold time in seconds (0, or at least 3)
 * @param bgpIdentifier      the speaker's BGP identifier
 * @param optionalParameters parameters in wire order
 */
public record OpenMessage(int version, int myAs, int holdTimeS, int bgpIdentifier,
    List<OptionalParameter> optionalParameters) implements BgpMessage
{
    public static final int VERSION = 4;
    public static final int VERSION_OFFSET = 0;
    public static final int MY_AS_OFFSET = 1;
    public static final int HOLD_TIME_OFFSET = 3;
    public static final int BGP_IDENTIFIER_OFFSET = 5;
    public static final int OPT_PARM_LEN_OFFSET = 9;
    public static final int FIXED_LENGTH = 10;

    public OpenMessage
    {
        optionalParameters = List.copyOf(optionalParameters);
    }

    /**
     * An OPEN with one Capabilities parameter; My AS is the AS, or AS_TRANS when it needs 4 octets (add a
     * {@link FourOctetAsCapability} to say which).
     */
    public static OpenMessage create(final long as, final int holdTimeS, final int bgpIdentifier,
        final List<Capability> capabilities)
    {
        return new OpenMessage(VERSION, as > 0xFFFF ? AsPath.AS_TRANS : (int)as, holdTimeS, bgpIdentifier,
            List.of(OptionalParameter.capabilities(capabilities)));
    }

    /**
     * Decodes an OPEN body (RFC 4271 4.2) whose length the codec has checked (at least 10 octets).
     *
     * @throws MessageDecodeException for RFC 4271 6.2 errors: version (data: 4), hold time 1 or 2, BGP
     *                                identifier 0, optional parameters that do not parse (subcode 0)
     */
    public static OpenMessage decode(final DirectBuffer buffer, final int body, final int bodyLength)
        throws MessageDecodeException
    {
        final int version = buffer.getByte(body + VERSION_OFFSET) & 0xFF;
        if (version != VERSION)
        {
            // RFC 4271 6.2: data = the largest locally supported version, 2 octets
            throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.UNSUPPORTED_VERSION_NUMBER,
                new byte[]{ 0, VERSION }), "version " + version);
        }
        final int myAs = buffer.getShort(body + MY_AS_OFFSET, BIG_ENDIAN) & 0xFFFF;
        final int holdTime = buffer.getShort(body + HOLD_TIME_OFFSET, BIG_ENDIAN) & 0xFFFF;
        final int bgpId = buffer.getInt(body + BGP_IDENTIFIER_OFFSET, BIG_ENDIAN);
        final int paramLength = buffer.getByte(body + OPT_PARM_LEN_OFFSET) & 0xFF;
        if (holdTime == 1 || holdTime == 2)
        {
            throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.UNACCEPTABLE_HOLD_TIME, new byte[0]),
                "hold time " + holdTime);
        }
        if (bgpId == 0)
        {
            throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.BAD_BGP_IDENTIFIER, new byte[0]),
                "BGP identifier 0.0.0.0");
        }
        if (FIXED_LENGTH + paramLength != bodyLength)
        {
            throw new MessageDecodeException(NotificationMessage.unspecific(ErrorCode.OPEN_MESSAGE, new byte[0]),
                "Opt Parm Len " + paramLength + " does not match an OPEN body of " + bodyLength);
        }
        final StringBuilder problem = new StringBuilder();
        final List<OptionalParameter> params = CapabilityCodec.decodeParameters(buffer,
            body + FIXED_LENGTH, paramLength, problem);
        if (params == null)
        {
            throw new MessageDecodeException(NotificationMessage.unspecific(ErrorCode.OPEN_MESSAGE, new byte[0]),
                problem.toString());
        }
        return new OpenMessage(version, myAs, holdTime, bgpId, params);
    }

    /** Every capability of every Capabilities parameter, in order. */
    public List<Capability> capabilities()
    {
        final List<Capability> out = new ArrayList<>();
        for (final OptionalParameter p : optionalParameters)
        {
            out.addAll(p.capabilities());
        }
        return out;
    }

    /** RFC 6793 4.1: the AS of the 4-octet AS capability when present, else My AS. */
    public long asNumber()
    {
        for (final Capability c : capabilities())
        {
            if (c instanceof FourOctetAsCapability f)
            {
                return f.as();
            }
        }
        return myAs;
    }

    /** True when the 4-octet AS capability is present. */
    public boolean supportsFourOctetAs()
    {
        return capabilities().stream().anyMatch(c -> c instanceof FourOctetAsCapability);
    }

    /** True when the RFC 8654 Extended Message capability is present. */
    public boolean supportsExtendedMessage()
    {
        return capabilities().stream().anyMatch(c -> c instanceof ExtendedMessageCapability);
    }

    /** True when a route refresh capability (RFC 2918 or the pre-standard code) is present. */
    public boolean supportsRouteRefresh()
    {
        return capabilities().stream().anyMatch(c -> c instanceof RouteRefreshCapability);
    }

    /** True when a multiprotocol capability offers the family. */
    public boolean supports(final AddressFamily family)
    {
        return capabilities().stream().anyMatch(c -> c instanceof MultiprotocolCapability m &&
            m.family().equals(family));
    }

    @Override
    public MessageType type()
    {
        return MessageType.OPEN;
    }

    @Override
    public int encodeBody(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putByte(offset + VERSION_OFFSET, (byte)version);
        buffer.putShort(offset + MY_AS_OFFSET, (short)myAs, BIG_ENDIAN);
        buffer.putShort(offset + HOLD_TIME_OFFSET, (short)holdTimeS, BIG_ENDIAN);
        buffer.putInt(offset + BGP_IDENTIFIER_OFFSET, bgpIdentifier, BIG_ENDIAN);
        int cursor = offset + FIXED_LENGTH;
        for (final OptionalParameter p : optionalParameters)
        {
            cursor += p.encode(buffer, cursor);
        }
        final int paramLength = cursor - offset - FIXED_LENGTH;
        if (paramLength > 0xFF)
        {
            throw new IllegalArgumentException("optional parameters of " + paramLength + " octets (RFC 9072 " +
                "extended parameters not supported)");
        }
        buffer.putByte(offset + OPT_PARM_LEN_OFFSET, (byte)paramLength);
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        return "OPEN version " + version + " as " + asNumber() + (myAs != asNumber() ? " (my-as " + myAs + ")" : "") +
            " hold-time " + holdTimeS + " id " + Ipv4Address.format(bgpIdentifier) + " " + capabilities();
    }
}
