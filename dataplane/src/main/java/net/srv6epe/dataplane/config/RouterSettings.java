package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

import net.srv6epe.dataplane.worker.WorkerIdle;

/**
 * The {@code router:} section: identity and process-wide settings.
 *
 * @param name          {@code name}: required, {@code [a-z0-9-]+}; names the control socket and log lines.
 * @param controlSocket {@code control-socket}: path of the CLI's Unix domain socket;
 *                      default {@code /run/srv6-epe/<name>.sock} ({@link ConfigDefaults#controlSocket(String)}).
 * @param encapSource   {@code encap-source}: IPv6 source address of the outer header H.Encaps builds; required
 *                      when any route encapsulates, else may be null.
 * @param workers       {@code workers}: number of forwarding worker threads, 1..{@value ConfigDefaults#MAX_WORKERS};
 *                      default {@value ConfigDefaults#WORKERS}.
 * @param icmp          {@code icmp}: ICMP error generation; default {@link IcmpSettings#DEFAULT}.
 * @param metrics       {@code metrics}: the Prometheus endpoint; default {@link MetricsSettings#DEFAULT}.
 * @param journalDir    {@code journal-dir}: directory of the route-event and flow-stats journals (Chronicle
 *                      queues {@code events/} and {@code flows/} under it, created when missing); default
 *                      {@code /var/lib/srv6-epe/<name>} ({@link ConfigDefaults#journalDir(String)}).
 * @param flowStats     {@code flow-stats}: per-flow counters; default {@link FlowStatsSettings#DEFAULT}.
 * @param journalRetentionHours {@code journal-retention-hours}: hourly journal files older than this are deleted
 *                      (0: kept forever); default {@value ConfigDefaults#JOURNAL_RETENTION_HOURS}.
 * @param workerCpus    {@code worker-cpus}: the CPU each worker thread is pinned to, one per worker, in worker order;
 *                      default empty: not pinned (the threads run where the scheduler puts them).
 * @param workerIdle    {@code worker-idle}: {@code backoff} (park when idle), {@code spin} (poll continuously,
 *                      for pinned workers: lowest latency) or {@code yield} (poll, giving the CPU up between empty
 *                      rounds, beside a pinned NAPI thread); default {@code backoff} ({@link WorkerIdle}).
 */
public record RouterSettings(
    String name,
    String controlSocket,
    String encapSource,
    int workers,
    IcmpSettings icmp,
    MetricsSettings metrics,
    String journalDir,
    FlowStatsSettings flowStats,
    int journalRetentionHours,
    @JsonProperty("worker-cpus") List<Integer> workerCpus,
    @JsonProperty("worker-idle") WorkerIdle workerIdle)
{
    /** Settings whose workers are not pinned. */
    public RouterSettings(
        final String name, final String controlSocket, final String encapSource, final int workers,
        final IcmpSettings icmp, final MetricsSettings metrics, final String journalDir,
        final FlowStatsSettings flowStats, final int journalRetentionHours)
    {
        this(name, controlSocket, encapSource, workers, icmp, metrics, journalDir, flowStats, journalRetentionHours,
            List.of(), ConfigDefaults.WORKER_IDLE);
    }

    /** Settings with the default journal retention. */
    public RouterSettings(
        final String name, final String controlSocket, final String encapSource, final int workers,
        final IcmpSettings icmp, final MetricsSettings metrics, final String journalDir,
        final FlowStatsSettings flowStats)
    {
        this(name, controlSocket, encapSource, workers, icmp, metrics, journalDir, flowStats,
            ConfigDefaults.JOURNAL_RETENTION_HOURS);
    }

    /** Settings with the default journal directory and flow statistics. */
    public RouterSettings(
        final String name, final String controlSocket, final String encapSource, final int workers,
        final IcmpSettings icmp, final MetricsSettings metrics)
    {
        this(name, controlSocket, encapSource, workers, icmp, metrics, ConfigDefaults.journalDir(name),
            FlowStatsSettings.DEFAULT);
    }

    /** Settings with the default metrics endpoint ({@link MetricsSettings#DEFAULT}). */
    public RouterSettings(
        final String name, final String controlSocket, final String encapSource, final int workers,
        final IcmpSettings icmp)
    {
        this(name, controlSocket, encapSource, workers, icmp, MetricsSettings.DEFAULT);
    }

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static RouterSettings of(
        @JsonProperty("name") final String name,
        @JsonProperty("control-socket") final String controlSocket,
        @JsonProperty("encap-source") final String encapSource,
        @JsonProperty("workers") final Integer workers,
        @JsonProperty("icmp") final IcmpSettings icmp,
        @JsonProperty("metrics") final MetricsSettings metrics,
        @JsonProperty("journal-dir") final String journalDir,
        @JsonProperty("flow-stats") final FlowStatsSettings flowStats,
        @JsonProperty("journal-retention-hours") final Integer journalRetentionHours,
        @JsonProperty("worker-cpus") final List<Integer> workerCpus,
        @JsonProperty("worker-idle") final WorkerIdle workerIdle)
    {
        return new RouterSettings(
            name,
            controlSocket == null ? ConfigDefaults.controlSocket(name) : controlSocket,
            encapSource,
            workers == null ? ConfigDefaults.WORKERS : workers,
            icmp == null ? IcmpSettings.DEFAULT : icmp,
            metrics == null ? MetricsSettings.DEFAULT : metrics,
            journalDir == null ? ConfigDefaults.journalDir(name) : journalDir,
            flowStats == null ? FlowStatsSettings.DEFAULT : flowStats,
            journalRetentionHours == null ? ConfigDefaults.JOURNAL_RETENTION_HOURS : journalRetentionHours,
            ConfigLists.copyOf(workerCpus),
            workerIdle == null ? ConfigDefaults.WORKER_IDLE : workerIdle);
    }
}
