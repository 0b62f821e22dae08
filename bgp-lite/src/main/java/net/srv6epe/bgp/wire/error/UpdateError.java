package net.srv6epe.bgp.wire.error;

import net.srv6epe.bgp.wire.attribute.AttributeType;

import java.util.Arrays;

/**
 * One finding of the RFC 7606 validator: the action it calls for, the attribute it concerns, the RFC 4271 6.3
 * subcode and data a NOTIFICATION would carry, and a readable reason.
 *
 * @param action         what to do
 * @param attributeType  the attribute type code concerned, or -1 for the UPDATE's framing and NLRI
 * @param attributeIndex position of the attribute in the UPDATE's attribute list, or -1
 * @param subcode        UPDATE Message Error subcode (the NOTIFICATION's, when the action is a session reset)
 * @param data           NOTIFICATION data (RFC 4271 6.3: the erroneous attribute for attribute errors)
 * @param reason         what is wrong
 */
public record UpdateError(ErrorAction action, int attributeType, int attributeIndex, ErrorSubcode subcode,
    byte[] data, String reason)
{
    public UpdateError
    {
        data = data.clone();
    }

    /** NOTIFICATION data (a copy). */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    /** {@code AS_PATH} or {@code UPDATE} when not about an attribute. */
    public String subject()
    {
        return attributeType < 0 ? "UPDATE" : AttributeType.name(attributeType);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof UpdateError e && e.action == action && e.attributeType == attributeType &&
            e.attributeIndex == attributeIndex && e.subcode == subcode && Arrays.equals(e.data, data) &&
            e.reason.equals(reason);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * action.hashCode() + attributeType) + reason.hashCode();
    }

    /** {@code treat-as-withdraw: AS_PATH: undefined segment type 7 (Malformed AS_PATH)}. */
    @Override
    public String toString()
    {
        return action + ": " + subject() + ": " + reason + " (" + subcode.description() + ")";
    }
}
