package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4HeaderTest
{
    @Test
    void readsTheFields()
    {
        final byte[] p = Packets.build("IPv4(a,b;ttl=9,tos=32,df,id=77)/UDP(1,2)", 10);
        final Ipv4Header h = new Ipv4Header().wrap(new UnsafeBuffer(p), 0, p.length);
        assertNull(h.validate());
        assertEquals(4, h.version());
        assertEquals(20, h.headerLength());
        assertEquals(38, h.totalLength());
        assertEquals(9, h.ttl());
        assertEquals(32, h.tos());
        assertEquals(77, h.identification());
        assertTrue(h.dontFragment());
        assertFalse(h.moreFragments());
        assertEquals(0, h.fragmentOffset());
        assertEquals(17, h.protocol());
        assertEquals(Ipv4Address.parse("198.18.0.1"), h.source());
        assertEquals(Ipv4Address.parse("198.18.0.2"), h.destination());
        assertTrue(h.isChecksumValid());
    }

    @Test
    void decrementsTtlKeepingTheChecksumRight()
    {
        for (int ttl = 2; ttl < 256; ttl++)
        {
            final byte[] p = Packets.build("IPv4(a,b;ttl=" + ttl + ",id=" + (ttl * 251) + ")/UDP(1,2)", 3);
            final Ipv4Header h = new Ipv4Header().wrap(new UnsafeBuffer(p), 0, p.length);
            h.decrementTtl();
            assertEquals(ttl - 1, h.ttl());
            assertTrue(h.isChecksumValid(), "ttl " + ttl);
        }
        final byte[] p = Packets.build("IPv4(a,b;ttl=64)/UDP(1,2)", 3);
        new Ipv4Header().wrap(new UnsafeBuffer(p), 0, p.length).decrementTtl();
        assertEquals("IPv4(a,b;ttl=63)/UDP(1,2)", PacketDescriber.describe(p));
    }

    @Test
    void validatesLengths()
    {
        final byte[] p = Packets.build("IPv4(a,b)/UDP(1,2)", 10);
        final UnsafeBuffer b = new UnsafeBuffer(p);
        final Ipv4Header h = new Ipv4Header();
        assertEquals(DropReason.IPV4_TRUNCATED, h.wrap(b, 0, 19).validate());
        assertEquals(DropReason.IPV4_TRUNCATED, h.wrap(b, 0, p.length - 1).validate());
        p[0] = 0x44;
        assertEquals(DropReason.IPV4_BAD_HEADER_LENGTH, h.wrap(b, 0, p.length).validate());
        p[0] = 0x65;
        assertEquals(DropReason.IPV4_BAD_VERSION, h.wrap(b, 0, p.length).validate());
        p[0] = 0x45;
        h.wrap(b, 0, p.length).checksum(h.checksum() ^ 1);
        assertFalse(h.isChecksumValid());
        h.computeChecksum();
        assertTrue(h.isChecksumValid());
    }
}
