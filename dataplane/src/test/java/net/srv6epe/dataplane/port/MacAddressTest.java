package net.srv6epe.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest
{
    @Test
    void parsesFormatsAndMovesThroughBuffers()
    {
        final long mac = MacAddress.parse("02:AB:cd:00:ff:01");
        assertEquals(0x02AB_CD00_FF01L, mac);
        assertEquals("02:ab:cd:00:ff:01", MacAddress.format(mac));
        assertEquals(mac, MacAddress.parse("02-ab-cd-00-ff-01"));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        MacAddress.put(buffer, 3, mac);
        assertEquals(0x02, buffer.getByte(3));
        assertEquals(0x01, buffer.getByte(8));
        assertEquals(mac, MacAddress.get(buffer, 3));
        assertEquals(MacAddress.BROADCAST, MacAddress.parse("ff:ff:ff:ff:ff:ff"));
    }

    @Test
    void groupBitIsTheLowBitOfTheFirstOctet()
    {
        assertTrue(MacAddress.isGroup(MacAddress.parse("33:33:ff:00:00:01")));
        assertTrue(MacAddress.isGroup(MacAddress.BROADCAST));
        assertFalse(MacAddress.isGroup(MacAddress.parse("02:00:00:00:00:01")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:0g", "02:00:00:00:00:001", "02.00.00.00.00.01"})
    void rejectsWhatIsNotAMac(final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
        assertTrue(ex.getMessage().contains("'" + text + "'"));
    }
}
