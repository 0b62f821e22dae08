package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SrhTest
{
    private static Srh srhOf(final String algebra)
    {
        final byte[] p = Packets.build(algebra, 0);
        return new Srh().wrap(new UnsafeBuffer(p), 40, p.length - 40);
    }

    @Test
    void readsTheFields()
    {
        final Srh srh = srhOf("IPv6(A,S1)SRH(S3,S2,S1;SL=2,tag=513,flags=3)IPv6(a,b)");
        assertNull(srh.validate());
        assertEquals(41, srh.nextHeader());
        assertEquals(6, srh.hdrExtLen());
        assertEquals(56, srh.headerLength());
        assertEquals(4, srh.routingType());
        assertEquals(2, srh.segmentsLeft());
        assertEquals(2, srh.lastEntry());
        assertEquals(3, srh.flags());
        assertEquals(513, srh.tag());
        assertEquals(Ipv6Address.parseHi("fd00:5::3"), srh.segmentHi(0));
        assertEquals(Ipv6Address.parseLo("fd00:5::1"), srh.segmentLo(2));
        assertEquals(srh.tlvEnd(), srh.firstTlvOffset());
        assertEquals(-1, srh.hmacTlvOffset());
    }

    @Test
    void walksTlvsAndFindsTheHmac()
    {
        final Srh srh = srhOf("IPv6(A,S1)SRH(S2,S1;SL=1,pad=2,hmac)IPv6(a,b)");
        assertNull(srh.validate());
        int count = 0;
        int hmacAt = -1;
        for (int t = srh.firstTlvOffset(); t < srh.tlvEnd(); t = srh.nextTlv(t))
        {
            if (srh.tlvType(t) == Srh.TLV_HMAC)
            {
                hmacAt = t;
                assertEquals(40, srh.tlvLength(t));
            }
            count++;
        }
        assertEquals(hmacAt, srh.hmacTlvOffset());
        assertEquals(1, srh.hmacKeyId(hmacAt));
        assertEquals(6, count); // HMAC (40), PadN (4), four Pad1 to align to 8 octets
    }

    @ParameterizedTest
    @CsvSource({
        "'SRH(S2,S1;SL=2)', ",
        "'SRH(S2,S1;SL=3)', SRH_SL_EXCEEDS_LAST_ENTRY",
        "'SRH(S2,S1;SL=1,LE=2)', SRH_BAD_LENGTH",
        "'SRH(S2,S1;SL=0,hlen=3)', SRH_BAD_LENGTH",
        "'SRH(S2,S1;SL=0,hlen=0)', SRH_BAD_LENGTH",
        "'SRH(S2,S1;SL=1,pad=5)', ",
        "'SRH(S2,S1;SL=1,pad=6)', SRH_BAD_TLV",
        "'SRH(S2,S1;SL=1,hmac)', ",
        "'SRH(S2,S1;SL=1,hlen=9)', SRH_TRUNCATED",
    })
    void validatesOnceAndCompletely(final String srh, final DropReason expected)
    {
        assertEquals(expected, srhOf("IPv6(A,S1)" + srh).validate());
    }

    @Test
    void rejectsTlvOverrunsAndBadHmacLengths()
    {
        final byte[] p = Packets.build("IPv6(A,S1)SRH(S2,S1;SL=1,pad=4)", 0);
        final UnsafeBuffer b = new UnsafeBuffer(p);
        final Srh srh = new Srh().wrap(b, 40, p.length - 40);
        final int tlv = srh.firstTlvOffset();
        b.putByte(tlv, (byte)9);
        b.putByte(tlv + 1, (byte)7); // an unknown TLV now overruns the header by one
        assertEquals(DropReason.SRH_BAD_TLV, srh.validate());
        b.putByte(tlv, (byte)Srh.TLV_HMAC);
        b.putByte(tlv + 1, (byte)4); // shorter than the HMAC fixed part
        assertEquals(DropReason.SRH_BAD_TLV, srh.validate());
        b.putByte(tlv + 1, (byte)0);
        b.putByte(tlv, (byte)9); // unknown TLV type, fits: accepted (RFC 8754 2.1: ignored)
        assertNull(srh.validate());
        assertEquals(DropReason.SRH_TRUNCATED, new Srh().wrap(b, 40, 7).validate());
    }

    @Test
    void writesTheFields()
    {
        final Srh srh = srhOf("IPv6(A,S1)SRH(S2,S1;SL=1)");
        srh.segmentsLeft(0).tag(7).flags(1).segment(1, 5, 6);
        assertEquals(0, srh.segmentsLeft());
        assertEquals(7, srh.tag());
        assertEquals(1, srh.flags());
        assertEquals(5, srh.segmentHi(1));
        assertEquals(6, srh.segmentLo(1));
    }
}
