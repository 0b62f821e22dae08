package net.srv6epe.perf;

import java.util.concurrent.TimeUnit;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.Srh;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The one complete SRH validation every SRv6 endpoint behavior runs before it reads the header ({@link Srh#validate}:
 * lengths, Last Entry, Segments Left, every TLV), on an SRH of {@code segments} segments, with no TLV or with 8
 * octets of padding TLVs ({@code tlvs=padding}: a PadN of 4 octets and two Pad1, so the walk visits three TLVs).
 *
 * <pre>
 * java -jar perf/target/benchmarks.jar SrhBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class SrhBenchmark
{
    @Param({ "1", "3", "8" })
    public int segments;

    @Param({ "none", "padding" })
    public String tlvs;

    private final Srh srh = new Srh();
    private UnsafeBuffer buffer;
    private int length;

    @Setup(Level.Trial)
    public void setUp()
    {
        final int tlv = "padding".equals(tlvs) ? 8 : 0;
        length = Srh.FIXED_LENGTH + Srh.SEGMENT_LENGTH * segments + tlv;
        if ((length & 7) != 0)
        {
            throw new IllegalStateException("SRH of " + length + " octets is not a multiple of 8");
        }
        buffer = new UnsafeBuffer(new byte[length]);
        buffer.putByte(Srh.NEXT_HEADER_OFFSET, (byte)41);
        buffer.putByte(Srh.HDR_EXT_LEN_OFFSET, (byte)(length / 8 - 1));
        buffer.putByte(Srh.ROUTING_TYPE_OFFSET, (byte)4);
        buffer.putByte(Srh.SEGMENTS_LEFT_OFFSET, (byte)(segments - 1));
        buffer.putByte(Srh.LAST_ENTRY_OFFSET, (byte)(segments - 1));
        for (int i = 0; i < segments; i++)
        {
            buffer.putLong(Srh.SEGMENT_LIST_OFFSET + 16 * i, 0xfc00_000a_0000_0000L + i);
        }
        if (tlv != 0)
        {
            final int t = Srh.FIXED_LENGTH + Srh.SEGMENT_LENGTH * segments;
            buffer.putByte(t, (byte)Srh.TLV_PADN);
            buffer.putByte(t + 1, (byte)4); // then 4 octets of zeros, then two Pad1 (type 0)
        }
        if (validate() != null)
        {
            throw new IllegalStateException("the benchmark's SRH is not valid: " + validate());
        }
    }

    /** Wraps and validates the SRH; null when valid. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public DropReason validate()
    {
        return srh.wrap(buffer, 0, length).validate();
    }
}
