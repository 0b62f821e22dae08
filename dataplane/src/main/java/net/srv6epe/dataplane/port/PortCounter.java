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
    TX_ERRORS("port.tx.errors", "frames refused: back-pressure, too large, or a backend error"),
    RX_CHECKSUM_COMPLETED("port.rx.checksum-completed",
        "frames whose TCP/UDP/ICMP checksum the sending kernel left to the hardware, finished by the port"),
    RX_GSO_SPLIT("port.rx.gso-split",
        "GSO/GRO super-frames (TSO, USO, GRO) split by the port into the frames a NIC would have sent"),
    RX_OFFLOAD_ERRORS("port.rx.offload-errors",
        "frames dropped because their offload metadata could not be honoured (checksum offsets outside the " +
        "frame, a GSO type or header chain the port does not split)"),
    RX_TRUNCATED("port.rx.truncated", "frames dropped because they were larger than the receive ring holds"),
    RX_RING_FREEZES("port.rx.ring-freezes",
        "times the kernel found every receive ring block still held by the reader (frames dropped meanwhile " +
        "are in rx.dropped)"),
    TX_BACKPRESSURE_DROPS("port.tx.backpressure-drops",
        "frames dropped after bounded retries because the kernel kept refusing them (socket buffer or device " +
        "queue full); also counted in tx.errors"),
    TX_IN_PLACE("port.tx.in-place",
        "frames sent from the memory they were received in, without a copy (af-xdp ports of one worker share it); " +
        "also counted in tx.packets"),
    RX_NO_BUFFER("port.rx.no-buffer",
        "frames the kernel dropped because it found no free receive buffer (an af-xdp fill ring left empty) or " +
        "the frame did not fit one; also counted in rx.dropped, where the rest are receive ring overruns");

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
