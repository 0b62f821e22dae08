package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import net.srv6epe.srv6.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadEndTest
{
    private static final AddressBook BOOK = AddressBook.defaults();
    private static final int[] SIZES = { 64, 512, 1518, 9000 };
    private static final int JUMBO_MTU = 9600;

    static EncapTemplate template(final Behavior mode, final String source, final String... segments)
    {
        final long[] hiLo = new long[segments.length * 2];
        for (int i = 0; i < segments.length; i++)
        {
            final byte[] a = BOOK.ipv6(segments[i]);
            hiLo[2 * i] = Ipv6Address.bytesToLong(a, 0);
            hiLo[2 * i + 1] = Ipv6Address.bytesToLong(a, 8);
        }
        final byte[] s = BOOK.ipv6(source);
        return EncapTemplate.create(mode, Ipv6Address.bytesToLong(s, 0), Ipv6Address.bytesToLong(s, 8), hiLo);
    }

    static Stream<Arguments> goodVectors()
    {
        final EncapTemplate encaps = template(Behavior.H_ENCAPS, "A", "S1", "S2", "S3");
        final EncapTemplate red = template(Behavior.H_ENCAPS_RED, "A", "S1", "S2", "S3");
        final EncapTemplate red1 = template(Behavior.H_ENCAPS_RED, "A", "S1");
        final List<Object[]> v = new ArrayList<>();
        v.add(new Object[]{ encaps, "IPv6(a,b;fl=5)/UDP(1,2)", 64, true,
            "IPv6(A,S1;fl=5)SRH(S3,S2,S1;SL=2)IPv6(a,b;hl=63,fl=5)/UDP(1,2)" });
        v.add(new Object[]{ red, "IPv6(a,b;tc=184,fl=5)/UDP(1,2)", 64, true,
            "IPv6(A,S1;tc=184,fl=5)SRH(S3,S2;SL=2)IPv6(a,b;hl=63,tc=184,fl=5)/UDP(1,2)" });
        v.add(new Object[]{ red1, "IPv6(a,b;fl=5)/UDP(1,2)", 64, true, "IPv6(A,S1;fl=5)IPv6(a,b;hl=63,fl=5)/UDP(1,2)" });
        // Linux-like: inner untouched, outer hop limit copied from the inner
        v.add(new Object[]{ encaps, "IPv6(a,b;hl=10,fl=5)/UDP(1,2)", 0, false,
            "IPv6(A,S1;hl=10,fl=5)SRH(S3,S2,S1;SL=2)IPv6(a,b;hl=10,fl=5)/UDP(1,2)" });
        // IPv4 inner: TOS copied, TTL decremented with its checksum patched, flow label hashed
        v.add(new Object[]{ encaps, "IPv4(a,b;tos=32,df)/UDP(1,2)", 64, true,
            "IPv6(A,S1;tc=32,fl=*)SRH(S3,S2,S1;SL=2)IPv4(a,b;ttl=63,tos=32,df)/UDP(1,2)" });
        v.add(new Object[]{ red1, "IPv4(a,b)/TCP(1,2)", 64, true, "IPv6(A,S1;fl=*)IPv4(a,b;ttl=63)/TCP(1,2)" });
        v.add(new Object[]{ red, "IPv6(a,b)/UDP(1,2)", 64, true, "IPv6(A,S1;fl=*)SRH(S3,S2;SL=2)IPv6(a,b;hl=63)/UDP(1,2)" });

        final List<Arguments> result = new ArrayList<>();
        for (final Object[] c : v)
        {
            for (final int size : SIZES)
            {
                result.add(Arguments.of(c[0], c[1], c[2], c[3], c[4], size));
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0}: {1} -> {4} ({5})")
    @MethodSource("goodVectors")
    void encapsulates(
        final EncapTemplate template, final String in, final int outerHopLimit, final boolean decrementInner,
        final String out, final int size)
    {
        final byte[] input = Packets.build(in, size);
        final Harness h = new Harness(input, in.startsWith("IPv4") ? 4 : 6);

        final int verdict = new HeadEnd().encapsulate(template, h.ctx, JUMBO_MTU, outerHopLimit, decrementInner);

        assertEquals("LOOKUP", Verdict.name(verdict), "drop " + h.ctx.dropReason());
        assertEquals(6, h.ctx.family());
        assertEquals(Harness.HEADROOM - template.length(), h.ctx.l3Offset());
        final String described = PacketDescriber.describe(h.output());
        if (out.contains("fl=*"))
        {
            final String label = described.replaceFirst(".*?;(?:.*?,)?fl=(\\d+).*", "$1");
            assertNotEquals("0", label);
            assertEquals(out, described.replaceFirst("fl=\\d+", "fl=*"));
        }
        else
        {
            assertEquals(out, described);
            assertArrayEquals(Packets.build(out, size), h.output());
        }
    }

    @Test
    void flowLabelHashIsStablePerFlowAndDiffersAcrossFlows()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS_RED, "A", "S1");
        final int a1 = flowLabelOf(t, "IPv6(a,b)/UDP(1,2)");
        final int a2 = flowLabelOf(t, "IPv6(a,b)/UDP(1,2)");
        final int b = flowLabelOf(t, "IPv6(a,b)/UDP(1,3)");
        assertEquals(a1, a2);
        assertNotEquals(a1, b);
        assertTrue(a1 > 0 && a1 < (1 << 20));
    }

    private static int flowLabelOf(final EncapTemplate t, final String in)
    {
        final Harness h = new Harness(Packets.build(in, 100), 6);
        new HeadEnd().encapsulate(t, h.ctx, 1500, 64, true);
        return h.buffer.getInt(h.ctx.l3Offset(), java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFFF;
    }

    @ParameterizedTest
    @ValueSource(ints = { 1280, 1500 })
    void answersPacketTooBigWithTheMtuLeftInTheTunnel(final int mtu)
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS, "A", "S1", "S2", "S3"); // 40 + 8 + 48 = 96
        final byte[] fits = Packets.build("IPv6(a,b)/UDP(1,2)", mtu - 96 - 48);
        final Harness ok = new Harness(fits, 6);
        assertEquals(Verdict.LOOKUP, new HeadEnd().encapsulate(t, ok.ctx, mtu, 64, true));
        assertEquals(mtu, ok.ctx.l3Length());

        final byte[] tooBig = Packets.build("IPv6(a,b)/UDP(1,2)", mtu - 96 - 48 + 1);
        final Harness h = new Harness(tooBig, 6);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, h.ctx, mtu, 64, true));
        assertEquals(DropReason.IPV6_PACKET_TOO_BIG, h.ctx.dropReason());
        assertEquals(6, h.ctx.icmpFamily());
        assertEquals(2, h.ctx.icmpType());
        assertEquals(0, h.ctx.icmpCode());
        assertEquals(mtu - 96, h.ctx.icmpParameter());
        assertArrayEquals(tooBig, h.output());
    }

    @Test
    void answersFragmentationNeededToIpv4WithDf()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS_RED, "A", "S1");
        final Harness h = new Harness(Packets.build("IPv4(a,b;df)/UDP(1,2)", 1500), 4);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, h.ctx, 1500, 64, true));
        assertEquals(DropReason.IPV4_FRAGMENTATION_NEEDED, h.ctx.dropReason());
        assertEquals(4, h.ctx.icmpFamily());
        assertEquals(3, h.ctx.icmpType());
        assertEquals(4, h.ctx.icmpCode());
        assertEquals(1460, h.ctx.icmpParameter());
    }

    @Test
    void dropsOversizedIpv4WithoutDfSilently()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS_RED, "A", "S1");
        final Harness h = new Harness(Packets.build("IPv4(a,b)/UDP(1,2)", 1500), 4);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, h.ctx, 1500, 64, true));
        assertEquals(DropReason.IPV4_TOO_BIG_NO_DF, h.ctx.dropReason());
        assertFalse(h.ctx.hasIcmpError());
    }

    @Test
    void answersTimeExceededWhenTheInnerHopLimitRunsOut()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS_RED, "A", "S1");
        final Harness v6 = new Harness(Packets.build("IPv6(a,b;hl=1)/UDP(1,2)", 10), 6);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, v6.ctx, 1500, 64, true));
        assertEquals(DropReason.IPV6_HOP_LIMIT_EXCEEDED, v6.ctx.dropReason());
        assertEquals(3, v6.ctx.icmpType());

        final Harness v4 = new Harness(Packets.build("IPv4(a,b;ttl=1)/UDP(1,2)", 10), 4);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, v4.ctx, 1500, 64, true));
        assertEquals(DropReason.IPV4_TTL_EXCEEDED, v4.ctx.dropReason());
        assertEquals(4, v4.ctx.icmpFamily());
        assertEquals(11, v4.ctx.icmpType());

        final Harness linux = new Harness(Packets.build("IPv6(a,b;hl=1)/UDP(1,2)", 10), 6);
        assertEquals(Verdict.LOOKUP, new HeadEnd().encapsulate(t, linux.ctx, 1500, 64, false));
    }

    @Test
    void dropsWhenTheHeadroomIsTooSmall()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS, "A", "S1", "S2", "S3");
        final Harness h = new Harness(Packets.build("IPv6(a,b)/UDP(1,2)", 10), 6);
        h.ctx.reset(h.buffer, Harness.HEADROOM, h.ctx.l3Length(), Harness.HEADROOM - t.length() + 1, 6);
        assertEquals(Verdict.DROP, new HeadEnd().encapsulate(t, h.ctx, 1500, 64, true));
        assertEquals(DropReason.ENCAP_NO_HEADROOM, h.ctx.dropReason());
    }

    @Test
    void encapsulatedPacketWalksItsPathBackToTheInnerPacket()
    {
        final EncapTemplate t = template(Behavior.H_ENCAPS, "A", "S1", "S2", "S3");
        final Harness h = new Harness(Packets.build("IPv6(a,b;fl=9)/UDP(1,2)", 700), 6);
        final EndpointBehaviors behaviors = new EndpointBehaviors();
        assertEquals(Verdict.LOOKUP, new HeadEnd().encapsulate(t, h.ctx, 1500, 64, true));
        assertEquals(Verdict.LOOKUP, behaviors.process(Behavior.END, 0, h.ctx));
        assertEquals(Verdict.LOOKUP, behaviors.process(Behavior.END, net.srv6epe.srv6.Flavor.PSP.bit(), h.ctx));
        assertEquals("IPv6(A,S3;hl=62,fl=9)IPv6(a,b;hl=63,fl=9)/UDP(1,2)", PacketDescriber.describe(h.output()));
        assertEquals(Verdict.DECAP_LOOKUP_IPV6, behaviors.process(Behavior.END_DT6, 0, h.ctx));
        assertArrayEquals(Packets.build("IPv6(a,b;hl=63,fl=9)/UDP(1,2)", 700), h.output());
    }
}
