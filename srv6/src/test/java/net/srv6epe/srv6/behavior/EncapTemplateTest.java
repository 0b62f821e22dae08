package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.wire.Srh;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncapTemplateTest
{
    @Test
    void hEncapsCarriesEverySegmentInReverseOrder()
    {
        final EncapTemplate t = HeadEndTest.template(Behavior.H_ENCAPS, "A", "S1", "S2", "S3");
        assertEquals(40 + 8 + 48, t.length());
        assertTrue(t.hasSrh());
        assertEquals(40, t.nextHeaderOffset());
        final UnsafeBuffer b = new UnsafeBuffer(t.headerBytes());
        assertEquals(43, b.getByte(6));
        final Srh srh = new Srh().wrap(b, 40, t.length() - 40);
        assertNull(srh.validate());
        assertEquals(2, srh.segmentsLeft());
        assertEquals(2, srh.lastEntry());
        assertEquals(t.segmentLo(2), srh.segmentLo(0));
        assertEquals(t.segmentLo(0), srh.segmentLo(2));
    }

    @Test
    void hEncapsRedOmitsTheFirstSegment()
    {
        final EncapTemplate t = HeadEndTest.template(Behavior.H_ENCAPS_RED, "A", "S1", "S2", "S3");
        assertEquals(40 + 8 + 32, t.length());
        final Srh srh = new Srh().wrap(new UnsafeBuffer(t.headerBytes()), 40, t.length() - 40);
        assertNull(srh.validate());
        assertEquals(2, srh.segmentsLeft());
        assertEquals(1, srh.lastEntry());
    }

    @Test
    void hEncapsRedWithOneSegmentHasNoSrh()
    {
        final EncapTemplate t = HeadEndTest.template(Behavior.H_ENCAPS_RED, "A", "S1");
        assertEquals(40, t.length());
        assertFalse(t.hasSrh());
        assertEquals(6, t.nextHeaderOffset());
    }

    @Test
    void rejectsNonEncapsulationModesAndEmptyLists()
    {
        assertThrows(IllegalArgumentException.class, () -> EncapTemplate.create(Behavior.END, 0, 1, new long[]{ 0, 1 }));
        assertThrows(IllegalArgumentException.class, () -> EncapTemplate.create(Behavior.H_ENCAPS, 0, 1, new long[0]));
    }
}
