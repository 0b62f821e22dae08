package net.srv6epe.dataplane.journal;

/** What a route event is about. */
public enum ChangeKind
{
    /** A FIB route: the key is the prefix, the actions are {@code RouteAction} text ({@code via ... dev ...}). */
    ROUTE("route"),
    /** A local SID: the key is the SID, the actions are its behavior and attributes ({@code action End.DT6 ...}). */
    SID("sid"),
    /** A PBR rule: the key is {@code priority: from ... [to ...]}, the actions are {@code lookup VRF}. */
    RULE("rule");

    private final String label;

    ChangeKind(final String label)
    {
        this.label = label;
    }

    /** Lower-case name used in the journal and the CLI. */
    public String label()
    {
        return label;
    }

    /** The kind with that label. */
    public static ChangeKind ofLabel(final String label)
    {
        for (final ChangeKind k : values())
        {
            if (k.label.equals(label))
            {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown change kind '" + label + "'");
    }
}
