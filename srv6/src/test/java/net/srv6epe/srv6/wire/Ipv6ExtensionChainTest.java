package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6ExtensionChainTest
{
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    private boolean walk(final String algebra, final int payload)
    {
        final byte[] p = Packets.build(algebra, payload);
        return chain.walk(new UnsafeBuffer(p), 0, p.length);
    }

    @Test
    void findsTheSrhAndTheUpperLayer()
    {
        assertTrue(walk("IPv6(A,S1)HBH()DestOpt()SRH(S2,S1;SL=1)DestOpt()IPv6(a,b)/UDP(1,2)", 10));
        assertNull(chain.dropReason());
        assertEquals(56, chain.srhOffset());
        assertEquals(48, chain.srhPrecedingNextHeaderOffset());
        assertEquals(4, chain.routingType());
        assertEquals(41, chain.upperLayerProtocol());
        assertEquals(56 + 40 + 8, chain.upperLayerOffset());
        assertEquals(56 + 40, chain.upperLayerNextHeaderOffset());
        assertFalse(chain.isFragment());
    }

    @Test
    void reportsNoSrhAndOtherRoutingTypes()
    {
        assertTrue(walk("IPv6(a,b)/TCP(1,2)", 0));
        assertFalse(chain.hasSrh());
        assertEquals(-1, chain.routingOffset());
        assertEquals(6, chain.upperLayerProtocol());
        assertEquals(40, chain.upperLayerOffset());

        assertTrue(walk("IPv6(a,b)RH(3;SL=1)/UDP(1,2)", 0));
        assertFalse(chain.hasSrh());
        assertEquals(40, chain.routingOffset());
        assertEquals(3, chain.routingType());
    }

    @Test
    void tellsFirstFromLaterFragments()
    {
        assertTrue(walk("IPv6(a,b)Frag(0,1)/UDP(1,2)", 8));
        assertTrue(chain.isFragment());
        assertFalse(chain.isNonFirstFragment());
        assertEquals(17, chain.upperLayerProtocol());

        assertTrue(walk("IPv6(a,b)Frag(3,0)/UDP(1,2)", 8));
        assertTrue(chain.isNonFirstFragment());
        assertEquals(48, chain.upperLayerOffset());
    }

    @Test
    void failsOnMisplacedHopByHopWithItsPointer()
    {
        assertFalse(walk("IPv6(a,b)DestOpt()HBH()/UDP(1,2)", 0));
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, chain.dropReason());
        assertEquals(40, chain.errorPointer());
    }

    @Test
    void failsOnTwoRoutingHeadersAndOverruns()
    {
        assertFalse(walk("IPv6(a,b)SRH(S1;SL=0)RH(3;SL=0)/UDP(1,2)", 0));
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, chain.dropReason());

        final byte[] p = Packets.build("IPv6(a,b)DestOpt()SRH(S2,S1;SL=1)", 0);
        final int srh = 40 + 8;
        for (int length = 41; length < p.length; length++)
        {
            final boolean ok = chain.walk(new UnsafeBuffer(p), 0, length);
            assertFalse(ok, "length " + length);
            // once the routing type is readable, a cut SRH is named as such
            assertEquals(length >= srh + 3 ? DropReason.SRH_TRUNCATED : DropReason.IPV6_BAD_EXTENSION_HEADER,
                chain.dropReason(), "length " + length);
        }
    }

    @Test
    void neverReadsOutsideTheGivenRange()
    {
        final byte[] p = Packets.build("IPv6(A,S1)HBH()SRH(S2,S1;SL=1,hmac)Frag(0,1)DestOpt()IPv6(a,b)/UDP(1,2)", 0);
        for (int length = 0; length <= p.length; length++)
        {
            final byte[] exact = java.util.Arrays.copyOf(p, length);
            chain.walk(new UnsafeBuffer(exact), 0, length); // bounds-checked buffer: an overrun would throw
        }
    }
}
