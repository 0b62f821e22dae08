package net.srv6epe.bgp.wire.error;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.AttributeFlags;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.MalformedAttribute;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.NextHop;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.attribute.PathAttributeCodec;
import net.srv6epe.bgp.wire.attribute.UnknownAttribute;
import net.srv6epe.bgp.wire.message.UpdateDefect;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 7606 revised error handling over a decoded UPDATE, kept apart from decoding: maps every defect and
 * malformed attribute the decoder recorded, and checks what needs the whole UPDATE (flags, duplicates, missing
 * mandatory attributes, eBGP-only rules), to one {@link UpdateError} each. Stateless and thread-safe.
 *
 * <table>
 *   <caption>Actions by attribute (RFC 7606 7.x, RFC 6793 6, RFC 8669 6 / RFC 9252 3)</caption>
 *   <tr><td>ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST,
 *   EXTENDED_COMMUNITIES, Prefix-SID</td><td>treat-as-withdraw</td></tr>
 *   <tr><td>ATOMIC_AGGREGATE, AGGREGATOR, AS4_PATH, AS4_AGGREGATOR</td><td>attribute discard</td></tr>
 *   <tr><td>MP_REACH_NLRI, MP_UNREACH_NLRI</td><td>session reset</td></tr>
 * </table>
 * Also: framing (RFC 4271 6.3 Malformed Attribute List and RFC 7606 5.3 NLRI errors -> session reset; RFC 7606 4
 * attribute overrun -> treat-as-withdraw), attribute flags (RFC 7606 3 c), duplicates (3 g), missing mandatory
 * attributes (3 d), unrecognized well-known attributes (RFC 4271 6.3 -> session reset), martian NEXT_HOP (7.3),
 * and for eBGP: LOCAL_PREF / ORIGINATOR_ID / CLUSTER_LIST discarded (7.5, 7.9, 7.10), confederation segments and
 * a leftmost AS other than the peer's (RFC 5065 5, RFC 4271 6.3) -> treat-as-withdraw.
 */
public final class UpdateValidator
{
    /** {@code peerAs} value that skips the leftmost-AS check. */
    public static final long ANY_PEER_AS = -1;

    private final boolean externalPeer;
    private final long peerAs;
    private final WireOptions options;

    /**
     * @param externalPeer true for an eBGP session: LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST from it are
     *                     discarded (RFC 7606 7.5, 7.9, 7.10) and confederation segments are refused
     * @param peerAs       for an eBGP session, the AS the leftmost AS_PATH entry must be (RFC 4271 6.3), or
     *                     {@link #ANY_PEER_AS} to skip the check (route servers)
     * @param options      the session's wire options, used to re-encode attributes as NOTIFICATION data
     */
    public UpdateValidator(final boolean externalPeer, final long peerAs, final WireOptions options)
    {
        this.externalPeer = externalPeer;
        this.peerAs = peerAs;
        this.options = options;
    }

    /** A validator without the leftmost-AS check. */
    public UpdateValidator(final boolean externalPeer, final WireOptions options)
    {
        this(externalPeer, ANY_PEER_AS, options);
    }

    /** A validator with {@link WireOptions#DEFAULT}. */
    public UpdateValidator(final boolean externalPeer)
    {
        this(externalPeer, WireOptions.DEFAULT);
    }

    /** The action RFC 7606 prescribes for a malformed attribute of this type (unknown types: none). */
    public static ErrorAction malformedAction(final int type)
    {
        switch (type)
        {
            case AttributeType.MP_REACH_NLRI:
            case AttributeType.MP_UNREACH_NLRI:
                return ErrorAction.SESSION_RESET; // RFC 7606 7.11 / 5.3: the NLRI cannot be trusted
            case AttributeType.ATOMIC_AGGREGATE:  // RFC 7606 7.6
            case AttributeType.AGGREGATOR:        // RFC 7606 7.7
            case AttributeType.AS4_PATH:          // RFC 6793 6
            case AttributeType.AS4_AGGREGATOR:    // RFC 6793 6
                return ErrorAction.ATTRIBUTE_DISCARD;
            case AttributeType.ORIGIN:            // RFC 7606 7.1
            case AttributeType.AS_PATH:           // RFC 7606 7.2
            case AttributeType.NEXT_HOP:          // RFC 7606 7.3
            case AttributeType.MULTI_EXIT_DISC:   // RFC 7606 7.4
            case AttributeType.LOCAL_PREF:        // RFC 7606 7.5
            case AttributeType.COMMUNITIES:       // RFC 7606 7.8
            case AttributeType.ORIGINATOR_ID:     // RFC 7606 7.9
            case AttributeType.CLUSTER_LIST:      // RFC 7606 7.10
            case AttributeType.EXTENDED_COMMUNITIES: // RFC 7606 7.14
            case AttributeType.PREFIX_SID:        // RFC 8669 6, RFC 9252 3
                return ErrorAction.TREAT_AS_WITHDRAW;
            default:
                return ErrorAction.NONE;
        }
    }

