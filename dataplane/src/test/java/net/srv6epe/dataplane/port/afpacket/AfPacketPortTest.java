package net.srv6epe.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.srv6.wire.Checksum;

/** What needs no network namespace: errors when opening, settings checks, the checksum arithmetic. */
class AfPacketPortTest
{
    @Test
    void aMissingInterfaceIsAClearError()
    {
        final PortException ex = assertThrows(PortException.class,
            () -> AfPacketPort.open("up0", "s6e-nonexistent", 1, 1500));
        assertTrue(ex.getMessage().contains("port 'up0': no such interface 's6e-nonexistent' (ip link show)"),
            ex.getMessage());
    }

    @Test
    void aNameTooLongForAnInterfaceIsAClearError()
    {
        final PortException ex = assertThrows(PortException.class,
            () -> AfPacketPort.open("up0", "an-interface-name-too-long", 1, 1500));
        assertTrue(ex.getMessage().contains("no such interface"), ex.getMessage());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheValue()
    {
        final IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
            () -> AfPacketSettings.DEFAULT.withRing(100_000, 4));
        assertTrue(size.getMessage().contains("block size 100000"), size.getMessage());
        final IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
            () -> AfPacketSettings.DEFAULT.withFanoutGroup(70_000));
        assertTrue(group.getMessage().contains("fanout group 70000"), group.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AfPacketSettings.DEFAULT.withRing(1 << 20, 2048));
        assertEquals(5, AfPacketSettings.DEFAULT.withFanoutGroup(5).fanoutGroup());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 7, 8, 9, 15, 64, 65, 1499, 1500, 9000, 65535})
    void theEightBytesAtATimeSumFoldsToTheSameChecksumAsTheReferenceOne(final int length)
    {
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(length + 16));
        final Random random = new Random(length);
        for (int i = 0; i < b.capacity(); i++)
        {
            b.putByte(i, (byte)(length == 65535 ? 0xFF : random.nextInt()));
        }
        for (int offset = 0; offset < 3; offset++)
        {
            assertEquals(Checksum.fold(Checksum.sum(b, offset, length, 0x1_2345L)),
                Checksum.fold(PartialChecksum.sum(b, offset, length, 0x1_2345L)), "offset " + offset);
        }
    }

    @Test
    void unavailableReasonIsNullWhereWeRunAsRootOnLinux()
    {
        // The test machines are Linux and run the tests as root (see the README); anywhere else this names why.
        final String reason = AfPacketPort.unavailableReason();
        if (System.getProperty("os.name").startsWith("Linux") && "root".equals(System.getProperty("user.name")))
        {
            assertEquals(null, reason);
        }
        else
        {
            assertTrue(reason != null && !reason.isEmpty());
        }
    }
}
