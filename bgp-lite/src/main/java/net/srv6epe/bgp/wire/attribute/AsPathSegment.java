package net.srv6epe.bgp.wire.attribute;

import java.util.List;

/**
 * One AS_PATH segment (RFC 4271 4.3, RFC 5065 3 for the confederation types).
 *
 * @param type segment type: {@link #AS_SET}, {@link #AS_SEQUENCE}, {@link #AS_CONFED_SEQUENCE},
 *             {@link #AS_CONFED_SET}
 * @param asns AS numbers as unsigned 32-bit values
 */
public record AsPathSegment(int type, List<Long> asns)
{
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    public AsPathSegment
    {
        asns = List.copyOf(asns);
    }

    /** An AS_SEQUENCE. */
    public static AsPathSegment sequence(final long... asns)
    {
        return new AsPathSegment(AS_SEQUENCE, java.util.Arrays.stream(asns).boxed().toList());
    }

    /** An AS_SET. */
    public static AsPathSegment set(final long... asns)
    {
        return new AsPathSegment(AS_SET, java.util.Arrays.stream(asns).boxed().toList());
    }

    /** GoBGP's form: {@code 65001 65002} for a sequence, {@code {65003,65004}} for a set, {@code (..)} and
     * {@code [..]} for the confederation types. */
    @Override
    public String toString()
    {
        final String sep = type == AS_SEQUENCE || type == AS_CONFED_SEQUENCE ? " " : ",";
        final StringBuilder sb = new StringBuilder();
        for (final long as : asns)
        {
            sb.append(sb.length() == 0 ? "" : sep).append(as);
        }
        switch (type)
        {
            case AS_SET: return "{" + sb + "}";
            case AS_CONFED_SEQUENCE: return "(" + sb + ")";
            case AS_CONFED_SET: return "[" + sb + "]";
            default: return sb.toString();
        }
    }
}