    /** Validates one UPDATE; never throws. */
    public ValidationResult validate(final UpdateMessage update)
    {
        final List<UpdateError> errors = new ArrayList<>(0);
        framing(update, errors);
        final List<PathAttribute> attributes = update.attributes();
        final boolean[] seen = new boolean[256];
        for (int i = 0; i < attributes.size(); i++)
        {
            attribute(attributes.get(i), i, seen, errors);
        }
        missingMandatory(update, seen, errors);
        return errors.isEmpty() ? ValidationResult.VALID : new ValidationResult(errors);
    }

    private static void framing(final UpdateMessage update, final List<UpdateError> errors)
    {
        for (final UpdateDefect d : update.defects())
        {
            switch (d.kind())
            {
                case WITHDRAWN_LENGTH_OVERRUN:
                case TOTAL_ATTRIBUTE_LENGTH_OVERRUN:
                    // RFC 4271 6.3: lengths that do not add up -> Malformed Attribute List
                    errors.add(new UpdateError(ErrorAction.SESSION_RESET, -1, -1,
                        ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], d.detail()));
                    break;
                case ATTRIBUTE_OVERRUN:
                    // RFC 7606 4: rely on the Total Path Attribute Length to find the NLRI, treat-as-withdraw
                    errors.add(new UpdateError(ErrorAction.TREAT_AS_WITHDRAW, -1, -1,
                        ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], d.detail()));
                    break;
                case WITHDRAWN_PREFIX_INVALID:
                case NLRI_PREFIX_INVALID:
                default:
                    // RFC 7606 5.3: a syntactically incorrect NLRI field -> session reset
                    errors.add(new UpdateError(ErrorAction.SESSION_RESET, -1, -1,
                        ErrorSubcode.INVALID_NETWORK_FIELD, new byte[0],
                        (d.kind() == UpdateDefect.Kind.WITHDRAWN_PREFIX_INVALID ? "withdrawn routes: " : "NLRI: ") +
                        d.detail()));
                    break;
            }
        }
    }

    private void attribute(final PathAttribute a, final int index, final boolean[] seen,
        final List<UpdateError> errors)
    {
        final int type = a.typeCode();
        final int flags = a.flags();
        final String name = AttributeType.name(type);
        if (seen[type])
        {
            if (type == AttributeType.MP_REACH_NLRI || type == AttributeType.MP_UNREACH_NLRI)
            {
                // RFC 7606 3 g: MP_REACH_NLRI / MP_UNREACH_NLRI more than once -> Malformed Attribute List
                errors.add(new UpdateError(ErrorAction.SESSION_RESET, type, index,
                    ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], "appears more than once"));
            }
            else
            {
                // RFC 7606 3 g: other duplicates -> all but the first discarded
                errors.add(new UpdateError(ErrorAction.ATTRIBUTE_DISCARD, type, index,
                    ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], "duplicate, all but the first discarded"));
            }
            return;
        }
        seen[type] = true;

        final int expected = AttributeType.expectedFlags(type);
        if (expected < 0)
        {
            if (a instanceof UnknownAttribute && !AttributeFlags.isOptional(flags))
            {
                // RFC 4271 6.3 (kept by RFC 7606): unrecognized well-known attribute
                errors.add(new UpdateError(ErrorAction.SESSION_RESET, type, index,
                    ErrorSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, encode(a), "unrecognized well-known attribute"));
            }
            return;
        }
        if ((flags & AttributeFlags.OPTIONAL_TRANSITIVE) != expected)
        {
            // RFC 7606 3 c: Optional/Transitive bits in conflict -> the attribute's malformed handling
            errors.add(new UpdateError(malformedAction(type), type, index, ErrorSubcode.ATTRIBUTE_FLAGS_ERROR,
                encode(a), "flags " + AttributeFlags.format(flags) + ", expected " + AttributeFlags.format(expected)));
            return;
        }
        if (a instanceof MalformedAttribute m)
        {
            final ErrorSubcode subcode = subcodeOf(m.subcode());
            final boolean attributeData = subcode != ErrorSubcode.MALFORMED_AS_PATH &&
                subcode != ErrorSubcode.INVALID_NETWORK_FIELD;
            errors.add(new UpdateError(malformedAction(type), type, index, subcode,
                attributeData ? encode(a) : new byte[0], m.problem()));
            return;
        }
        if (a instanceof AsPath path && type == AttributeType.AS_PATH && externalPeer)
        {
            final String problem = externalAsPathProblem(path);
            if (problem != null)
            {
                // RFC 7606 7.2: a semantically malformed AS_PATH -> treat-as-withdraw
                errors.add(new UpdateError(ErrorAction.TREAT_AS_WITHDRAW, type, index,
                    ErrorSubcode.MALFORMED_AS_PATH, new byte[0], problem));
            }
        }
        if (a instanceof NextHop nextHop && isMartian(nextHop.address()))
        {
            // RFC 4271 6.3 / RFC 7606 7.3: a NEXT_HOP that is not a valid host address -> treat-as-withdraw
            errors.add(new UpdateError(ErrorAction.TREAT_AS_WITHDRAW, type, index,
                ErrorSubcode.INVALID_NEXT_HOP_ATTRIBUTE, encode(a), "martian address " + nextHop));
        }
        if (externalPeer && (type == AttributeType.LOCAL_PREF || type == AttributeType.ORIGINATOR_ID ||
            type == AttributeType.CLUSTER_LIST))
        {
            // RFC 7606 7.5, 7.9, 7.10: from an external peer -> discard
            errors.add(new UpdateError(ErrorAction.ATTRIBUTE_DISCARD, type, index,
                ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR, new byte[0], name + " from an external peer"));
        }
    }

    private String externalAsPathProblem(final AsPath path)
    {
        for (final AsPathSegment segment : path.segments())
        {
            if (segment.type() == AsPathSegment.AS_CONFED_SEQUENCE || segment.type() == AsPathSegment.AS_CONFED_SET)
            {
                // RFC 5065 5: confederation segments must not leave the confederation
                return "confederation segment " + segment + " from an external peer";
            }
        }
        if (peerAs == ANY_PEER_AS)
        {
            return null;
        }
        if (path.segments().isEmpty() || path.segments().get(0).type() != AsPathSegment.AS_SEQUENCE)
        {
            return "does not start with the peer AS " + peerAs;
        }
        final long leftmost = path.segments().get(0).asns().get(0);
        return leftmost == peerAs ? null : "leftmost AS " + leftmost + " is not the peer AS " + peerAs;
    }

    /** 0.0.0.0/8, 127.0.0.0/8, 224.0.0.0/4 and above: never a BGP next hop. */
    private static boolean isMartian(final int address)
    {
        final int first = address >>> 24;
        return first == 0 || first == 127 || first >= 224;
    }

    private static void missingMandatory(final UpdateMessage update, final boolean[] seen,
        final List<UpdateError> errors)
    {
        final boolean ipv4Routes = !update.nlri().isEmpty();
        final boolean mpRoutes = seen[AttributeType.MP_REACH_NLRI] && hasReachableNlri(update);
        if (!ipv4Routes && !mpRoutes)
        {
            return;
        }
        // RFC 7606 3 d: a missing well-known mandatory attribute -> treat-as-withdraw; RFC 4760 3: NEXT_HOP only
        // for the IPv4 NLRI field
        final List<Integer> needed = new ArrayList<>(Arrays.asList(AttributeType.ORIGIN, AttributeType.AS_PATH));
        if (ipv4Routes)
        {
            needed.add(AttributeType.NEXT_HOP);
        }
        for (final int type : needed)
        {
            if (!seen[type])
            {
                errors.add(new UpdateError(ErrorAction.TREAT_AS_WITHDRAW, type, -1,
                    ErrorSubcode.MISSING_WELL_KNOWN_ATTRIBUTE, new byte[]{ (byte)type }, "missing"));
            }
        }
    }

    private static boolean hasReachableNlri(final UpdateMessage update)
    {
        for (final PathAttribute a : update.attributes())
        {
            if (a instanceof MpReachNlri m && (!m.nlri().isEmpty() || m.opaqueNlri().length > 0))
            {
                return true;
            }
            if (a instanceof MalformedAttribute m && m.typeCode() == AttributeType.MP_REACH_NLRI)
            {
                return true;
            }
        }
        return false;
    }

    private static ErrorSubcode subcodeOf(final int subcode)
    {
        final ErrorSubcode s = ErrorSubcode.of(ErrorCode.UPDATE_MESSAGE.code(), subcode);
        return s == null ? ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR : s;
    }

    private byte[] encode(final PathAttribute a)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = PathAttributeCodec.encode(a, buffer, 0, options);
        final byte[] out = new byte[length];
        buffer.getBytes(0, out);
        return out;
    }
}
