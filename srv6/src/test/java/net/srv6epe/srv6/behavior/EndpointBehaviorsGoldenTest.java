package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static net.srv6epe.srv6.Behavior.END;
import static net.srv6epe.srv6.Behavior.END_DT4;
import static net.srv6epe.srv6.Behavior.END_DT46;
import static net.srv6epe.srv6.Behavior.END_DT6;
import static net.srv6epe.srv6.Behavior.END_DX4;
import static net.srv6epe.srv6.Behavior.END_DX6;
import static net.srv6epe.srv6.Behavior.END_X;
import static net.srv6epe.srv6.behavior.Verdict.DECAP_LOOKUP_IPV4;
import static net.srv6epe.srv6.behavior.Verdict.DECAP_LOOKUP_IPV6;
import static net.srv6epe.srv6.behavior.Verdict.FORWARD_NEXTHOP;
import static net.srv6epe.srv6.behavior.Verdict.LOCAL;
import static net.srv6epe.srv6.behavior.Verdict.LOOKUP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Golden vectors for the endpoint behaviors (RFC 8986 4), VPP style: input and output in header algebra, each
 * case at several payload sizes. Good vectors compare the whole output byte for byte with the packet built from
 * the expected algebra; bad vectors name the drop reason and the exact ICMPv6 error, and the packet must be left
 * as it was.
 */
class EndpointBehaviorsGoldenTest
{
    private static final int PSP = Flavor.PSP.bit();
    private static final int USP = Flavor.USP.bit();
    private static final int USD = Flavor.USD.bit();
    private static final int[] SIZES = { 64, 512, 1518, 9000 };
    private static final int[] BAD_SIZES = { 0, 64 };
    private static final String UDP = "/UDP(1000,2000)";

    private static Object[] good(
        final Behavior behavior, final int flavors, final String in, final int verdict, final String out)
    {
        return new Object[]{ behavior, flavors, in, verdict, out };
    }

