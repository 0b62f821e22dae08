package net.srv6epe.dataplane.config;

import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.dataplane.worker.WorkerIdle;

/**
 * Every default value of the configuration file, in one place. The records apply them when a key is absent
 * (or explicitly {@code null}); the validator checks the resulting values against the limits declared here.
 */
public final class ConfigDefaults
{
    /** Name of the VRF that always exists and that ports, encap routes and outer lookups use by default. */
    public static final String DEFAULT_VRF = "default";

    /** Kernel-style table id of the default VRF (the Linux "main" table). */
    public static final long DEFAULT_VRF_TABLE = 254;

    /** Largest table id (2^32 - 1). */
    public static final long MAX_TABLE = 0xFFFF_FFFFL;

    /** Directory of the default control socket, {@code /run/srv6-epe/<name>.sock}. */
    public static final String CONTROL_SOCKET_DIR = "/run/srv6-epe";

    /** Number of forwarding workers when {@code router.workers} is absent. */
    public static final int WORKERS = 1;

    /** Largest accepted {@code router.workers}. */
    public static final int MAX_WORKERS = 256;

    /** CPU numbers {@code router.worker-cpus} may name: 0..MAX_CPUS-1 (the CPU mask the pinning call passes). */
    public static final int MAX_CPUS = 1024;

    /** Whether ICMP error generation is on when {@code router.icmp.enabled} is absent. */
    public static final boolean ICMP_ENABLED = true;

    /** ICMP errors per second when {@code router.icmp.rate-per-second} is absent. */
    public static final int ICMP_RATE_PER_SECOND = 100;

    /** ICMP error burst when {@code router.icmp.burst} is absent. */
    public static final int ICMP_BURST = 50;

    /** Where the metrics endpoint listens when {@code router.metrics.listen} is absent: loopback only. */
    public static final String METRICS_LISTEN = "127.0.0.1:9469";

    /** The {@code router.metrics.listen} value that turns the metrics endpoint off. */
    public static final String METRICS_OFF = "off";

    /** Parent of the default journal directory, {@code /var/lib/srv6-epe/<name>}. */
    public static final String JOURNAL_ROOT = "/var/lib/srv6-epe";

    /** Whether flow statistics are collected when {@code router.flow-stats.enabled} is absent. */
    public static final boolean FLOW_STATS_ENABLED = true;

    /** Flow-stats sampling period when {@code router.flow-stats.interval-ms} is absent. */
    public static final int FLOW_STATS_INTERVAL_MS = 100;

    /** Smallest accepted {@code router.flow-stats.interval-ms}. */
    public static final int MIN_FLOW_STATS_INTERVAL_MS = 10;

    /** Largest accepted {@code router.flow-stats.interval-ms} (one minute). */
    public static final int MAX_FLOW_STATS_INTERVAL_MS = 60_000;

    /** Flows tracked per worker when {@code router.flow-stats.max-flows} is absent. */
    public static final int FLOW_STATS_MAX_FLOWS = 65_536;

    /** Smallest accepted {@code router.flow-stats.max-flows}. */
    public static final int MIN_FLOW_STATS_MAX_FLOWS = 16;

    /** Largest accepted {@code router.flow-stats.max-flows} (2^22). */
    public static final int MAX_FLOW_STATS_MAX_FLOWS = 1 << 22;

    /** Port MTU when {@code ports[].mtu} is absent. */
    public static final int MTU = 1500;

    /** Smallest accepted port MTU (the IPv6 minimum link MTU, RFC 8200 section 5). */
    public static final int MIN_MTU = 1280;

    /** Largest accepted port MTU (jumbo frames). */
    public static final int MAX_MTU = 9216;

    /**
     * Frame I/O backend when {@code ports[].backend} is absent: AF_PACKET rings (pcap where packet sockets cannot be
     * opened, see {@link net.srv6epe.dataplane.port.PortFactory}).
     */
    public static final PortBackend BACKEND = PortBackend.AF_PACKET;
    /** {@code router.worker-idle}. */
    public static final WorkerIdle WORKER_IDLE = WorkerIdle.BACKOFF;
    /** {@code ports[].rx-ring}. */
    public static final RxRingKind RX_RING = RxRingKind.BLOCKS;

    /** Encap mode when {@code encap.mode} is absent. */
    public static final String ENCAP_MODE = "H.Encaps";

    /** Largest number of segments in one SID list (keeps the SRH within one 128-byte cache-friendly header). */
    public static final int MAX_SEGMENTS = 16;

    private ConfigDefaults()
    {
    }

    /**
     * The default control socket path of a router.
     *
     * @param routerName the router's name, or null when the configuration has none (then the result is null).
     * @return {@code /run/srv6-epe/<name>.sock}.
     */
    public static String controlSocket(final String routerName)
    {
        return routerName == null ? null : CONTROL_SOCKET_DIR + "/" + routerName + ".sock";
    }

    /** {@code router.journal-retention-hours}: a week of hourly journal files. */
    public static final int JOURNAL_RETENTION_HOURS = 168;

    /** Longest {@code router.journal-retention-hours}: ten years. */
    public static final int MAX_JOURNAL_RETENTION_HOURS = 87_600;

    /**
     * The default journal directory of a router.
     *
     * @param routerName the router's name, or null when the configuration has none (then the result is null).
     * @return {@code /var/lib/srv6-epe/<name>}.
     */
    public static String journalDir(final String routerName)
    {
        return routerName == null ? null : JOURNAL_ROOT + "/" + routerName;
    }
}
