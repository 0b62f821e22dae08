package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteFrameBuilderTest
{
    private static final long DST = 0x02_5e_5e_00_01_01L;
    private static final long SRC = 0x02_5e_5e_00_01_02L;

    /** Inner frame sizes (raised to the minimum) and the frame on the wire, at the sizes VPP tests use. */
    @ParameterizedTest
    @CsvSource({
        "ipv6-forward, 64, 78, 78", "ipv6-forward, 1500, 1500, 1500", "h-encaps-v4, 64, 64, 64",
        "end-dt6, 64, 78, 142", "end, 512, 512, 592", "end-dt46, 9000, 9000, 9064"})
    void sizesFollowTheInnerFrame(final String scenario, final int requested, final int inner, final int wire)
    {
        final Scenario s = Scenario.byName(scenario);
        assertEquals(inner, FrameBuilder.innerFrameSize(s, requested));
        assertEquals(wire, FrameBuilder.wireFrameSize(s, requested));
        final UnsafeBuffer[] frames = FrameBuilder.templates(s, requested, 2, DST, SRC);
        assertEquals(wire, frames[0].capacity());
    }

    @Test
    void srv6InputCarriesTheSidsReversedWithSegmentsLeftAtTheFirst()
    {
        // IPv6(gen, End)SRH(b::1, End; SL=1)IPv6(gen, dst)UDP
        final UnsafeBuffer f = FrameBuilder.templates(Scenario.END, 64, 1, DST, SRC)[0];
        assertEquals(0x86DD, f.getShort(12, BIG_ENDIAN) & 0xFFFF);
        assertEquals(43, f.getByte(14 + 6));
        assertArrayEquals(FrameBuilder.address(Addressing.SID_END), bytes(f, 14 + 24, 16));
        final int srh = 14 + 40;
        assertEquals(41, f.getByte(srh));
        assertEquals(4, f.getByte(srh + 1));     // (8 + 2 * 16) / 8 - 1
        assertEquals(4, f.getByte(srh + 2));
        assertEquals(1, f.getByte(srh + 3));     // segments left
        assertEquals(1, f.getByte(srh + 4));     // last entry
        assertArrayEquals(FrameBuilder.address(Addressing.REMOTE_SID_1), bytes(f, srh + 8, 16));
        assertArrayEquals(FrameBuilder.address(Addressing.SID_END), bytes(f, srh + 24, 16));
        final int inner = srh + 40;
        assertEquals(0x60, f.getByte(inner) & 0xF0);
        assertEquals(f.capacity() - inner - 40, f.getShort(inner + 4, BIG_ENDIAN) & 0xFFFF);
        assertEquals(f.capacity() - 14 - 40, f.getShort(14 + 4, BIG_ENDIAN) & 0xFFFF);
    }

    @Test
    void ipv4HeaderChecksumVerifiesAndFlowsDifferInTheSourcePort()
    {
        final UnsafeBuffer[] frames = FrameBuilder.templates(Scenario.H_ENCAPS_V4, 64, 3, DST, SRC);
        assertEquals(0x0800, frames[0].getShort(12, BIG_ENDIAN) & 0xFFFF);
        // a correct header sums to 0xFFFF, so its recomputed checksum (field included) is 0
        assertEquals(0, FrameBuilder.ipv4Checksum(frames[0], 14));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(FrameBuilder.BASE_PORT + i, frames[i].getShort(14 + 20, BIG_ENDIAN) & 0xFFFF);
        }
        assertEquals(64 - 14 - 20, frames[0].getShort(14 + 20 + 4, BIG_ENDIAN) & 0xFFFF);
    }

    @Test
    void trailerRoundTripsAtTheEndOfTheFrame()
    {
        final UnsafeBuffer f = FrameBuilder.templates(Scenario.IPV6_FORWARD, 200, 1, DST, SRC)[0];
        FrameTrailer.write(f, 200, FrameTrailer.MEASURE, 0xFFFF_FFFEL, 123_456_789_012L);
        // read back through an offset, as the sink sees it in a ring
        final UnsafeBuffer ring = new UnsafeBuffer(new byte[300]);
        ring.putBytes(50, f, 0, 200);
        assertEquals(FrameTrailer.MEASURE, FrameTrailer.magic(ring, 50, 200));
        assertEquals(0xFFFF_FFFEL, FrameTrailer.sequence(ring, 50, 200));
        assertEquals(123_456_789_012L, FrameTrailer.sendNs(ring, 50, 200));
        assertEquals(0, FrameTrailer.magic(ring, 0, 10));
    }

    private static byte[] bytes(final UnsafeBuffer b, final int at, final int n)
    {
        final byte[] out = new byte[n];
        b.getBytes(at, out);
        return out;
    }
}
