package net.srv6epe.srv6.wire;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthernetFrameTest
{
    @Test
    void readsAndWritesAnUntaggedFrame()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[64]);
        final EthernetFrame f = new EthernetFrame().wrap(b, 0, 64);
        f.destination(0x0011_2233_4455L).source(0x0266_7788_99AAL).etherType(EthernetFrame.ETHERTYPE_IPV6);
        assertTrue(f.isValid());
        assertEquals(0x0011_2233_4455L, f.destination());
        assertEquals(0x0266_7788_99AAL, f.source());
        assertFalse(f.hasVlanTag());
        assertEquals(-1, f.vlanId());
        assertEquals(0x86DD, f.etherType());
        assertEquals(14, f.payloadOffset());
        assertEquals((byte)0x86, b.getByte(12));
    }

    @Test
    void readsOne8021QTag()
    {
        final byte[] bytes = new byte[64];
        bytes[12] = (byte)0x81;
        bytes[14] = (byte)0x20; // PCP 1, VLAN 0x05a
        bytes[15] = (byte)0x5a;
        bytes[16] = 0x08;
        final EthernetFrame f = new EthernetFrame().wrap(new UnsafeBuffer(bytes), 0, 64);
        assertTrue(f.hasVlanTag());
        assertEquals(0x05a, f.vlanId());
        assertEquals(EthernetFrame.ETHERTYPE_IPV4, f.etherType());
        assertEquals(18, f.payloadOffset());
        assertFalse(new EthernetFrame().wrap(new UnsafeBuffer(bytes), 0, 17).isValid());
        assertFalse(new EthernetFrame().wrap(new UnsafeBuffer(bytes), 0, 13).isValid());
    }
}
