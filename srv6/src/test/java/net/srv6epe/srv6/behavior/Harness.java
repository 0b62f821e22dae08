package net.srv6epe.srv6.behavior;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/** Puts a built packet in a frame buffer with headroom, the way a port hands it to a worker. */
final class Harness
{
    static final int HEADROOM = 256;

    final byte[] frame;
    final UnsafeBuffer buffer;
    final PacketContext ctx = new PacketContext();

    Harness(final byte[] packet, final int family)
    {
        frame = new byte[HEADROOM + packet.length];
        System.arraycopy(packet, 0, frame, HEADROOM, packet.length);
        buffer = new UnsafeBuffer(frame);
        ctx.reset(buffer, HEADROOM, packet.length, 0, family);
    }

    byte[] output()
    {
        return Arrays.copyOfRange(frame, ctx.l3Offset(), ctx.l3End());
    }
}
