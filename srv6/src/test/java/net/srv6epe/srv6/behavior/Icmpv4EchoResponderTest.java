package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Icmpv4EchoResponderTest
{
    private static final int HEADROOM = 64;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IPv4(a,b;ttl=9)/ICMPEcho(7,3)        | 0  | LOOKUP | IPv4(b,a)/ICMP(0,0;param=458755)",
        "IPv4(a,b)/ICMPEcho(7,3)              | 64 | LOOKUP | IPv4(b,a)/ICMP(0,0;param=458755)",
        "IPv4(a,b)/ICMP(0,0)                  | 8  | DROP   | drop.local.unsupported-protocol",
        "IPv4(a,b)/UDP(1,2)                   | 8  | DROP   | drop.local.unsupported-protocol",
        "IPv4(a,b;df)/ICMPEcho(1,1)           | 8  | LOOKUP | IPv4(b,a)/ICMP(0,0;param=65537)",
        "IPv4(224.0.0.1,b)/ICMPEcho(1,1)      | 8  | DROP   | drop.ipv4.bad-source",
    })
    void answersEchoRequestsAndNothingElse(
        final String request, final int payload, final String verdict, final String expected)
    {
        final byte[] packet = Packets.build(request, payload);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[HEADROOM + packet.length]);
        buffer.putBytes(HEADROOM, packet);
        final PacketContext ctx = new PacketContext().reset(buffer, HEADROOM, packet.length, 0, 4);

        final int result = new Icmpv4EchoResponder().reply(ctx, 64);

        assertEquals(verdict, Verdict.name(result));
        if (result == Verdict.DROP)
        {
            assertEquals(expected, ctx.dropReason().label());
            return;
        }
        final byte[] reply = new byte[ctx.l3Length()];
        buffer.getBytes(ctx.l3Offset(), reply);
        assertEquals(expected, PacketDescriber.describe(reply));
        assertEquals(packet.length, reply.length);
    }
}
