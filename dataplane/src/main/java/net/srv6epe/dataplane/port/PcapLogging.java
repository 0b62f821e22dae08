package net.srv6epe.dataplane.port;

/**
 * pcap4j logs at INFO on every {@code dispatch} call ("Starting dispatch." / "Finish dispatch."): on a polling
 * worker that is a log line per poll. Unless the operator configured the {@code org.pcap4j} level for
 * slf4j-simple, we lower it to WARN before the first pcap4j logger is created.
 */
final class PcapLogging
{
    private static final String KEY = "org.slf4j.simpleLogger.log.org.pcap4j";

    static
    {
        if (System.getProperty(KEY) == null)
        {
            System.setProperty(KEY, "warn");
        }
    }

    private PcapLogging()
    {
    }

    /** Runs the static initializer once; call before touching any pcap4j class. */
    static void quiet()
    {
    }
}
