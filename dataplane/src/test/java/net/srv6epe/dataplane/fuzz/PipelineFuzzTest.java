package net.srv6epe.dataplane.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineFixture;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target over whole Ethernet frames through the router's pipeline (Ethernet, ARP/NDP punt, IPv6/IPv4,
 * local SIDs and every behavior they are bound to, PBR, LPM, encapsulation, ICMP errors, neighbor hand-off),
 * on the two-port router of {@link PipelineFixture}.
 *
 * <p>Input: byte 0 picks the ingress port (bit 0), the rest is the frame. The frame sits at the very end of a
 * buffer that has exactly the pipeline's headroom in front of it, and agrona's bounds checks are on, so a read
 * past the frame's end throws and fails the test; no exception may escape the pipeline. Every frame the pipeline
 * sends is a well-formed Ethernet frame of at most the frame's length plus the largest encapsulation.
 *
 * <p>In plain {@code mvn test} this replays the committed corpus in
 * {@code src/test/resources/net/srv6epe/dataplane/fuzz/PipelineFuzzTestInputs/fuzzFrames/} (Jazzer regression
 * mode); {@code JAZZER_FUZZ=1 mvn test -pl dataplane -Dtest=PipelineFuzzTest} fuzzes for new inputs.
 */
class PipelineFuzzTest
{
    private final PipelineFixture fixture = new PipelineFixture();

    @FuzzTest(maxDuration = "30s")
    void fuzzFrames(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final int port = input[0] & 1;
        final int length = input.length - 1;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Pipeline.HEADROOM + length]);
        buffer.putBytes(Pipeline.HEADROOM, input, 1, length);
        fixture.sent.clear();
        fixture.pipeline.beginBatch();
        fixture.pipeline.process(port, buffer, Pipeline.HEADROOM, length);
        for (final byte[] frame : fixture.sent)
        {
            assertTrue(frame.length >= 14 + 40 || frame.length >= 14 + 20, "runt frame sent: " + frame.length);
            assertTrue(frame.length <= Math.max(length, 14 + 1280) + Pipeline.HEADROOM, "frame grew too much");
        }
    }
}
