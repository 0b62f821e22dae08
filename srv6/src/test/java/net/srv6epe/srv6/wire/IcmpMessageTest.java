package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcmpMessageTest
{
    @Test
    void icmpv6EchoFieldsAndChecksum()
    {
        final byte[] p = Packets.build("IPv6(a,b)/ICMPv6Echo(513,7)", 12);
        final UnsafeBuffer b = new UnsafeBuffer(p);
        final Ipv6Header ip = new Ipv6Header().wrap(b, 0, p.length);
        final Icmpv6Message m = new Icmpv6Message().wrap(b, 40, p.length - 40);
        assertTrue(m.isValid());
        assertEquals(128, m.type());
        assertEquals(0, m.code());
        assertEquals(513, m.identifier());
        assertEquals(7, m.sequence());
        assertFalse(Icmpv6Message.isErrorType(m.type()));
        assertTrue(m.isChecksumValid(ip.sourceHi(), ip.sourceLo(), ip.destinationHi(), ip.destinationLo()));
        m.type(129).computeChecksum(ip.sourceHi(), ip.sourceLo(), ip.destinationHi(), ip.destinationLo());
        assertTrue(m.isChecksumValid(ip.sourceHi(), ip.sourceLo(), ip.destinationHi(), ip.destinationLo()));
        assertFalse(m.isChecksumValid(ip.sourceHi(), ip.sourceLo() + 1, ip.destinationHi(), ip.destinationLo()));
    }

    @Test
    void icmpv4FieldsAndChecksum()
    {
        final byte[] p = Packets.build("IPv4(a,b)/ICMP(3,4;param=1400)", 28);
        final Icmpv4Message m = new Icmpv4Message().wrap(new UnsafeBuffer(p), 20, p.length - 20);
        assertEquals(3, m.type());
        assertEquals(4, m.code());
        assertEquals(1400, m.nextHopMtu());
        assertTrue(Icmpv4Message.isErrorType(m.type()));
        assertTrue(m.isChecksumValid());
        m.parameter(0).computeChecksum();
        assertTrue(m.isChecksumValid());
        assertEquals(0, m.nextHopMtu());
    }
}
