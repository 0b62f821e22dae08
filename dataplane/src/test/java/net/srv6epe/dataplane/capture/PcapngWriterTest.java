package net.srv6epe.dataplane.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The pcapng writer: block structure, and what Wireshark's decoder (tshark) reads back from its files. */
class PcapngWriterTest
{
    private static final long TIME_NS = 1_764_000_000_123_456_789L;

    @TempDir
    Path dir;

    @Test
    void tsharkReadsEachFramesInterfaceLengthsTimeDirectionAndComment() throws Exception
    {
        assumeTrue(Tshark.available(), "tshark is not installed (bin/test-all installs it)");
        final byte[] in = CaptureFrames.frame(CORE, "IPv6(N,S2)/SRH(S3,S2;SL=1)/UDP(1,2)", 20);
        final byte[] dropped = CaptureFrames.frame(EDGE, "IPv6(H,fc00:a::99)/UDP(1,2)", 300);
        final byte[] out = CaptureFrames.frame(CORE, "IPv6(SRC,S3)/UDP(3,4)", 7); // not a multiple of 4
        final Path file = dir.resolve("three.pcapng");
        try (OutputStream stream = Files.newOutputStream(file))
        {
            final PcapngWriter writer = new PcapngWriter(stream, "test");
            assertEquals(0, writer.addInterface("core", 2048));
            assertEquals(1, writer.addInterface("edge", 64));
            writer.writePacket(0, TIME_NS, in, in.length, "in core", PcapngWriter.DIRECTION_INBOUND);
            writer.writePacket(1, TIME_NS + 1, Arrays.copyOf(dropped, 64), dropped.length,
                "drop edge: drop.srv6.sid-unknown", PcapngWriter.DIRECTION_INBOUND);
            writer.writePacket(0, TIME_NS + 1_000_000_000L, out, out.length, null, PcapngWriter.DIRECTION_OUTBOUND);
        }

        assertEquals(List.of(
            "core\t" + in.length + "\t" + in.length + "\t1764000000.123456789\t0x00000001\tin core\tfc00:a::1",
            "edge\t" + dropped.length + "\t64\t1764000000.123456790\t0x00000001\t" +
                "drop edge: drop.srv6.sid-unknown\tfc00:a::99",
            "core\t" + out.length + "\t" + out.length + "\t1764000001.123456789\t0x00000002\t\tfc00:b::100"),
            Tshark.fields(file, "frame.interface_name", "frame.len", "frame.cap_len", "frame.time_epoch",
                "frame.packet_flags_direction", "frame.comment", "ipv6.dst"));
    }

    @Test
    void everyBlockIsFramedByItsLengthAndPaddedToFourOctets() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PcapngWriter writer = new PcapngWriter(bytes, "srv6-epe");
        writer.addInterface("uplink0", 128);
        writer.writePacket(0, TIME_NS, new byte[61], 61, "a comment of 23 octets.", PcapngWriter.DIRECTION_INBOUND);
        writer.writePacket(0, TIME_NS, new byte[64], 100, null, PcapngWriter.DIRECTION_UNKNOWN);

        final ByteBuffer file = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        final List<Integer> types = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        while (file.hasRemaining())
        {
            final int start = file.position();
            final int type = file.getInt();
            final int length = file.getInt();
            assertEquals(0, length % 4, "block at " + start + " has length " + length);
            assertEquals(length, file.getInt(start + length - 4), "trailing length of the block at " + start);
            types.add(type);
            lengths.add(length);
            file.position(start + length);
        }
        assertEquals(List.of(0x0A0D0D0A, 1, 6, 6), types);
        assertEquals(0x1A2B3C4D, ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        // SHB: 24 fixed + shb_userappl "srv6-epe" 4 + 8, end of options 4, trailing length 4
        // IDB: 16 fixed + if_name "uplink0" 4 + 8 (7 padded) + if_tsresol 4 + 4, end 4, length 4
        // EPB: 28 fixed + data 64 (61 padded) + comment 4 + 24 (23 padded) + flags 4 + 4, end 4, length 4
        assertEquals(List.of(24 + 12 + 4 + 4, 16 + 12 + 8 + 4 + 4, 28 + 64 + 28 + 8 + 4 + 4, 28 + 64 + 4 + 4),
            lengths);
    }

    @Test
    void refusesAFrameOfAnUndescribedInterfaceOrLongerThanItsOriginal() throws Exception
    {
        final PcapngWriter writer = new PcapngWriter(new ByteArrayOutputStream(), "test");
        writer.addInterface("core", 2048);

        assertEquals("interface 1 not described (1 interfaces)", assertThrows(IllegalArgumentException.class,
            () -> writer.writePacket(1, 0, new byte[60], 60, null, 0)).getMessage());
        assertEquals("original length 59 < captured 60", assertThrows(IllegalArgumentException.class,
            () -> writer.writePacket(0, 0, new byte[60], 59, null, 0)).getMessage());
    }
}
