package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code bond:} of an End.DT4/6/46 SID: this SID is a bond's tail end (docs/BONDING.md). Packets carrying
 * the bond TLV are resequenced before they are decapsulated and routed; feedback goes back to the head end.
 *
 * @param bufferPackets      {@code buffer-packets}: reorder buffer slots per (bond, stream), a power of two,
 *                           16..65536; default 1024.
 * @param holdMinMs          {@code hold-min-ms}: the shortest hold time; default 2.
 * @param holdMaxMs          {@code hold-max-ms}: the longest hold time; default 100.
 * @param feedbackIntervalMs {@code feedback-interval-ms}: how often feedback is sent; default 20.
 * @param feedbackPaths      {@code feedback-paths}: reverse SID lists; one feedback copy goes along each (the head's
 *                           address appended as the last segment); default none: routed plainly.
 */
public record SidBondConfig(
    int bufferPackets, int holdMinMs, int holdMaxMs, int feedbackIntervalMs, List<List<String>> feedbackPaths)
{
    /** Default of {@code buffer-packets}. */
    public static final int BUFFER_PACKETS = 1024;
    /** Default of {@code hold-min-ms}. */
    public static final int HOLD_MIN_MS = 2;
    /** Default of {@code hold-max-ms}. */
    public static final int HOLD_MAX_MS = 100;
    /** Default of {@code feedback-interval-ms}. */
    public static final int FEEDBACK_INTERVAL_MS = 20;

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static SidBondConfig of(
        @JsonProperty("buffer-packets") final Integer bufferPackets,
        @JsonProperty("hold-min-ms") final Integer holdMinMs,
        @JsonProperty("hold-max-ms") final Integer holdMaxMs,
        @JsonProperty("feedback-interval-ms") final Integer feedbackIntervalMs,
        @JsonProperty("feedback-paths") final List<List<String>> feedbackPaths)
    {
        final List<List<String>> paths = new java.util.ArrayList<>();
        for (final List<String> p : ConfigLists.copyOf(feedbackPaths))
        {
            paths.add(p == null ? null : ConfigLists.copyOf(p));
        }
        return new SidBondConfig(
            bufferPackets == null ? BUFFER_PACKETS : bufferPackets,
            holdMinMs == null ? HOLD_MIN_MS : holdMinMs,
            holdMaxMs == null ? HOLD_MAX_MS : holdMaxMs,
            feedbackIntervalMs == null ? FEEDBACK_INTERVAL_MS : feedbackIntervalMs,
            java.util.Collections.unmodifiableList(paths));
    }
}
