package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.nlri.MplsLabel;

/**
 * A SID split for the wire (RFC 9252 4): what goes in the SRv6 SID Information Sub-TLV and what goes in the
 * NLRI's 3-octet label field.
 *
 * @param attributeSid the SID as carried in the attribute (transposed bits zeroed)
 * @param labelField   the 24-bit label field of the NLRI
 */
public record TransposedSid(Srv6Sid attributeSid, int labelField)
{
    @Override
    public String toString()
    {
        return "sid " + attributeSid + " label " + MplsLabel.format(labelField);
    }
}
