package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IcmpErrorWriterTest
{
    private static final long R_HI = Ipv6Address.parseHi("fd00::12");
    private static final long R_LO = Ipv6Address.parseLo("fd00::12");
    private static final int R4 = Ipv4Address.parse("198.18.0.18");

    private final IcmpErrorWriter writer = new IcmpErrorWriter();
    private final byte[] out = new byte[2048];
    private final UnsafeBuffer outBuffer = new UnsafeBuffer(out);

    private int writeFor(final Behavior behavior, final String in, final int size)
    {
        final Harness h = new Harness(Packets.build(in, size), 6);
        assertEquals(Verdict.DROP, new EndpointBehaviors().process(behavior, 0, h.ctx));
        return writer.write(h.ctx, outBuffer, 0, out.length, R_HI, R_LO, R4);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 64, 512, 1518, 9000 })
    void parameterProblemQuotesTheInvokingPacketUpToTheMinimumMtu(final int size)
    {
        final String in = "IPv6(A,S1)SRH(S2,S1;SL=3)IPv6(a,b)/UDP(1,2)";
        final byte[] invoking = Packets.build(in, size);
        final int length = writeFor(Behavior.END, in, size);

        assertEquals(Math.min(1280, 48 + invoking.length), length);
        final byte[] packet = Arrays.copyOf(out, length);
        assertEquals("IPv6(R,A)/ICMPv6(4,0;param=43)", PacketDescriber.describe(packet));
        assertArrayEquals(Arrays.copyOf(invoking, length - 48), Arrays.copyOfRange(packet, 48, length));
        assertNull(writer.suppressedReason());
    }

    @Test
    void timeExceededAndUpperLayerErrors()
    {
        int length = writeFor(Behavior.END, "IPv6(A,S1;hl=1)SRH(S2,S1;SL=1)IPv6(a,b)/UDP(1,2)", 10);
        assertEquals("IPv6(R,A)/ICMPv6(3,0)", PacketDescriber.describe(Arrays.copyOf(out, length)));
        length = writeFor(Behavior.END, "IPv6(A,S1)/UDP(1,2)", 10);
        assertEquals("IPv6(R,A)/ICMPv6(4,4;param=40)", PacketDescriber.describe(Arrays.copyOf(out, length)));
    }

    @Test
    void neverAnswersAnIcmpv6ErrorWithAnError()
    {
        assertEquals(0, writeFor(Behavior.END, "IPv6(A,S1;hl=1)SRH(S2,S1;SL=1)/ICMPv6(1,0)", 10));
        assertEquals(DropReason.ICMP_SUPPRESSED, writer.suppressedReason());
        // an informational message is answered
        assertEquals(48 + 40 + 40 + 8 + 10,
            writeFor(Behavior.END, "IPv6(A,S1;hl=1)SRH(S2,S1;SL=1)/ICMPv6Echo(1,2)", 10));
    }

    @Test
    void neverAnswersMulticastOrUnspecifiedSources()
    {
        assertEquals(0, writeFor(Behavior.END, "IPv6(ff02::1,S1;hl=1)SRH(S2,S1;SL=1)IPv6(a,b)/UDP(1,2)", 10));
        assertEquals(0, writeFor(Behavior.END, "IPv6(::,S1;hl=1)SRH(S2,S1;SL=1)IPv6(a,b)/UDP(1,2)", 10));
    }

    @Test
    void packetTooBigIsAllowedAboutMulticastDestinations()
    {
        final byte[] invoking = Packets.build("IPv6(a,ff0e::1)/UDP(1,2)", 10);
        final UnsafeBuffer in = new UnsafeBuffer(invoking);
        assertEquals(0, writer.writeIcmpv6(outBuffer, 0, out.length, R_HI, R_LO, 1, 0, 0, in, 0, invoking.length));
        final int length = writer.writeIcmpv6(outBuffer, 0, out.length, R_HI, R_LO, 2, 0, 1400, in, 0,
            invoking.length);
        assertEquals("IPv6(R,a)/ICMPv6(2,0;param=1400)", PacketDescriber.describe(Arrays.copyOf(out, length)));
    }

    @Test
    void writesFragmentationNeededToIpv4Within576Octets()
    {
        final byte[] invoking = Packets.build("IPv4(a,b;df)/UDP(1,2)", 1400);
        final Harness h = new Harness(invoking, 4);
        final int verdict = new HeadEnd().encapsulate(
            HeadEndTest.template(Behavior.H_ENCAPS_RED, "A", "S1"), h.ctx, 1400, 64, true);
        assertEquals(Verdict.DROP, verdict);
        final int length = writer.write(h.ctx, outBuffer, 0, out.length, R_HI, R_LO, R4);
        assertEquals(576, length);
        assertEquals("IPv4(r,a;tos=192)/ICMP(3,4;param=1360)", PacketDescriber.describe(Arrays.copyOf(out, length)));
        assertArrayEquals(Arrays.copyOf(invoking, 576 - 28), Arrays.copyOfRange(out, 28, 576));
    }

    @Test
    void neverAnswersIpv4ErrorsBroadcastsOrLaterFragments()
    {
        final byte[] error = Packets.build("IPv4(a,b;ttl=1)/ICMP(3,1)", 10);
        assertEquals(0, writer.writeIcmpv4(outBuffer, 0, out.length, R4, 11, 0, 0, new UnsafeBuffer(error), 0,
            error.length));
        final byte[] echo = Packets.build("IPv4(a,b;ttl=1)/ICMPEcho(1,1)", 10);
        assertEquals(28 + echo.length, writer.writeIcmpv4(outBuffer, 0, out.length, R4, 11, 0, 0,
            new UnsafeBuffer(echo), 0, echo.length));
        final byte[] broadcast = Packets.build("IPv4(a,255.255.255.255)/UDP(1,2)", 10);
        assertEquals(0, writer.writeIcmpv4(outBuffer, 0, out.length, R4, 11, 0, 0, new UnsafeBuffer(broadcast), 0,
            broadcast.length));
        final byte[] fromZero = Packets.build("IPv4(0.0.0.0,b)/UDP(1,2)", 10);
        assertEquals(0, writer.writeIcmpv4(outBuffer, 0, out.length, R4, 11, 0, 0, new UnsafeBuffer(fromZero), 0,
            fromZero.length));
    }

    @Test
    void writesNothingWhenNoErrorWasAskedFor()
    {
        final Harness h = new Harness(Packets.build("IPv6(A,S1)SRH(S2,S1;SL=1,pad=6)IPv6(a,b)", 10), 6);
        assertEquals(Verdict.DROP, new EndpointBehaviors().process(Behavior.END, 0, h.ctx));
        assertEquals(0, writer.write(h.ctx, outBuffer, 0, out.length, R_HI, R_LO, R4));
    }
}
