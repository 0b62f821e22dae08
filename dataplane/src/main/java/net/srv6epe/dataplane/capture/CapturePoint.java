package net.srv6epe.dataplane.capture;

import java.util.Locale;

/**
 * Where in the path of a frame a capture copies it. The id is the record's message type in the capture ring and
 * never changes; the bit selects the point in a filter's mask.
 */
public enum CapturePoint
{
    /** As received from a port, before any processing. */
    IN(1, "in"),
    /** As handed to a port for sending (Ethernet rewritten, after encapsulation / decapsulation). */
    OUT(2, "out"),
    /** A frame the pipeline dropped: the frame as received, with its drop reason. */
    DROP(3, "drop");

    /** Every point: the default mask. */
    public static final int ALL = IN.bit() | OUT.bit() | DROP.bit();

    private static final CapturePoint[] BY_ID = { null, IN, OUT, DROP };

    private final int id;
    private final String label;

    CapturePoint(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /** The stable id: the message type of the point's records in the capture ring (never 0). */
    public int id()
    {
        return id;
    }

    /** The point's bit in a filter mask. */
    public int bit()
    {
        return 1 << id;
    }

    /** The operator's name: {@code in}, {@code out}, {@code drop}. */
    public String label()
    {
        return label;
    }

    /** Whether {@code mask} selects this point. */
    public boolean in(final int mask)
    {
        return (mask & bit()) != 0;
    }

    /**
     * The point of a ring record's message type.
     *
     * @throws IllegalArgumentException for an id no point has
     */
    public static CapturePoint ofId(final int id)
    {
        if (id <= 0 || id >= BY_ID.length)
        {
            throw new IllegalArgumentException("no capture point with id " + id);
        }
        return BY_ID[id];
    }

    /**
     * The point with this label.
     *
     * @throws IllegalArgumentException naming the label and the known ones
     */
    public static CapturePoint ofLabel(final String label)
    {
        for (final CapturePoint p : values())
        {
            if (p.label.equals(label))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown capture point '" + label + "' (known: in, out, drop, all)");
    }

    /**
     * Parses the operator's {@code --point}: {@code in}, {@code out}, {@code drop}, {@code all}, or a comma
     * list of them ({@code in,drop}).
     *
     * @return the mask of the points named
     * @throws IllegalArgumentException naming the word that is not a point
     */
    public static int parseMask(final String text)
    {
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("no capture point given (known: in, out, drop, all)");
        }
        int mask = 0;
        for (final String word : text.split(","))
        {
            final String w = word.strip().toLowerCase(Locale.ROOT);
            mask |= "all".equals(w) ? ALL : ofLabel(w).bit();
        }
        return mask;
    }

    /** The mask as the operator writes it: {@code all} or a comma list in the order in, out, drop. */
    public static String formatMask(final int mask)
    {
        if ((mask & ALL) == ALL)
        {
            return "all";
        }
        final StringBuilder text = new StringBuilder();
        for (final CapturePoint p : values())
        {
            if (p.in(mask))
            {
                text.append(text.length() == 0 ? "" : ",").append(p.label);
            }
        }
        return text.toString();
    }
}