    static Stream<Arguments> goodVectors()
    {
        final List<Object[]> v = new ArrayList<>();
        // End (RFC 8986 4.1)
        v.add(good(END, 0, "IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S2;hl=63)SRH(S3,S2,S1;SL=2-1)IPv6(a,b)" + UDP));
        v.add(good(END, 0, "IPv6(A,S2)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S3;hl=63)SRH(S3,S2,S1;SL=0)IPv6(a,b)" + UDP));
        v.add(good(END, 0, "IPv6(A,S1;hl=2,tc=184,fl=77)SRH(S3,S2,S1;SL=2,tag=9,flags=1,pad=3)IPv4(a,b)/TCP(1,2)",
            LOOKUP, "IPv6(A,S2;hl=1,tc=184,fl=77)SRH(S3,S2,S1;SL=1,tag=9,flags=1,pad=3)IPv4(a,b)/TCP(1,2)"));
        v.add(good(END, 0, "IPv6(A,S1)SRH(S2,S1;SL=1,hmac)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S2;hl=63)SRH(S2,S1;SL=0,hmac)IPv6(a,b)" + UDP));
        v.add(good(END, 0, "IPv6(A,S1)HBH()SRH(S3,S2,S1;SL=2)DestOpt()IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S2;hl=63)HBH()SRH(S3,S2,S1;SL=1)DestOpt()IPv6(a,b)" + UDP));
        // reduced SRH (H.Encaps.Red): SL = Last Entry + 1, the first segment is only in the DA
        v.add(good(END, 0, "IPv6(A,S1)SRH(S3,S2;SL=2)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S2;hl=63)SRH(S3,S2;SL=1)IPv6(a,b)" + UDP));
        // PSP (RFC 8986 4.16.1): pop at the penultimate segment only
        v.add(good(END, PSP, "IPv6(A,S2)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S3;hl=63)IPv6(a,b)" + UDP));
        v.add(good(END, PSP, "IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S2;hl=63)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP));
        v.add(good(END, PSP, "IPv6(A,S2)HBH()SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S3;hl=63)HBH()IPv6(a,b)" + UDP));
        v.add(good(END, PSP | USD, "IPv6(A,S2)SRH(S3,S2;SL=1)IPv4(a,b)/UDP(1,2)", LOOKUP,
            "IPv6(A,S3;hl=63)IPv4(a,b)/UDP(1,2)"));
        // USD (RFC 8986 4.16.3) and USP (4.16.2) at the last segment
        v.add(good(END, USD, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));
        v.add(good(END, USD, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)IPv4(a,b;df)" + UDP, DECAP_LOOKUP_IPV4,
            "IPv4(a,b;df)" + UDP));
        v.add(good(END, USD, "IPv6(A,S1)IPv6(a,b;hl=1)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b;hl=1)" + UDP));
        v.add(good(END, USD, "IPv6(A,S1)RH(3;SL=0)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));
        v.add(good(END_X, USD, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)IPv6(a,b)" + UDP, FORWARD_NEXTHOP, "IPv6(a,b)" + UDP));
        v.add(good(END, USP, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)/ICMPv6Echo(1,2)", LOCAL, "IPv6(A,S3)/ICMPv6Echo(1,2)"));
        v.add(good(END, USP, "IPv6(A,S2)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, LOOKUP,
            "IPv6(A,S3;hl=63)SRH(S3,S2,S1;SL=0)IPv6(a,b)" + UDP));
        // upper layer at a SID (RFC 8986 4.1.1): ICMPv6 is delivered locally
        v.add(good(END, 0, "IPv6(A,S1)/ICMPv6Echo(1,2)", LOCAL, "IPv6(A,S1)/ICMPv6Echo(1,2)"));
        v.add(good(END, 0, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)/ICMPv6Echo(1,2)", LOCAL,
            "IPv6(A,S3)SRH(S3,S2,S1;SL=0)/ICMPv6Echo(1,2)"));
        v.add(good(END_DT6, 0, "IPv6(A,S1)/ICMPv6Echo(1,2)", LOCAL, "IPv6(A,S1)/ICMPv6Echo(1,2)"));
        // End.X (RFC 8986 4.2)
        v.add(good(END_X, 0, "IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)" + UDP, FORWARD_NEXTHOP,
            "IPv6(A,S2;hl=63)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP));
        v.add(good(END_X, PSP, "IPv6(A,S2)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, FORWARD_NEXTHOP,
            "IPv6(A,S3;hl=63)IPv6(a,b)" + UDP));
        // End.DX6, End.DX4 (RFC 8986 4.4, 4.5): the inner packet is not touched (hop limit included)
        v.add(good(END_DX6, 0, "IPv6(A,S1)SRH(S1;SL=0)IPv6(a,b)" + UDP, FORWARD_NEXTHOP, "IPv6(a,b)" + UDP));
        v.add(good(END_DX6, 0, "IPv6(A,S1;hl=1)IPv6(a,b;hl=7)" + UDP, FORWARD_NEXTHOP, "IPv6(a,b;hl=7)" + UDP));
        v.add(good(END_DX4, 0, "IPv6(A,S1)IPv4(a,b)" + UDP, FORWARD_NEXTHOP, "IPv4(a,b)" + UDP));
        v.add(good(END_DX4, 0, "IPv6(A,S2)SRH(S2,S1;SL=0)IPv4(a,b;ttl=3)/TCP(5,6)", FORWARD_NEXTHOP,
            "IPv4(a,b;ttl=3)/TCP(5,6)"));
        // End.DT6, End.DT4, End.DT46 (RFC 8986 4.6 - 4.8)
        v.add(good(END_DT6, 0, "IPv6(A,S1)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));
        v.add(good(END_DT6, 0, "IPv6(A,S1)HBH()SRH(S1,S2;SL=0)DestOpt()IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6,
            "IPv6(a,b)" + UDP));
        v.add(good(END_DT6, 0, "IPv6(A,S1)Frag(0,0)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));
        v.add(good(END_DT4, 0, "IPv6(A,S1)IPv4(a,b)" + UDP, DECAP_LOOKUP_IPV4, "IPv4(a,b)" + UDP));
        v.add(good(END_DT46, 0, "IPv6(A,S1)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));
        v.add(good(END_DT46, 0, "IPv6(A,S1)SRH(S1;SL=0)IPv4(a,b)" + UDP, DECAP_LOOKUP_IPV4, "IPv4(a,b)" + UDP));
        // flavors a behavior does not take are ignored
        v.add(good(END_DT6, PSP | USP | USD, "IPv6(A,S1)IPv6(a,b)" + UDP, DECAP_LOOKUP_IPV6, "IPv6(a,b)" + UDP));

        final List<Arguments> result = new ArrayList<>();
        for (final Object[] c : v)
        {
            for (final int size : SIZES)
            {
                result.add(Arguments.of(c[0], c[1], c[2], c[3], ((String)c[4]).replace("SL=2-1", "SL=1"), size));
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0} flavors {1}: {2} -> {4} ({5})")
    @MethodSource("goodVectors")
    void goodVector(
        final Behavior behavior, final int flavors, final String in, final int verdict, final String out,
        final int size)
    {
        final byte[] input = Packets.build(in, size);
        assertEquals(in, PacketDescriber.describe(input), "input round-trips");
        final Harness h = new Harness(input, 6);

        final int actual = new EndpointBehaviors().process(behavior, flavors, h.ctx);

        assertEquals(Verdict.name(verdict), Verdict.name(actual), "verdict, drop " + h.ctx.dropReason());
        assertNull(h.ctx.dropReason());
        assertFalse(h.ctx.hasIcmpError());
        assertEquals(out, PacketDescriber.describe(h.output()));
        assertArrayEquals(Packets.build(out, size), h.output());
        assertEquals(out.startsWith("IPv4") ? 4 : 6, h.ctx.family());
    }

    private static Object[] bad(
        final Behavior behavior, final int flavors, final String in, final DropReason reason, final int icmpType,
        final int icmpCode, final int pointer)
    {
        return new Object[]{ behavior, flavors, in, reason, icmpType, icmpCode, pointer };
    }

    static Stream<Arguments> badVectors()
    {
        final int none = PacketContext.NO_ICMP;
        final List<Object[]> v = new ArrayList<>();
        // RFC 8986 4.1.1 S04: upper layer not allowed -> Parameter Problem code 4, pointer to the upper layer
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S1;SL=0)/UDP(1,2)", DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 64));
        v.add(bad(END, 0, "IPv6(A,S1)/UDP(1,2)", DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 40));
        v.add(bad(END, 0, "IPv6(A,S3)SRH(S3,S2,S1;SL=0)IPv6(a,b)" + UDP,
            DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 96));
        v.add(bad(END_X, PSP, "IPv6(A,S1)SRH(S1;SL=0)IPv4(a,b)" + UDP,
            DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 64));
        v.add(bad(END_DT4, 0, "IPv6(A,S1)IPv6(a,b)" + UDP, DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 40));
        v.add(bad(END_DT6, 0, "IPv6(A,S1)IPv4(a,b)" + UDP, DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 40));
        v.add(bad(END_DX4, 0, "IPv6(A,S1)HBH()IPv6(a,b)" + UDP, DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 48));
        v.add(bad(END_DX6, 0, "IPv6(A,S1)SRH(S1;SL=0)/TCP(1,2)", DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 64));
        // RFC 8986 4.4 S02-S03: SL != 0 at a decapsulating SID -> Parameter Problem code 0, pointer to SL
        v.add(bad(END_DX6, 0, "IPv6(A,S1)SRH(S2,S1;SL=1)IPv6(a,b)" + UDP, DropReason.SRH_SL_NONZERO, 4, 0, 43));
        v.add(bad(END_DT46, 0, "IPv6(A,S1)HBH()SRH(S2,S1;SL=1)IPv4(a,b)" + UDP, DropReason.SRH_SL_NONZERO, 4, 0, 51));
        v.add(bad(END_DT4, 0, "IPv6(A,S1)SRH(S2,S1;SL=1)IPv4(a,b)" + UDP, DropReason.SRH_SL_NONZERO, 4, 0, 43));
        // RFC 8754 4.3.1.1 S09-S12 / RFC 8986 4.1 S09-S10: SL > LE + 1, LE > max_LE
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S2,S1;SL=3)IPv6(a,b)" + UDP, DropReason.SRH_SL_EXCEEDS_LAST_ENTRY, 4, 0, 43));
        v.add(bad(END_X, 0, "IPv6(A,S1)SRH(S2,S1;SL=3)IPv6(a,b)" + UDP, DropReason.SRH_SL_EXCEEDS_LAST_ENTRY, 4, 0, 43));
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S2,S1;SL=1,LE=2)IPv6(a,b)" + UDP, DropReason.SRH_BAD_LENGTH, 4, 0, 43));
        v.add(bad(END_DT6, 0, "IPv6(A,S1)SRH(S2,S1;SL=0,hlen=2)IPv6(a,b)" + UDP, DropReason.SRH_BAD_LENGTH, 4, 0, 43));
        // RFC 8986 4.1 S05-S06: hop limit <= 1 -> Time Exceeded code 0 (checked before SL > LE + 1)
        v.add(bad(END, 0, "IPv6(A,S1;hl=1)SRH(S3,S2,S1;SL=2)IPv6(a,b)" + UDP, DropReason.IPV6_HOP_LIMIT_EXCEEDED, 3, 0, 0));
        v.add(bad(END_X, PSP, "IPv6(A,S2;hl=0)SRH(S3,S2,S1;SL=1)IPv6(a,b)" + UDP, DropReason.IPV6_HOP_LIMIT_EXCEEDED, 3, 0, 0));
        v.add(bad(END, 0, "IPv6(A,S1;hl=1)SRH(S2,S1;SL=3)IPv6(a,b)" + UDP, DropReason.IPV6_HOP_LIMIT_EXCEEDED, 3, 0, 0));
        // malformed SRH TLVs: silent drop
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S2,S1;SL=1,pad=6)IPv6(a,b)" + UDP, DropReason.SRH_BAD_TLV, none, 0, 0));
        // RFC 8200 4.4: unknown routing type with SL != 0 -> Parameter Problem code 0, pointer to Routing Type
        v.add(bad(END, 0, "IPv6(A,S1)RH(3;SL=1)IPv6(a,b)" + UDP, DropReason.IPV6_UNKNOWN_ROUTING_TYPE, 4, 0, 42));
        // RFC 8200 4.3: HBH not first -> Parameter Problem code 1, pointer to the Next Header naming it
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S3,S2,S1;SL=2)HBH()IPv6(a,b)" + UDP,
            DropReason.IPV6_BAD_EXTENSION_HEADER, 4, 1, 40));
        // chain overruns the packet: silent drop
        v.add(bad(END, 0, "IPv6(A,S1)SRH(S2,S1;SL=1,hlen=255)", DropReason.SRH_TRUNCATED, none, 0, 0));
        // fragments cannot be decapsulated without reassembly
        v.add(bad(END_DT6, 0, "IPv6(A,S1)SRH(S1;SL=0)Frag(0,1)IPv6(a,b)" + UDP, DropReason.SRV6_FRAGMENTED, none, 0, 0));
        v.add(bad(END_DT6, 0, "IPv6(A,S1)Frag(5,0)IPv6(a,b)" + UDP, DropReason.SRV6_FRAGMENTED, none, 0, 0));
        // broken inner packets
        v.add(bad(END_DT6, 0, "IPv6(A,S1)IPv4(a,b)", DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, 4, 4, 40));
        // headend behaviors are not endpoint behaviors
        v.add(bad(Behavior.H_ENCAPS, 0, "IPv6(A,S1)IPv6(a,b)" + UDP, DropReason.SRV6_SID_UNKNOWN, none, 0, 0));

        final List<Arguments> result = new ArrayList<>();
        for (final Object[] c : v)
        {
            for (final int size : BAD_SIZES)
            {
                result.add(Arguments.of(c[0], c[1], c[2], c[3], c[4], c[5], c[6], size));
            }
        }
        return result.stream();
    }

    @ParameterizedTest(name = "{0} flavors {1}: {2} -> {3} icmp {4}/{5} ptr {6} ({7})")
    @MethodSource("badVectors")
    void badVector(
        final Behavior behavior, final int flavors, final String in, final DropReason reason, final int icmpType,
        final int icmpCode, final int pointer, final int size)
    {
        final byte[] input = Packets.build(in, size);
        final Harness h = new Harness(input, 6);

        final int actual = new EndpointBehaviors().process(behavior, flavors, h.ctx);

        assertEquals("DROP", Verdict.name(actual));
        assertEquals(reason, h.ctx.dropReason());
        assertEquals(icmpType, h.ctx.icmpType(), "ICMP type");
        if (icmpType != PacketContext.NO_ICMP)
        {
            assertEquals(6, h.ctx.icmpFamily());
            assertEquals(icmpCode, h.ctx.icmpCode(), "ICMP code");
            assertEquals(pointer, h.ctx.icmpParameter(), "ICMP pointer");
        }
        assertArrayEquals(input, h.output(), "a dropped packet is left as it arrived");
    }
}
