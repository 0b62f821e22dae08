package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiveTupleTest
{
    private final FiveTuple tuple = new FiveTuple();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    private FiveTuple ipv6(final String algebra)
    {
        final byte[] p = Packets.build(algebra, 16);
        final UnsafeBuffer b = new UnsafeBuffer(p);
        chain.walk(b, 0, p.length);
        return tuple.extractIpv6(b, 0, p.length, chain);
    }

    @Test
    void extractsIpv6PortsAfterTheExtensionChain()
    {
        ipv6("IPv6(a,b)HBH()SRH(S1;SL=0)DestOpt()/TCP(1234,80)");
        assertEquals(6, tuple.family());
        assertEquals(Ipv6Address.parseLo("fd00:1::1"), tuple.srcLo());
        assertEquals(Ipv6Address.parseHi("fd00:1::2"), tuple.dstHi());
        assertEquals(6, tuple.protocol());
        assertEquals(1234, tuple.srcPort());
        assertEquals(80, tuple.dstPort());
    }

    @Test
    void hasNoPortsInLaterFragmentsOrIcmp()
    {
        ipv6("IPv6(a,b)Frag(8,0)/UDP(1,2)");
        assertEquals(0, tuple.srcPort());
        ipv6("IPv6(a,b)/ICMPv6Echo(1,2)");
        assertEquals(58, tuple.protocol());
        assertEquals(0, tuple.dstPort());
    }

    @Test
    void extractsIpv4()
    {
        final byte[] p = Packets.build("IPv4(a,b)/UDP(53,5353)", 16);
        tuple.extractIpv4(new UnsafeBuffer(p), 0, p.length);
        assertEquals(4, tuple.family());
        assertEquals(Ipv4Address.parse("198.18.0.1"), (int)tuple.srcLo());
        assertEquals(17, tuple.protocol());
        assertEquals(53, tuple.srcPort());
        assertEquals(5353, tuple.dstPort());
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 7, 99 })
    void flowHashIs20BitsNonZeroAndSpreads(final long seed)
    {
        final Random random = new Random(seed);
        final Set<Integer> labels = new HashSet<>();
        final int[] buckets = new int[16];
        for (int i = 0; i < 4096; i++)
        {
            final int sp = 1 + random.nextInt(65535);
            final int label = ipv6("IPv6(a,b)/UDP(" + sp + ",443)").flowHash20();
            assertTrue(label > 0 && label < (1 << 20));
            labels.add(label);
            buckets[label & 15]++;
        }
        assertTrue(labels.size() > 3500, "distinct labels " + labels.size());
        for (final int count : buckets)
        {
            assertTrue(count > 150 && count < 370, "bucket " + count);
        }
    }
}
