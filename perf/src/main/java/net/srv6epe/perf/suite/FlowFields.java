package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Where a scenario's flow templates ({@link FrameBuilder}) differ, so the xdp generator's program can make every
 * flow's frame from flow 0's: the UDP source port (flow f: {@link FrameBuilder#BASE_PORT} + f, two octets) and,
 * when each flow has a destination of its own ({@code pbr-1m}), a 32-bit field holding f × {@code destinationStep}
 * (both big-endian). Found by comparing the templates; every flow is checked to be flow 0's with these two fields
 * rewritten, octet for octet.
 *
 * @param portOffset        where the UDP source port is.
 * @param destinationOffset where the 32-bit destination field is, or {@link #NONE}.
 * @param destinationStep   the field's value for flow 1 (flow f has f times it).
 */
record FlowFields(int portOffset, int destinationOffset, long destinationStep)
{
    /** No destination field: the flows share one destination. */
    static final int NONE = -1;

    /**
     * The fields of {@code templates} (one per flow, at least two), each {@code length} octets.
     *
     * @throws IllegalArgumentException naming the flow and octet that differ otherwise.
     */
    static FlowFields of(final UnsafeBuffer[] templates, final int length)
    {
        if (templates.length < 2)
        {
            throw new IllegalArgumentException("two templates needed to find where the flows differ");
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < length; i++)
        {
            if (templates[0].getByte(i) != templates[1].getByte(i))
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        final int port = last - 1;
        if (port < 0 || port16(templates[0], port) != FrameBuilder.BASE_PORT ||
            port16(templates[1], port) != FrameBuilder.BASE_PORT + 1)
        {
            throw refused("flows 0 and 1 do not differ last in their UDP source port");
        }
        if (first >= port)
        {
            final FlowFields portOnly = new FlowFields(port, NONE, 0);
            check(templates, length, portOnly);
            return portOnly;
        }
        int lastOther = first;
        for (int i = first; i < port; i++)
        {
            if (templates[0].getByte(i) != templates[1].getByte(i))
            {
                lastOther = i;
            }
        }
        IllegalArgumentException why = refused("flows 0 and 1 differ over more than four octets before the port");
        // any 4-octet window over the differing octets that holds f x step in every flow makes every frame alike
        for (int at = Math.max(0, lastOther - 3); at <= first; at++)
        {
            if (at + 4 > port || (templates[0].getInt(at, BIG_ENDIAN) != 0))
            {
                continue;
            }
            final FlowFields fields = new FlowFields(port, at, templates[1].getInt(at, BIG_ENDIAN) & 0xFFFF_FFFFL);
            try
            {
                check(templates, length, fields);
                return fields;
            }
            catch (final IllegalArgumentException ex)
            {
                why = ex;
            }
        }
        throw why;
    }

    /** Whether octet {@code i} is in one of the fields. */
    boolean covers(final int i)
    {
        return i == portOffset || i == portOffset + 1 ||
            destinationOffset != NONE && i >= destinationOffset && i < destinationOffset + 4;
    }

    private static void check(final UnsafeBuffer[] templates, final int length, final FlowFields fields)
    {
        for (int f = 1; f < templates.length; f++)
        {
            if (port16(templates[f], fields.portOffset) != FrameBuilder.BASE_PORT + f)
            {
                throw refused("flow " + f + "'s UDP source port is not " + (FrameBuilder.BASE_PORT + f));
            }
            if (fields.destinationOffset != NONE && (templates[f].getInt(fields.destinationOffset, BIG_ENDIAN) &
                0xFFFF_FFFFL) != (f * fields.destinationStep & 0xFFFF_FFFFL))
            {
                throw refused("flow " + f + "'s destination is not " + f + " steps from flow 0's");
            }
            for (int i = 0; i < length; i++)
            {
                if (!fields.covers(i) && templates[f].getByte(i) != templates[0].getByte(i))
                {
                    throw refused("flow " + f + " differs at octet " + i);
                }
            }
        }
    }

    private static int port16(final UnsafeBuffer frame, final int at)
    {
        return frame.getShort(at, BIG_ENDIAN) & 0xFFFF;
    }

    private static IllegalArgumentException refused(final String why)
    {
        return new IllegalArgumentException("the xdp generator makes flows that differ in their UDP source port " +
            "and one 32-bit destination field only; " + why + " (use --gen-backend af-packet)");
    }
}
