package net.srv6epe.bgp.wire.attribute;

/** Path attribute type codes this layer knows (IANA "BGP Path Attributes"), with names and expected flags. */
public final class AttributeType
{
    public static final int ORIGIN = 1;
    public static final int AS_PATH = 2;
    public static final int NEXT_HOP = 3;
    public static final int MULTI_EXIT_DISC = 4;
    public static final int LOCAL_PREF = 5;
    public static final int ATOMIC_AGGREGATE = 6;
    public static final int AGGREGATOR = 7;
    public static final int COMMUNITIES = 8;
    public static final int ORIGINATOR_ID = 9;
    public static final int CLUSTER_LIST = 10;
    public static final int MP_REACH_NLRI = 14;
    public static final int MP_UNREACH_NLRI = 15;
    public static final int EXTENDED_COMMUNITIES = 16;
    public static final int AS4_PATH = 17;
    public static final int AS4_AGGREGATOR = 18;
    public static final int PREFIX_SID = 40;

    private AttributeType()
    {
    }

    /** The IANA name, or {@code type N}. */
    public static String name(final int type)
    {
        switch (type)
        {
            case ORIGIN: return "ORIGIN";
            case AS_PATH: return "AS_PATH";
            case NEXT_HOP: return "NEXT_HOP";
            case MULTI_EXIT_DISC: return "MULTI_EXIT_DISC";
            case LOCAL_PREF: return "LOCAL_PREF";
            case ATOMIC_AGGREGATE: return "ATOMIC_AGGREGATE";
            case AGGREGATOR: return "AGGREGATOR";
            case COMMUNITIES: return "COMMUNITIES";
            case ORIGINATOR_ID: return "ORIGINATOR_ID";
            case CLUSTER_LIST: return "CLUSTER_LIST";
            case MP_REACH_NLRI: return "MP_REACH_NLRI";
            case MP_UNREACH_NLRI: return "MP_UNREACH_NLRI";
            case EXTENDED_COMMUNITIES: return "EXTENDED_COMMUNITIES";
            case AS4_PATH: return "AS4_PATH";
            case AS4_AGGREGATOR: return "AS4_AGGREGATOR";
            case PREFIX_SID: return "BGP Prefix-SID";
            default: return "type " + type;
        }
    }

    /** True for the types this layer decodes into a typed attribute. */
    public static boolean isKnown(final int type)
    {
        return expectedFlags(type) >= 0;
    }

    /**
     * The Optional and Transitive bits the attribute's RFC requires (RFC 4271 5, RFC 4760 3-4, RFC 4360 2,
     * RFC 4456 8, RFC 6793 3, RFC 8669 3), or -1 for a type this layer does not know.
     */
    public static int expectedFlags(final int type)
    {
        switch (type)
        {
            case ORIGIN:
            case AS_PATH:
            case NEXT_HOP:
            case LOCAL_PREF:
            case ATOMIC_AGGREGATE:
                return AttributeFlags.WELL_KNOWN;
            case MULTI_EXIT_DISC:
            case ORIGINATOR_ID:
            case CLUSTER_LIST:
            case MP_REACH_NLRI:
            case MP_UNREACH_NLRI:
                return AttributeFlags.OPTIONAL_NON_TRANSITIVE;
            case AGGREGATOR:
            case COMMUNITIES:
            case EXTENDED_COMMUNITIES:
            case AS4_PATH:
            case AS4_AGGREGATOR:
            case PREFIX_SID:
                return AttributeFlags.OPTIONAL_TRANSITIVE;
            default:
                return -1;
        }
    }
}
