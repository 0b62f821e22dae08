package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BondTlvTest
{
    private static long[] segments(final String... sids)
    {
        final long[] s = new long[2 * sids.length];
        for (int i = 0; i < sids.length; i++)
        {
            s[2 * i] = Ipv6Address.parseHi(sids[i]);
            s[2 * i + 1] = Ipv6Address.parseLo(sids[i]);
        }
        return s;
    }

    @Test
    void bondedTemplateHasAValidSrhWithTheTlvAfterTheSegments()
    {
        final EncapTemplate t = EncapTemplate.createBonded(1, 2, segments("fc00:a::1", "fc00:6::b1"));
        assertEquals(40 + 8 + 32 + 24, t.length());
        assertEquals(40 + 8 + 32, t.bondTlvOffset());
        final UnsafeBuffer b = new UnsafeBuffer(t.headerBytes().clone());
        final Srh srh = new Srh().wrap(b, 40, t.length() - 40);
        assertNull(srh.validate());
        assertEquals(1, srh.segmentsLeft());
        assertEquals(1, srh.lastEntry());
        assertEquals(7, b.getByte(41), "Hdr Ext Len counts segments and the TLV in 8-octet units");
        assertEquals(t.bondTlvOffset(), BondTlv.find(srh));
    }

    @Test
    void singleSidBondMemberStillCarriesAnSrh()
    {
        final EncapTemplate t = EncapTemplate.createBonded(1, 2, segments("fc00:6::b1"));
        assertTrue(t.hasSrh());
        final Srh srh = new Srh().wrap(new UnsafeBuffer(t.headerBytes().clone()), 40, t.length() - 40);
        assertNull(srh.validate());
        assertEquals(0, srh.segmentsLeft());
    }

    @Test
    void fieldsRoundTrip()
    {
        final EncapTemplate t = EncapTemplate.createBonded(1, 2, segments("fc00:a::1", "fc00:6::b1"));
        final UnsafeBuffer b = new UnsafeBuffer(t.headerBytes().clone());
        final int at = t.bondTlvOffset();
        BondTlv.write(b, at, 0xBEEF, 3, 7, BondTlv.FLAG_PROBE, 9, 0xFFFF_FFFE, 0x8000_0001, 0x0123_4567_89AB_CDEFL);
        final Srh srh = new Srh().wrap(b, 40, t.length() - 40);
        assertNull(srh.validate());
        final int found = BondTlv.find(srh);
        assertEquals(at, found);
        assertEquals(0xBEEF, BondTlv.bondId(b, found));
        assertEquals(3, BondTlv.stream(b, found));
        assertEquals(7, BondTlv.member(b, found));
        assertEquals(BondTlv.FLAG_PROBE, BondTlv.flags(b, found));
        assertEquals(9, BondTlv.members(b, found));
        assertEquals(0xFFFF_FFFE, BondTlv.sequence(b, found));
        assertEquals(0x8000_0001, BondTlv.memberSequence(b, found));
        assertEquals(0x0123_4567_89AB_CDEFL, BondTlv.sendTimeNs(b, found));
        assertEquals(BondTlv.TYPE, b.getByte(found) & 0xFF);
        assertEquals(BondTlv.VALUE_LENGTH, b.getByte(found + 1));
    }

    @Test
    void plainSrhHasNoBondTlvAndAType124OfAnotherLengthIsNotOurs()
    {
        final EncapTemplate plain = EncapTemplate.create(net.srv6epe.srv6.Behavior.H_ENCAPS, 1, 2,
            segments("fc00:a::1", "fc00:6::b1"));
        final Srh srh = new Srh().wrap(new UnsafeBuffer(plain.headerBytes().clone()), 40, plain.length() - 40);
        assertNull(srh.validate());
        assertEquals(BondTlv.NOT_FOUND, BondTlv.find(srh));

        final EncapTemplate t = EncapTemplate.createBonded(1, 2, segments("fc00:a::1", "fc00:6::b1"));
        final UnsafeBuffer b = new UnsafeBuffer(t.headerBytes().clone());
        // rewrite the TLV as a type-124 TLV of 4 octets followed by an unknown type-125 TLV filling the 24
        b.putByte(t.bondTlvOffset() + 1, (byte)4);
        b.putByte(t.bondTlvOffset() + 6, (byte)125);
        b.putByte(t.bondTlvOffset() + 7, (byte)16);
        for (int i = 8; i < 24; i++)
        {
            b.putByte(t.bondTlvOffset() + i, (byte)0);
        }
        final Srh other = new Srh().wrap(b, 40, t.length() - 40);
        assertNull(other.validate());
        assertEquals(BondTlv.NOT_FOUND, BondTlv.find(other));
    }

    @Test
    void theLongestBondedSrhStillFitsItsLengthOctet()
    {
        final String[] sids = new String[126];
        for (int i = 0; i < sids.length; i++)
        {
            sids[i] = "fc00:" + Integer.toHexString(i + 1) + "::1";
        }
        final EncapTemplate t = EncapTemplate.createBonded(1, 2, segments(sids));
        final Srh srh = new Srh().wrap(new UnsafeBuffer(t.headerBytes().clone()), 40, t.length() - 40);
        assertNull(srh.validate());
        assertEquals(t.bondTlvOffset(), BondTlv.find(srh));
        final String[] more = java.util.Arrays.copyOf(sids, 127);
        more[126] = "fc00:ff::1";
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> EncapTemplate.createBonded(1, 2, segments(more))).getMessage().contains("126 segments"));
    }
}
