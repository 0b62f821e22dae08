package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.srv6epe.dataplane.port.afxdp.Bpf;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The xdp generator's frames: where it finds the flows' UDP port, and its program run by the kernel
 * ({@code BPF_PROG_TEST_RUN} once per frame, the frame as the program left it read back): each frame the template
 * again, its flow's port, the trailer with the window's magic, the next sequence number and a monotonic send time.
 */
class SuiteXdpGeneratorTest
{
    private static final long DST = 0x02_5e_5e_00_01_01L;
    private static final long SRC = 0x02_5e_5e_00_01_02L;

    /** UDP's source port after the headers the generator sends for each scenario; one destination for all flows. */
    @ParameterizedTest
    @CsvSource({"ipv6-forward, 64, 54", "h-encaps, 64, 54", "h-encaps-v4, 64, 34", "end-dt6, 64, 118",
        "end, 1500, 134"})
    void findsTheFlowsUdpSourcePort(final String scenario, final int size, final int expected)
    {
        final Scenario s = Scenario.byName(scenario);
        final int length = FrameBuilder.wireFrameSize(s, size);
        assertEquals(new FlowFields(expected, FlowFields.NONE, 0),
            FlowFields.of(FrameBuilder.templates(s, size, 8, DST, SRC), length));
    }

    /** pbr-1m: each flow's destination is fd00:1000:I/32 with I = flow x 1,000,000 / flows, in octets 4-7. */
    @Test
    void findsTheFlowsDestinationField()
    {
        final Scenario s = Scenario.byName("pbr-1m");
        final FlowFields fields = FlowFields.of(FrameBuilder.templates(s, 64, 8, DST, SRC),
            FrameBuilder.wireFrameSize(s, 64));
        // the IPv6 destination starts at 14 + 24 = 38; its octets 4-7 hold the route's number, 125,000 per flow
        assertEquals(new FlowFields(54, 42, 125_000), fields);
    }

    @Test
    void refusesFlowsThatDifferElsewhere()
    {
        final Scenario s = Scenario.byName("h-encaps");
        final UnsafeBuffer[] templates = FrameBuilder.templates(s, 64, 4, DST, SRC);
        templates[2].putByte(20, (byte)(templates[2].getByte(20) + 1));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
            FlowFields.of(templates, FrameBuilder.wireFrameSize(s, 64)));
        assertTrue(e.getMessage().contains("flow 2 differs at octet 20"), e.getMessage());
    }

    @Test
    void refusesFramesLargerThanAPageTakes()
    {
        final Scenario s = Scenario.byName("h-encaps");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XdpGenerator.open("lo",
            FrameBuilder.templates(s, 9000, 2, DST, SRC), FrameBuilder.wireFrameSize(s, 9000), 2, 0));
        assertTrue(e.getMessage().contains("up to " + XdpGenerator.MAX_FRAME), e.getMessage());
    }

    @EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
        disabledReason = "loads a BPF program (root): run with -Dsrv6epe.netns=true")
    @ParameterizedTest
    @CsvSource({"h-encaps, 64", "end-dt6, 64", "h-encaps, 1500", "pbr-1m, 64"})
    void eachFrameIsTheTemplateWithItsFlowsPortAndTheNextTrailer(final String scenario, final int size)
    {
        final Scenario s = Scenario.byName(scenario);
        final int length = FrameBuilder.wireFrameSize(s, size);
        final int flows = 3;
        final UnsafeBuffer[] templates = FrameBuilder.templates(s, size, flows, DST, SRC);
        final FlowFields fields = FlowFields.of(templates, length);
        final int port = fields.portOffset();
        final XdpGeneratorProgram program = new XdpGeneratorProgram(length, fields, flows, FrameBuilder.BASE_PORT);
        final int mapFd = Bpf.createArrayMap(program.valueSize(), "test: ");
        final int progFd = Bpf.loadXdpProgram(program.instructions(mapFd, Bpf.LOOPBACK_IFINDEX), "srv6epe_gentest",
            false, "test: ");
        try
        {
            final UnsafeBuffer value = direct(program.valueSize());
            final UnsafeBuffer template = direct(length);
            template.putBytes(0, templates[0], 0, length);
            program.value(value, template, FrameTrailer.MEASURE, 0, System.nanoTime());
            Bpf.updateArray(mapFd, value, "test: ");
            final UnsafeBuffer attr = Bpf.testRunAttr();
            final UnsafeBuffer in = direct(length);
            final UnsafeBuffer out = direct(length);
            for (int seq = 0; seq < 2 * flows + 1; seq++)
            {
                // what a DUT may leave in a recycled page: the headers changed, the payload past them marked
                in.putBytes(0, template, 0, length);
                for (int i = 0; i < program.copyLength(); i++)
                {
                    in.putByte(i, (byte)~in.getByte(i));
                }
                final int marked = program.copyLength() < length - FrameTrailer.LENGTH ? program.copyLength() : -1;
                if (marked >= 0)
                {
                    in.putByte(marked, (byte)0x5a);
                }
                final long before = System.nanoTime();
                assertEquals(Bpf.XDP_REDIRECT, Bpf.testRun(attr, progFd, in, length, false, 1, 0, out));
                final long after = System.nanoTime();
                for (int i = 0; i < length - FrameTrailer.LENGTH; i++)
                {
                    if (i != marked)
                    {
                        assertEquals(templates[seq % flows].getByte(i), out.getByte(i),
                            "octet " + i + ", frame " + seq);
                    }
                }
                assertEquals(FrameBuilder.BASE_PORT + seq % flows, out.getShort(port, BIG_ENDIAN) & 0xFFFF);
                if (marked >= 0)
                {
                    assertEquals(0x5a, out.getByte(marked), "the payload past the headers is not written");
                }
                assertEquals(FrameTrailer.MEASURE, FrameTrailer.magic(out, 0, length));
                assertEquals(seq, FrameTrailer.sequence(out, 0, length));
                final long sent = FrameTrailer.sendNs(out, 0, length);
                assertTrue(sent >= before && sent <= after, before + " <= " + sent + " <= " + after);
            }
            Bpf.lookupArray(mapFd, value, "test: ");
            assertEquals(2 * flows + 1, value.getLong(0, LITTLE_ENDIAN), "the map counts the frames made");

            // paced at one frame a minute: the first run makes a frame, the next ones are early and dropped unmade
            program.value(value, template, FrameTrailer.WARM_UP, 60_000_000_000L, System.nanoTime());
            Bpf.updateArray(mapFd, value, "test: ");
            assertEquals(Bpf.XDP_REDIRECT, Bpf.testRun(attr, progFd, template, length, false, 1, 0, out));
            assertEquals(FrameTrailer.WARM_UP, FrameTrailer.magic(out, 0, length));
            for (int i = 0; i < 3; i++)
            {
                assertEquals(Bpf.XDP_DROP, Bpf.testRun(attr, progFd, template, length, false, 1, 0, out));
            }
            Bpf.lookupArray(mapFd, value, "test: ");
            assertEquals(1, value.getLong(0, LITTLE_ENDIAN), "early runs make nothing");
            final long next = value.getLong(XdpGeneratorProgram.NEXT_NS_OFFSET, LITTLE_ENDIAN);
            final long now = System.nanoTime();
            assertTrue(next > now + 59_000_000_000L && next <= now + 60_000_000_000L, "next send in a minute: " + next);
        }
        finally
        {
            Libc.close(progFd);
            Libc.close(mapFd);
        }
    }

    private static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }
}
