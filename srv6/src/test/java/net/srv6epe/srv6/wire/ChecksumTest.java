package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumTest
{
    private static UnsafeBuffer bytes(final int... values)
    {
        final byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            b[i] = (byte)values[i];
        }
        return new UnsafeBuffer(b);
    }

    @Test
    void rfc1071Example()
    {
        // RFC 1071 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2 (after folding), checksum 220d
        final UnsafeBuffer b = bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, 8, 0)));
        assertEquals(0x220d, Checksum.compute(b, 0, 8));
    }

    @Test
    void knownIpv4HeaderVector()
    {
        final UnsafeBuffer b = bytes(0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
            0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7);
        assertEquals(0xb861, Checksum.compute(b, 0, 20));
    }

    @Test
    void oddLengthIsPaddedOnTheRight()
    {
        assertEquals(~0x0100 & 0xFFFF, Checksum.compute(bytes(0x01), 0, 1));
    }

    @Test
    void pseudoHeaderMatchesAnIndependentlyBuiltUdpChecksum()
    {
        final byte[] packet = Packets.build("IPv6(a,b)/UDP(1,2)", 33);
        final UnsafeBuffer b = new UnsafeBuffer(packet);
        final long pseudo = Checksum.pseudoHeaderSum(b.getLong(8, java.nio.ByteOrder.BIG_ENDIAN),
            b.getLong(16, java.nio.ByteOrder.BIG_ENDIAN), b.getLong(24, java.nio.ByteOrder.BIG_ENDIAN),
            b.getLong(32, java.nio.ByteOrder.BIG_ENDIAN), packet.length - 40, 17);
        assertEquals(0xFFFF, Checksum.fold(Checksum.sum(b, 40, packet.length - 40, pseudo)));
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 42, 20260101 })
    void incrementalUpdateEqualsRecomputation(final long seed)
    {
        final Random random = new Random(seed);
        for (int i = 0; i < 1000; i++)
        {
            final byte[] header = new byte[20];
            random.nextBytes(header);
            final UnsafeBuffer b = new UnsafeBuffer(header);
            b.putShort(10, (short)0);
            b.putShort(10, (short)Checksum.compute(b, 0, 20), java.nio.ByteOrder.BIG_ENDIAN);
            final int oldWord = b.getShort(8, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int newWord = random.nextInt(0x10000);
            b.putShort(8, (short)newWord, java.nio.ByteOrder.BIG_ENDIAN);
            final int updated = Checksum.update(b.getShort(10, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF, oldWord, newWord);
            b.putShort(10, (short)updated, java.nio.ByteOrder.BIG_ENDIAN);
            assertTrue(Checksum.fold(Checksum.sum(b, 0, 20, 0)) == 0xFFFF, "seed " + seed + " round " + i);
        }
    }
}
