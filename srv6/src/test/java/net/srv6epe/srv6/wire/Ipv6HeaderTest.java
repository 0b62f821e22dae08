package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6HeaderTest
{
    @Test
    void readsAndWritesEveryField()
    {
        final byte[] p = Packets.build("IPv6(a,b;hl=9,tc=184,fl=1048575)/UDP(1,2)", 4);
        final Ipv6Header h = new Ipv6Header().wrap(new UnsafeBuffer(p), 0, p.length);
        assertTrue(h.isValid());
        assertEquals(6, h.version());
        assertEquals(184, h.trafficClass());
        assertEquals(0xFFFFF, h.flowLabel());
        assertEquals(12, h.payloadLength());
        assertEquals(17, h.nextHeader());
        assertEquals(9, h.hopLimit());
        assertEquals(Ipv6Address.parseLo("fd00:1::1"), h.sourceLo());
        assertEquals(Ipv6Address.parseHi("fd00:1::2"), h.destinationHi());

        h.trafficClass(1).flowLabel(2).hopLimit(3).source(Ipv6Address.parseHi("fd00::1"), 1)
            .destination(Ipv6Address.parseHi("fd00:5::"), 7);
        assertEquals(6, h.version());
        assertEquals("IPv6(A,S7;hl=3,tc=1,fl=2)/UDP(1,2;badsum)", PacketDescriber.describe(p));
    }

    @Test
    void isInvalidWhenThePayloadLengthOverrunsOrTheVersionIsWrong()
    {
        final byte[] p = Packets.build("IPv6(a,b)/UDP(1,2)", 4);
        assertFalse(new Ipv6Header().wrap(new UnsafeBuffer(p), 0, p.length - 1).isValid());
        assertFalse(new Ipv6Header().wrap(new UnsafeBuffer(p), 0, 39).isValid());
        p[0] = 0x40;
        assertFalse(new Ipv6Header().wrap(new UnsafeBuffer(p), 0, p.length).isValid());
    }

    @Test
    void classifiesAddresses()
    {
        assertTrue(Ipv6Header.isMulticast(Ipv6Address.parseHi("ff02::1")));
        assertFalse(Ipv6Header.isMulticast(Ipv6Address.parseHi("fd00::1")));
        assertTrue(Ipv6Header.isUnspecified(0, 0));
    }
}
