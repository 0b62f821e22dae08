package net.srv6epe.dataplane.capture;

import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineFixture;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.PacketDescriber;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_PEER_MAC;

/**
 * Frames for {@link PipelineFixture}'s two ports written in header algebra, with the fixture's names (the same
 * addresses as its address book: {@code S2} our End SID, {@code S3} a remote SID, {@code N} the core neighbor...).
 */
final class CaptureFrames
{
    static final AddressBook BOOK = AddressBook.defaults()
        .define("R", "fd00:c::1")
        .define("N", "fd00:c::2")
        .define("E", "fd00:e::1")
        .define("P", "fd00:e::2")
        .define("SRC", "fd00:100::10")
        .define("EPE", "fd00:10::a")
        .define("H", "fd00:10::10")
        .define("C", "fd00:c0::c")
        .define("S1", "fc00:a::d6")
        .define("S2", "fc00:a::1")
        .define("S3", "fc00:b::100")
        .define("c4", "198.18.0.12")
        .define("h4", "198.18.1.10");

    private final UnsafeBuffer work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 4096));

    /** An Ethernet frame from the port's peer to us carrying the packet. */
    static byte[] frame(final int port, final String algebra, final int payload)
    {
        final boolean core = port == CORE;
        final byte[] l3 = Packets.build(algebra, payload, BOOK);
        final UnsafeBuffer f = new UnsafeBuffer(new byte[14 + l3.length]);
        putMac(f, 0, core ? CORE_MAC : EDGE_MAC);
        putMac(f, 6, core ? CORE_PEER_MAC : EDGE_PEER_MAC);
        f.putShort(12, (short)(algebra.startsWith("IPv4") ? 0x0800 : 0x86DD), ByteOrder.BIG_ENDIAN);
        f.putBytes(14, l3);
        return f.byteArray();
    }

    /** Runs a frame through the fixture's pipeline, as the worker does (copied into a buffer with headroom). */
    byte[] receive(final PipelineFixture fx, final int port, final String algebra)
    {
        final byte[] frame = frame(port, algebra, 20);
        work.putBytes(Pipeline.HEADROOM, frame);
        fx.pipeline.process(port, work, Pipeline.HEADROOM, frame.length);
        return frame;
    }

    /** The packet after the Ethernet header of a captured frame, in header algebra with the fixture's names. */
    static String describe(final CapturedFrame frame)
    {
        final byte[] l3 = Arrays.copyOfRange(frame.data(), 14, frame.data().length);
        return PacketDescriber.describe(l3, 0, l3.length, BOOK);
    }

    private static void putMac(final UnsafeBuffer f, final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            f.putByte(offset + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }
}
