package net.srv6epe.srv6.bond;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedbackMessageTest
{
    private static UnsafeBuffer twoMemberReport(final int at)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[at + FeedbackMessage.length(2)]);
        FeedbackMessage.writeHeader(b, at, 2, 0xABCD, 5, 0xFFFF_FFFF, 123_456_789_000L, 17, 12_345_678L,
            100, 2, 3, 4);
        FeedbackMessage.writeMember(b, at, 0, 0, 0x8000_0000, 1000, 1_500_000, 2_000_000, 2_500_000, 9_000_000);
        FeedbackMessage.writeMember(b, at, 1, 1, 41, 500, 750_000, Long.MAX_VALUE, 0, Long.MIN_VALUE);
        return b;
    }

    @Test
    void roundTrip()
    {
        final UnsafeBuffer b = twoMemberReport(10);
        final FeedbackReport r = FeedbackMessage.decode(b, 10, FeedbackMessage.length(2));
        assertEquals(0xABCD, r.bondId());
        assertEquals(5, r.stream());
        assertEquals(0xFFFF_FFFF, r.reportSequence());
        assertEquals(123_456_789_000L, r.tailTimeNs());
        assertEquals(17, r.occupancy());
        assertEquals(12_345_000L, r.holdNs(), "hold time travels in microseconds");
        assertEquals(100, r.resequenced());
        assertEquals(2, r.late());
        assertEquals(3, r.lost());
        assertEquals(4, r.duplicates());
        assertEquals(2, r.members().size());
        final MemberReport a = r.members().get(0);
        assertEquals(new MemberReport(0, 0x8000_0000, 1000, 1_500_000, 2_000_000, 2_500_000, 9_000_000), a);
        assertTrue(a.hasDelay());
        final MemberReport b1 = r.members().get(1);
        assertEquals(1, b1.member());
        assertFalse(b1.hasDelay());
        assertEquals(0x53424642, b.getInt(10, java.nio.ByteOrder.BIG_ENDIAN), "\"SBFB\" on the wire");
    }

    @Test
    void malformedReportsAreRefusedWithTheReason()
    {
        final UnsafeBuffer b = twoMemberReport(0);
        final int length = FeedbackMessage.length(2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(b, 0, 20))
            .getMessage().contains("shorter than"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(b, 0, length - 1))
            .getMessage().contains("for 2 members"));

        final UnsafeBuffer version = twoMemberReport(0);
        version.putByte(4, (byte)2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(version, 0, length))
            .getMessage().contains("version 2"));

        final UnsafeBuffer magic = twoMemberReport(0);
        magic.putByte(0, (byte)'X');
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(magic, 0, length))
            .getMessage().contains("magic"));

        final UnsafeBuffer repeated = twoMemberReport(0);
        repeated.putByte(FeedbackMessage.HEADER_LENGTH + FeedbackMessage.MEMBER_LENGTH, (byte)0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(repeated, 0, length))
            .getMessage().contains("repeated"));

        final UnsafeBuffer tooMany = twoMemberReport(0);
        tooMany.putByte(5, (byte)17);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedbackMessage.decode(tooMany, 0, length))
            .getMessage().contains("17 members"));
    }
}
