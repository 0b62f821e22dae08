package net.srv6epe.dataplane.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortFactory;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.afxdp.XdpRedirect;
import net.srv6epe.dataplane.port.afxdp.XskSocket;
import net.srv6epe.dataplane.port.afxdp.XskUmem;
import net.srv6epe.srv6.Ipv6Address;

/**
 * The AF_XDP groundwork against the Linux kernel: an XSK in copy mode on the root end of a veth pair, the redirect
 * program attached there, the kernel of a test namespace on the other end answering our pings.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@Timeout(60)
class XskSocketLabTest
{
    private static final long OUR_MAC = MacAddress.parse("02:5e:00:00:a8:02");
    private static final String KERNEL_ADDRESS = "fd00:a8::1";
    private static final String OUR_ADDRESS = "fd00:a8::2";

    private Netns lab;
    private Netns.VethPair veth;
    private String ns;
    private long kernelMac;

    @BeforeEach
    void setUp()
    {
        lab = Netns.create();
        ns = lab.namespace("xdp");
        veth = lab.veth(null, ns);
        kernelMac = lab.kernelPeer(ns, veth.b(), KERNEL_ADDRESS + "/64", OUR_ADDRESS, OUR_MAC);
        lab.sysctl(ns, "net.ipv6.icmp.ratelimit", "0");
    }

    @AfterEach
    void tearDown()
    {
        lab.close();
    }

    /** Whether {@code ip link} shows an XDP program on our end of the veth (in the root namespace). */
    private boolean xdpAttached()
    {
        try
        {
            final Process p = new ProcessBuilder("ip", "link", "show", "dev", veth.a()).redirectErrorStream(true)
                .start();
            final String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            return out.contains("prog/xdp");
        }
        catch (final java.io.IOException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** An echo request from us to the kernel peer into {@code request}; returns its length. */
    private int echoRequest(final UnsafeBuffer request, final int identifier, final int sequence, final int payload)
    {
        return LabFrames.echoRequest(request, kernelMac, OUR_MAC, Ipv6Address.parseHi(OUR_ADDRESS),
            Ipv6Address.parseLo(OUR_ADDRESS), Ipv6Address.parseHi(KERNEL_ADDRESS), Ipv6Address.parseLo(KERNEL_ADDRESS),
            identifier, sequence, payload);
    }

    @Test
    void framesArrivingWhileEveryChunkIsHeldAreCountedAsNoBufferDrops() throws Exception
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
        final int frames = 256;
        final int fillChunks = frames / 2; // as many as the RX ring has entries: the chunks run out first
        final int count = fillChunks + 72;
        try (XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 1500, 0, frames, false))
        {
            // the kernel answers every request; we receive nothing until all answers are in
            for (int i = 0; i < count; i++)
            {
                final int length = echoRequest(request, 0xa9, i, 32);
                assertTrue(xsk.send(request, 0, length), () -> "a transmit chunk was free: " + xsk.counters());
                if (i % 16 == 15)
                {
                    xsk.flush();
                }
            }
            xsk.flush();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (xsk.readKernelStatistics() && xsk.counters().get(PortCounter.RX_DROPPED) < count - fillChunks &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertEquals(count - fillChunks, xsk.counters().get(PortCounter.RX_DROPPED), xsk.counters()::toString);
            assertEquals(count - fillChunks, xsk.counters().get(PortCounter.RX_NO_BUFFER),
                "no chunk to copy them into, not a full RX ring: " + xsk.counters());
            final int[] received = {0};
            while (xsk.receive((buffer, offset, length) -> received[0]++, 64) > 0)
            {
                xsk.flush();
            }
            assertEquals(fillChunks, received[0], "the answers the lent chunks held");
        }
    }

    @Test
    void theKernelAnswersEchoRequestsWeSendAndItsRepliesComeToTheSocketThroughTheProgram()
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
        final int count = 200;
        final int[] replies = {0};
        final int[] lentInPlace = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (LabFrames.icmpv6Type(buffer, offset, length) == LabFrames.ECHO_REPLY &&
                MacAddress.get(buffer, offset) == OUR_MAC)
            {
                replies[0]++;
                // its own chunk, the writable headroom in front: the worker may process it where it is
                if (offset == XskSocket.RX_HEADROOM && buffer.capacity() == XskSocket.FRAME_SIZE &&
                    buffer instanceof org.agrona.MutableDirectBuffer)
                {
                    lentInPlace[0]++;
                }
            }
        };
        try (XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 1500, 0, 256, false))
        {
            assertTrue(xdpAttached(), "the redirect program is on the interface");
            for (int i = 0; i < count; i++)
            {
                final int length = echoRequest(request, 0xa8, i, 32);
                assertTrue(xsk.send(request, 0, length), "a transmit chunk was free");
                if (i % 16 == 15)
                {
                    xsk.flush();
                    xsk.receive(handler, 64);
                }
            }
            xsk.flush();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (replies[0] < count && System.nanoTime() < deadline)
            {
                xsk.receive(handler, 64);
                xsk.flush();
            }
            assertEquals(count, replies[0], () -> "replies through the XSK; counters " + xsk.counters());
            assertEquals(count, lentInPlace[0], "each reply handed over in its chunk after the writable headroom");
            assertEquals(XskSocket.RX_HEADROOM, xsk.writableHeadroom());
            assertEquals(count, xsk.counters().get(PortCounter.TX_PACKETS));
            assertTrue(xsk.counters().get(PortCounter.RX_PACKETS) >= count);
            assertTrue(xsk.readKernelStatistics());
            assertEquals(0, xsk.counters().get(PortCounter.RX_DROPPED));
        }
        assertFalse(xdpAttached(), "closing the socket detached the program");
    }

    @Test
    void theTransmitPoolComesBackThroughTheCompletionRing()
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
        try (XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 1500, 0, 64, false))
        {
            // 32 transmit chunks; 20 rounds of 32 frames only work if every round's chunks come back
            for (int round = 0; round < 20; round++)
            {
                for (int i = 0; i < 32; i++)
                {
                    final int length = echoRequest(request, 0xa9, i, 32);
                    final long deadline = System.nanoTime() + 2_000_000_000L;
                    while (!xsk.send(request, 0, length) && System.nanoTime() < deadline)
                    {
                        xsk.flush();
                    }
                }
                xsk.flush();
                xsk.receive((b, o, l) -> { }, 64);
            }
            assertEquals(20 * 32, xsk.counters().get(PortCounter.TX_PACKETS), xsk.counters().toString());
        }
    }

    @Test
    void jumboFramesCrossTheSocketSplitOverChunksOnTransmitAndPutBackTogetherOnReceive()
    {
        lab.mtu(veth, 9000);
        try (XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 9000, 0, 256, true))
        {
            jumboEchoes(xsk);
        }
    }

    /** 8,062-octet echo requests out of {@code xsk} (two transmit chunks), the kernel's replies back whole (three). */
    private void jumboEchoes(final XskSocket xsk)
    {
        final int payload = 8000;
        final UnsafeBuffer request = new UnsafeBuffer(new byte[9100]);
        final int count = 20;
        final int[] good = {0};
        final int[] length = {0};
        final FrameHandler handler = (buffer, offset, frameLength) ->
        {
            if (LabFrames.icmpv6Type(buffer, offset, frameLength) != LabFrames.ECHO_REPLY ||
                MacAddress.get(buffer, offset) != OUR_MAC)
            {
                return;
            }
            boolean intact = frameLength == length[0] &&
                LabFrames.icmpv6Checksum(buffer, offset + 14, frameLength - 54) == 0;
            for (int i = 0; intact && i < payload; i++)
            {
                intact = buffer.getByte(offset + 62 + i) == (byte)i;
            }
            if (intact)
            {
                good[0]++;
            }
        };
        for (int i = 0; i < count; i++)
        {
            length[0] = echoRequest(request, 0xaa, i, payload);
            assertTrue(xsk.send(request, 0, length[0]), () -> "transmit chunks were free: " + xsk.counters());
            xsk.flush();
            xsk.receive(handler, 64);
        }
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (good[0] < count && System.nanoTime() < deadline)
        {
            xsk.receive(handler, 64);
            xsk.flush();
        }
        assertEquals(count, good[0], () -> "whole, intact replies of " + length[0] + " octets; counters " +
            xsk.counters());
        assertEquals(0, xsk.counters().get(PortCounter.RX_TRUNCATED));
        assertTrue(xsk.readKernelStatistics());
        assertEquals(0, xsk.counters().get(PortCounter.RX_DROPPED));
    }

    @Test
    void twoWorkersSocketsShareOneProgramAndEachGetsItsQueuesFrames() throws Exception
    {
        lab.queues(veth, 2);
        final int datagrams = 64;
        final Port[] sockets = PortFactory.openXdpQueueSockets("x0", veth.a(), OUR_MAC, 1500, 2);
        final int[] perSocket = new int[2];
        try
        {
            assertTrue(xdpAttached(), "one program for both queues");
            // 64 UDP sockets of the kernel: each datagram leaves on the transmit queue its flow hashes to, and the
            // veth delivers it on the receive queue of the same number
            lab.execOk(ns, "python3", "-c", "import socket\nfor i in range(" + datagrams + "):\n" +
                "    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n" +
                "    s.sendto(b'q' * 32, ('" + OUR_ADDRESS + "', 9))\n    s.close()\n");
            final long deadline = System.nanoTime() + 10_000_000_000L;
            while (perSocket[0] + perSocket[1] < datagrams && System.nanoTime() < deadline)
            {
                for (int q = 0; q < 2; q++)
                {
                    final int queue = q;
                    sockets[q].receive((buffer, offset, length) ->
                    {
                        // IPv6 next header UDP, destination port 9
                        if (length >= 62 && (buffer.getByte(offset + 20) & 0xFF) == 17 &&
                            buffer.getShort(offset + 56, java.nio.ByteOrder.BIG_ENDIAN) == 9)
                        {
                            perSocket[queue]++;
                        }
                    }, 64);
                }
            }
            assertEquals(datagrams, perSocket[0] + perSocket[1], () -> "each datagram once, on one of the queues: " +
                perSocket[0] + " + " + perSocket[1]);
            assertTrue(perSocket[0] > 0 && perSocket[1] > 0, () -> "both queues' sockets received: " + perSocket[0] +
                " + " + perSocket[1]);
            sockets[0].close();
            assertTrue(xdpAttached(), "the program stays while the other queue's socket is open");
        }
        finally
        {
            for (final Port socket : sockets)
            {
                socket.close();
            }
        }
        assertFalse(xdpAttached(), "the last socket closed detached the program");
    }

    @Test
    void moreWorkersThanReceiveQueuesIsRefusedNamingTheFix()
    {
        final PortException ex = assertThrows(PortException.class,
            () -> PortFactory.openXdpQueueSockets("x0", veth.a(), OUR_MAC, 1500, 2));
        assertEquals("af-xdp on '" + veth.a() + "': 2 workers need 2 receive queues, the interface has 1 (ethtool -L " +
            veth.a() + " rx 2 tx 2, or combined 2)", ex.getMessage());
        assertFalse(xdpAttached(), "nothing attached");
    }

    @Test
    void aHandlerThatThrowsDoesNotGetTheSameFrameAgain()
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
        final int count = 20;
        final int[] seen = new int[count];
        final boolean[] thrown = {false};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (LabFrames.icmpv6Type(buffer, offset, length) == LabFrames.ECHO_REPLY &&
                MacAddress.get(buffer, offset) == OUR_MAC)
            {
                seen[buffer.getShort(offset + 60, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF]++;
                if (!thrown[0])
                {
                    thrown[0] = true;
                    throw new IllegalStateException("a pipeline bug");
                }
            }
        };
        try (XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 1500, 0, 256, false))
        {
            for (int i = 0; i < count; i++)
            {
                final int length = echoRequest(request, 0xab, i, 32);
                assertTrue(xsk.send(request, 0, length));
            }
            xsk.flush();
            final long deadline = System.nanoTime() + 10_000_000_000L;
            int total = 0;
            while (total < count && System.nanoTime() < deadline)
            {
                try
                {
                    xsk.receive(handler, 64);
                }
                catch (final IllegalStateException expected)
                {
                    // the worker's agent runner logs it and goes on, as here
                }
                total = java.util.Arrays.stream(seen).sum();
            }
            assertTrue(thrown[0], "the handler threw once");
            for (int i = 0; i < count; i++)
            {
                assertEquals(1, seen[i], "reply " + i + " handed over exactly once");
            }
        }
    }

    @Test
    void aFrameReceivedOnOneSocketIsSentOnAnotherFromItsChunkWhenTheyShareAUmem()
    {
        final String ns2 = lab.namespace("xdp2");
        final Netns.VethPair veth2 = lab.veth(null, ns2);
        final String kernel2 = "fd00:a9::1";
        final String our2 = "fd00:a9::2";
        final long kernel2Mac = lab.kernelPeer(ns2, veth2.b(), kernel2 + "/64", our2, OUR_MAC);
        lab.sysctl(ns2, "net.ipv6.icmp.ratelimit", "0");
        final int rounds = 20;
        final int perRound = 16;
        final int count = rounds * perRound;
        final int[] seen = new int[count];
        final int[] forwarded = {0};
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]);
        // 128 chunks: 32 in each socket's fill ring, 64 in the pool; 320 frames only pass if chunks come back
        final XskUmem umem = XskUmem.allocate(128, false);
        final XdpRedirect redirectA = XdpRedirect.attach(veth.a(), 1, false);
        final XdpRedirect redirectB = XdpRedirect.attach(veth2.a(), 1, false);
        try (XskSocket a = XskSocket.open("a", veth.a(), OUR_MAC, 1500, 0, 64, redirectA, umem);
            XskSocket b = XskSocket.open("b", veth2.a(), OUR_MAC, 1500, 0, 64, redirectB, umem))
        {
            redirectA.release();
            redirectB.release();
            umem.release(); // the sockets hold it
            assertEquals(64, umem.available(), "each socket lent 32 chunks to its fill ring");
            // the first kernel's replies, received on a, are rewritten where they lie into requests to the second
            // kernel and sent on b from the same chunk
            final FrameHandler onA = (buffer, offset, length) ->
            {
                if (LabFrames.icmpv6Type(buffer, offset, length) == LabFrames.ECHO_REPLY &&
                    MacAddress.get(buffer, offset) == OUR_MAC)
                {
                    final int sequence = buffer.getShort(offset + 60, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
                    final UnsafeBuffer inChunk = new UnsafeBuffer(buffer.addressOffset() + offset,
                        XskSocket.FRAME_SIZE - offset);
                    final int forward = LabFrames.echoRequest(inChunk, kernel2Mac, OUR_MAC, Ipv6Address.parseHi(our2),
                        Ipv6Address.parseLo(our2), Ipv6Address.parseHi(kernel2), Ipv6Address.parseLo(kernel2), 0xb1,
                        sequence, 32);
                    assertTrue(b.send(buffer, offset, forward), () -> "b took the frame: " + b.counters());
                    forwarded[0]++;
                }
            };
            final FrameHandler onB = (buffer, offset, length) ->
            {
                if (LabFrames.icmpv6Type(buffer, offset, length) == LabFrames.ECHO_REPLY &&
                    MacAddress.get(buffer, offset) == OUR_MAC &&
                    LabFrames.icmpv6Checksum(buffer, offset + 14, length - 54) == 0)
                {
                    seen[buffer.getShort(offset + 60, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF]++;
                }
            };
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < perRound; i++)
                {
                    final int length = echoRequest(request, 0xb0, round * perRound + i, 32);
                    assertTrue(a.send(request, 0, length), () -> "a had a free chunk: " + a.counters());
                }
                a.flush();
                final int expected = (round + 1) * perRound;
                final long deadline = System.nanoTime() + 5_000_000_000L;
                while (java.util.Arrays.stream(seen).sum() < expected && System.nanoTime() < deadline)
                {
                    a.receive(onA, 64);
                    b.flush();
                    b.receive(onB, 64);
                    a.flush();
                }
            }
            for (int i = 0; i < count; i++)
            {
                assertEquals(1, seen[i], "the second kernel's reply to forwarded request " + i + ", once, intact");
            }
            assertEquals(count, forwarded[0]);
            assertEquals(count, b.counters().get(PortCounter.TX_IN_PLACE),
                "every forwarded frame went out of the chunk it came in");
            assertEquals(0, a.counters().get(PortCounter.TX_IN_PLACE), "a frame from the heap is copied");
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (umem.available() != 64 && System.nanoTime() < deadline)
            {
                a.flush();
                b.flush();
                a.receive((buffer, offset, length) -> { }, 64);
                b.receive((buffer, offset, length) -> { }, 64);
            }
            assertEquals(64, umem.available(), "every chunk back: in the pool, or in a fill ring again");
        }
    }

    @Test
    void aMultiBufferProgramNeedsAMultiBufferUmem()
    {
        final XskUmem umem = XskUmem.allocate(128, false);
        final XdpRedirect redirect = XdpRedirect.attach(veth.a(), 1, true);
        try
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> XskSocket.open("x0", veth.a(), OUR_MAC, 9000, 0, 64, redirect, umem));
            assertEquals("af-xdp on '" + veth.a() + "' queue 0: frames larger than a chunk need a multi-buffer UMEM",
                ex.getMessage());
            assertEquals(128, umem.available(), "nothing taken from the pool");
        }
        finally
        {
            redirect.release();
            umem.release();
        }
        assertFalse(xdpAttached(), "nothing left attached");
    }

    @Test
    void aSocketBoundToAnotherSocketsMultiBufferUmemTakesJumboFramesToo()
    {
        lab.mtu(veth, 9000);
        final String ns2 = lab.namespace("xdp2");
        final Netns.VethPair veth2 = lab.veth(null, ns2);
        final XskUmem umem = XskUmem.allocate(512, true);
        final XdpRedirect first = XdpRedirect.attach(veth2.a(), 1, false);
        final XdpRedirect second = XdpRedirect.attach(veth.a(), 1, true);
        try (XskSocket owner = XskSocket.open("o", veth2.a(), OUR_MAC, 1500, 0, 256, first, umem);
            XskSocket xsk = XskSocket.open("x0", veth.a(), OUR_MAC, 9000, 0, 256, second, umem))
        {
            // the second socket bound with XDP_SHARED_UMEM and no flags of its own: multi-buffer from the first's
            jumboEchoes(xsk);
            assertEquals(0, owner.counters().get(PortCounter.RX_TRUNCATED));
        }
        finally
        {
            first.release();
            second.release();
            umem.release();
        }
    }

    @Test
    void aMissingInterfaceIsAClearError()
    {
        final PortException ex = assertThrows(PortException.class, () -> XskSocket.open("x0", "s6e-nonexistent", OUR_MAC,
            1500, 0, 64, false));
        assertEquals("af-xdp on 's6e-nonexistent': no such interface (ip link show)", ex.getMessage());
    }
}
