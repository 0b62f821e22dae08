package net.srv6epe.bgp.role;

import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv6Prefix;

/**
 * An SRv6 locator (RFC 8986 3.1) from which the ASBR allocates its SIDs: {@code B:N} of {@code length} bits, of
 * which {@code blockLength} are the block, followed by a {@code functionLength}-bit function; no arguments.
 *
 * @param prefix         the locator prefix (e.g. {@code fc00:0:1::/48})
 * @param blockLength    locator block length (LBL, RFC 9252 3.2.1)
 * @param functionLength function length (FL); at most 20 when SIDs are transposed (RFC 9252 4)
 */
public record SidLocator(Ipv6Prefix prefix, int blockLength, int functionLength)
{
    /**
     * @throws IllegalArgumentException naming the field
     */
    public SidLocator
    {
        if (prefix == null)
        {
            throw new IllegalArgumentException("locator prefix missing");
        }
        if (blockLength < 0 || blockLength > prefix.length())
        {
            throw new IllegalArgumentException("locator " + prefix + ": block-length " + blockLength +
                " outside 0.." + prefix.length());
        }
        if (functionLength < 1 || functionLength > 32 || prefix.length() + functionLength > 128)
        {
            throw new IllegalArgumentException("locator " + prefix + ": function-length " + functionLength +
                " must be 1..32 and fit 128 bits after the locator");
        }
    }

    /** Parses the prefix. */
    public static SidLocator of(final String prefix, final int blockLength, final int functionLength)
    {
        return new SidLocator(Ipv6Prefix.parse(prefix), blockLength, functionLength);
    }

    /** The SID with a function value. */
    public Srv6Sid sid(final long function)
    {
        if (function <= 0 || function >= (1L << functionLength))
        {
            throw new IllegalArgumentException("locator " + prefix + ": function " + function + " does not fit " +
                functionLength + " bits");
        }
        return new Srv6Sid(prefix.hi(), prefix.lo()).withBits(prefix.length(), functionLength, function);
    }

    /** The SID structure (RFC 9252 3.2.1), with the function transposed into the label or not. */
    public Srv6SidStructure structure(final boolean transposed)
    {
        return new Srv6SidStructure(blockLength, prefix.length() - blockLength, functionLength, 0,
            transposed ? functionLength : 0, transposed ? prefix.length() : 0);
    }

    @Override
    public String toString()
    {
        return Ipv6Address.format(prefix.hi(), prefix.lo()) + "/" + prefix.length() + " block " + blockLength +
            " function " + functionLength;
    }
}
