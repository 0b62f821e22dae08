package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EchoResponderTest
{
    @ParameterizedTest
    @ValueSource(ints = { 0, 56, 1452 })
    void answersAnEchoRequestToASidWithoutItsSrh(final int size)
    {
        final Harness h = new Harness(Packets.build("IPv6(A,S3;hl=60)SRH(S3,S2,S1;SL=0)/ICMPv6Echo(7,9)", size), 6);
        assertEquals(Verdict.LOCAL, new EndpointBehaviors().process(Behavior.END, 0, h.ctx));
        assertEquals(Verdict.LOOKUP, new EchoResponder().reply(h.ctx, 64));
        assertArrayEquals(Packets.build("IPv6(S3,A)/ICMPv6EchoReply(7,9)", size), h.output());
    }

    @Test
    void answersAnEchoRequestWithoutExtensionHeadersInPlace()
    {
        final Harness h = new Harness(Packets.build("IPv6(A,S1;tc=16)/ICMPv6Echo(1,2)", 32), 6);
        assertEquals(Verdict.LOOKUP, new EchoResponder().reply(h.ctx, 255));
        assertEquals(Harness.HEADROOM, h.ctx.l3Offset());
        assertEquals("IPv6(S1,A;hl=255,tc=16)/ICMPv6EchoReply(1,2)", PacketDescriber.describe(h.output()));
    }

    @Test
    void answersAfterUsp()
    {
        final Harness h = new Harness(Packets.build("IPv6(A,S3)SRH(S3,S2,S1;SL=0)/ICMPv6Echo(1,2)", 8), 6);
        assertEquals(Verdict.LOCAL, new EndpointBehaviors().process(Behavior.END, Flavor.USP.bit(), h.ctx));
        assertEquals(Verdict.LOOKUP, new EchoResponder().reply(h.ctx, 64));
        assertEquals("IPv6(S3,A)/ICMPv6EchoReply(1,2)", PacketDescriber.describe(h.output()));
    }

    @Test
    void dropsWhatIsNotAGoodEchoRequest()
    {
        final Harness reply = new Harness(Packets.build("IPv6(A,S1)/ICMPv6EchoReply(1,2)", 8), 6);
        assertEquals(Verdict.DROP, new EchoResponder().reply(reply.ctx, 64));
        assertEquals(DropReason.LOCAL_UNSUPPORTED_PROTOCOL, reply.ctx.dropReason());

        final byte[] corrupt = Packets.build("IPv6(A,S1)/ICMPv6Echo(1,2)", 8);
        corrupt[corrupt.length - 1] ^= 1;
        final Harness bad = new Harness(corrupt, 6);
        assertEquals(Verdict.DROP, new EchoResponder().reply(bad.ctx, 64));
        assertEquals(DropReason.ICMP_BAD_CHECKSUM, bad.ctx.dropReason());

        final Harness multicast = new Harness(Packets.build("IPv6(ff02::1,S1)/ICMPv6Echo(1,2)", 8), 6);
        assertEquals(Verdict.DROP, new EchoResponder().reply(multicast.ctx, 64));
        assertEquals(DropReason.IPV6_BAD_SOURCE, multicast.ctx.dropReason());
    }
}
