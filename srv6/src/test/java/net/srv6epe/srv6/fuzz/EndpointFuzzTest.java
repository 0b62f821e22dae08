package net.srv6epe.srv6.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EchoResponder;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.behavior.EndpointBehaviors;
import net.srv6epe.srv6.behavior.HeadEnd;
import net.srv6epe.srv6.behavior.IcmpErrorWriter;
import net.srv6epe.srv6.behavior.PacketContext;
import net.srv6epe.srv6.behavior.Verdict;
import net.srv6epe.srv6.wire.FiveTuple;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Srh;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target over everything that reads packet bytes: the extension chain walker, SRH validation and TLV walk,
 * every endpoint behavior with every flavor set, the headend, the ICMP error writer and the echo responder.
 *
 * <p>Input: byte 0 picks the endpoint behavior (or, for values >= 0xE0, the headend), byte 1 the flavors (bits
 * 0-2) and whether to cut the buffer at the IPv6 payload length (bit 3), the rest is the IPv6 (or, for the
 * headend, IPv4/IPv6) packet. The packet sits at the very start of a buffer of
 * exactly its length, and agrona's bounds checks are on, so reading anything outside {@code [offset, offset +
 * length)} throws and fails the test. Also checked: a dropped packet is left unmodified; the packet range after
 * the behavior stays inside the buffer.
 *
 * <p>In plain {@code mvn test} this runs the committed corpus in
 * {@code src/test/resources/net/srv6epe/srv6/fuzz/EndpointFuzzTestInputs/fuzzEndpoints/} (Jazzer regression
 * mode); {@code JAZZER_FUZZ=1 mvn test -Dtest=EndpointFuzzTest} fuzzes for new inputs.
 */
class EndpointFuzzTest
{
    private static final Behavior[] ENDPOINTS = {
        Behavior.END, Behavior.END_X, Behavior.END_DX6, Behavior.END_DX4, Behavior.END_DT6, Behavior.END_DT4,
        Behavior.END_DT46 };
    private static final int HEADROOM = 128;
    private static final EncapTemplate ENCAPS = EncapTemplate.create(Behavior.H_ENCAPS,
        Ipv6Address.parseHi("fd00::1"), Ipv6Address.parseLo("fd00::1"),
        new long[]{ Ipv6Address.parseHi("fd00:5::1"), 1, Ipv6Address.parseHi("fd00:5::2"), 2 });

    private final EndpointBehaviors behaviors = new EndpointBehaviors();
    private final HeadEnd headEnd = new HeadEnd();
    private final IcmpErrorWriter icmp = new IcmpErrorWriter();
    private final EchoResponder echo = new EchoResponder();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();
    private final Srh srh = new Srh();
    private final FiveTuple tuple = new FiveTuple();
    private final PacketContext ctx = new PacketContext();
    private final UnsafeBuffer errorBuffer = new UnsafeBuffer(new byte[1500]);

    @FuzzTest(maxDuration = "30s")
    void fuzzEndpoints(final byte[] input)
    {
        if (input.length < 2)
        {
            return;
        }
        final int selector = input[0] & 0xFF;
        final int flavors = input[1] & 7;
        byte[] packet = Arrays.copyOfRange(input, 2, input.length);
        if ((input[1] & 8) != 0 && packet.length >= 6)
        {
            // cut link-layer padding so that even a read just past the IPv6 payload hits the buffer's end
            final int total = 40 + (((packet[4] & 0xFF) << 8) | (packet[5] & 0xFF));
            packet = Arrays.copyOf(packet, Math.min(packet.length, total));
        }

        walkers(packet);
        if (selector >= 0xE0)
        {
            headEnd(packet, (selector & 1) == 0 ? 6 : 4, flavors);
        }
        else
        {
            endpoint(ENDPOINTS[selector % ENDPOINTS.length], flavors, packet);
        }
    }

    private void walkers(final byte[] packet)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(packet);
        if (chain.walk(buffer, 0, packet.length))
        {
            tuple.extractIpv6(buffer, 0, packet.length, chain).flowHash20();
            if (chain.hasSrh())
            {
                srh.wrap(buffer, chain.srhOffset(), packet.length - chain.srhOffset());
                if (srh.validate() == null)
                {
                    srh.hmacTlvOffset();
                    for (int i = 0; i <= srh.lastEntry(); i++)
                    {
                        srh.segmentHi(i);
                        srh.segmentLo(i);
                    }
                }
            }
        }
        else
        {
            assertNotNull(chain.dropReason());
        }
        if (packet.length >= Ipv4Header.MIN_HEADER_LENGTH &&
            new Ipv4Header().wrap(buffer, 0, packet.length).validate() == null)
        {
            tuple.extractIpv4(buffer, 0, packet.length).flowHash20();
        }
    }

    private void endpoint(final Behavior behavior, final int flavors, final byte[] packet)
    {
        final byte[] original = packet.clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(packet);
        ctx.reset(buffer, 0, packet.length, 0, 6);

        final int verdict = behaviors.process(behavior, flavors, ctx);

        assertTrue(verdict >= Verdict.LOOKUP && verdict <= Verdict.DROP);
        assertTrue(ctx.l3Offset() >= 0 && ctx.l3End() <= packet.length);
        if (verdict == Verdict.DROP)
        {
            assertNotNull(ctx.dropReason());
            assertArrayEquals(original, packet, "a dropped packet is left as it arrived");
            final int length = icmp.write(ctx, errorBuffer, 0, errorBuffer.capacity(), 1, 2, 3);
            assertTrue(length <= 1280);
        }
        else if (verdict == Verdict.LOCAL)
        {
            echo.reply(ctx, 64);
            assertTrue(ctx.l3Offset() >= 0 && ctx.l3End() <= packet.length);
        }
    }

    private void headEnd(final byte[] packet, final int family, final int knobs)
    {
        final byte[] frame = new byte[HEADROOM + packet.length];
        System.arraycopy(packet, 0, frame, HEADROOM, packet.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        ctx.reset(buffer, HEADROOM, packet.length, 0, family);

        final int verdict = headEnd.encapsulate(ENCAPS, ctx, (knobs & 1) == 0 ? 1500 : 9000,
            (knobs & 2) == 0 ? 64 : 0, (knobs & 4) == 0);

        assertTrue(verdict == Verdict.LOOKUP || verdict == Verdict.DROP);
        assertTrue(ctx.l3Offset() >= 0 && ctx.l3End() <= frame.length);
        if (verdict == Verdict.DROP)
        {
            assertArrayEquals(packet, Arrays.copyOfRange(frame, HEADROOM, frame.length));
            assertTrue(icmp.write(ctx, errorBuffer, 0, errorBuffer.capacity(), 1, 2, 3) <= 1280);
        }
        else
        {
            ctx.reset(buffer, ctx.l3Offset(), ctx.l3Length(), 0, 6);
            behaviors.process(Behavior.END, 0, ctx);
        }
    }
}
