package net.srv6epe.dataplane.port;

/**
 * The counters every {@link Port} keeps, declared once with a stable id (the ordinal: append only) and the label
 * shown by the CLI and metrics.
 */
public enum PortCounter
{
    RX_PACKETS("port.rx.packets", "frames received and handed to the handler"),
    RX_BYTES("port.rx.bytes", "bytes of the frames received"),
    RX_DROPPED("port.rx.dropped", "frames the backend dropped before we read them (ring or buffer full)"),
    RX_ERRORS("port.rx.errors", "receive calls that failed"),
    TX_PACKETS("port.tx.packets", "frames sent"),
    TX_BYTES("port.tx.bytes", "bytes of the frames sent"),
    TX_ERRORS("port.tx.errors", "frames refused: back-pressure, too large, or a backend error");

    private static final PortCounter[] VALUES = values();

    private final String label;
    private final String description;

    PortCounter(final String label, final String description)
    {
        this.label = label;
        this.description = description;
    }

    /** Stable numeric id: the ordinal. */
    public int id()
    {
        return ordinal();
    }

    /** The metric name, e.g. {@code port.rx.packets}. */
    public String label()
    {
        return label;
    }

    /** One line for operators. */
    public String description()
    {
        return description;
    }

    /** Number of counters. */
    public static int count()
    {
        return VALUES.length;
    }

    /** The counter with this id. */
    public static PortCounter fromId(final int id)
    {
        return VALUES[id];
    }
}
