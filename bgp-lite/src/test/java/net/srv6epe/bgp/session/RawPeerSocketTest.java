package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.capability.Capability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.KeepaliveMessage;
import net.srv6epe.bgp.wire.message.MessageType;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.srv6.Ipv4Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Our speaker against a hand-driven peer on a plain loopback socket: framing over partial reads, timers and
 * NOTIFICATIONs as they appear on the wire. Bounded loops, hand-advanced clock, everything closed after each test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawPeerSocketTest
{
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LOOP_LIMIT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final int ID_PEER = Ipv4Address.parse("192.0.2.1");
    private static final int ID_US = Ipv4Address.parse("192.0.2.2");

    private final BgpSpeakerSocketTest.ManualClock clock = new BgpSpeakerSocketTest.ManualClock();
    private final BgpSpeakerSocketTest.Events events = new BgpSpeakerSocketTest.Events();
    private InetAddress loopback;
    private BgpSpeaker speaker;
    private RawPeer peer;

    @BeforeEach
    void startSpeaker() throws Exception
    {
        loopback = InetAddress.getByName("127.0.0.1");
        speaker = new BgpSpeaker(List.of(new InetSocketAddress(loopback, 0)), List.of(new NeighborConfig(
            new InetSocketAddress(loopback, NeighborConfig.BGP_PORT), null,
            SessionConfig.of(65002, ID_US, 65001).withHoldTimeS(30).withPassive(true))), clock, events,
            BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
        speaker.onStart();
    }

    @AfterEach
    void closeAll() throws Exception
    {
        try
        {
            if (peer != null)
            {
                peer.close();
            }
        }
        finally
        {
            speaker.onClose();
        }
    }

    private void runUntil(final String what, final BooleanSupplier condition) throws Exception
    {
        final long deadline = System.nanoTime() + LOOP_LIMIT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for " + what);
            }
            clock.nowNs += STEP_NS;
            speaker.doWork();
            peer.poll();
        }
    }

    private static OpenMessage open(final long as, final int holdTimeS)
    {
        return OpenMessage.create(as, holdTimeS, ID_PEER, List.<Capability>of(
            new MultiprotocolCapability(AddressFamily.VPN_IPV6), new FourOctetAsCapability(as)));
    }

    private void connect(final int receiveBufferBytes) throws Exception
    {
        peer = RawPeer.connect(speaker.boundAddresses().get(0), receiveBufferBytes);
        runUntil("our OPEN", () -> received(OpenMessage.class) == 1);
    }

    private void establish(final int receiveBufferBytes) throws Exception
    {
        connect(receiveBufferBytes);
        peer.send(open(65001, 30));
        peer.send(KeepaliveMessage.INSTANCE);
        runUntil("Established", () -> speaker.state(loopback) == SessionState.ESTABLISHED);
    }

    private long received(final Class<? extends BgpMessage> type)
    {
        try
        {
            return peer.poll().stream().filter(type::isInstance).count();
        }
        catch (final Exception e)
        {
            throw new AssertionError(e);
        }
    }

    private NotificationMessage notificationAtPeer() throws Exception
    {
        runUntil("a NOTIFICATION at the peer", () -> received(NotificationMessage.class) == 1);
        final List<BgpMessage> all = peer.poll();
        return assertInstanceOf(NotificationMessage.class, all.get(all.size() - 1));
    }

    @Test
    void framesMessagesThatArriveOneOctetAtATime() throws Exception
    {
        connect(0);
        final byte[] bytes = RawPeer.encode(open(65001, 30));
        for (final byte b : bytes)
        {
            peer.sendBytes(new byte[]{ b });
            speaker.doWork();
        }
        final byte[] keepalive = RawPeer.encode(KeepaliveMessage.INSTANCE);
        peer.sendBytes(Arrays.copyOfRange(keepalive, 0, 7));
        speaker.doWork();
        peer.sendBytes(Arrays.copyOfRange(keepalive, 7, keepalive.length));
        runUntil("Established", () -> speaker.state(loopback) == SessionState.ESTABLISHED);
        assertEquals(1, speaker.received(loopback, MessageType.OPEN));
        assertEquals(1, speaker.received(loopback, MessageType.KEEPALIVE));
        assertEquals(30_000, speaker.negotiated(loopback).holdTimeMs());
        assertEquals(List.of(AddressFamily.VPN_IPV6), speaker.negotiated(loopback).families());
        speaker.doWork();
        assertEquals(0, speaker.doWork(), "nothing to do: the idle strategy may back off");
    }

    @Test
    void refusesToSendMoreThan4096OctetsWithoutExtendedMessage() throws Exception
    {
        establish(0);
        assertEquals(4096, speaker.negotiated(loopback).wireOptions().maxMessageLength());
        final List<Ipv6Prefix> many = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            many.add(Ipv6Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48"));
        }
        final UpdateMessage large = BgpSpeakerSocketTest.vpnv6Update(65002, many);
        assertThrows(IllegalArgumentException.class, () -> speaker.send(loopback, large));
        assertEquals(SessionState.ESTABLISHED, speaker.state(loopback));
    }

    @Test
    void refusesASecondConnectionWhileEstablished() throws Exception
    {
        establish(0);
        try (RawPeer intruder = RawPeer.connect(speaker.boundAddresses().get(0), 0))
        {
            runUntil("the refusal", () -> speaker.refusedConnections() == 1);
            assertEquals(List.of("neighbor in state Established"), events.refused);
            final long deadline = System.nanoTime() + LOOP_LIMIT_NS;
            while (!intruder.closedByPeer())
            {
                assertTrue(System.nanoTime() < deadline, "the intruder was not closed");
                intruder.poll();
            }
            assertTrue(intruder.poll().isEmpty(), "no OPEN for a refused connection");
        }
        assertEquals(SessionState.ESTABLISHED, speaker.state(loopback), "the Established session survives");
    }

    @Test
    void holdTimerExpiresWhenThePeerFallsSilent() throws Exception
    {
        establish(0);
        final long establishedNs = clock.nowNs;
        final NotificationMessage n = notificationAtPeer();
        assertEquals(new NotificationMessage(4, 0, new byte[0]), n);
        assertTrue(clock.nowNs - establishedNs >= TimeUnit.SECONDS.toNanos(30));
        assertTrue(received(KeepaliveMessage.class) >= 3, "KEEPALIVEs every 10 s until then");
        assertEquals("hold timer expired", speaker.lastError(loopback));
        assertEquals(List.of("hold timer expired"), events.downs);
        runUntil("the close", () -> peer.closedByPeer());
    }

    @Test
    void answersABadPeerAsWithOpenMessageErrorBadPeerAs() throws Exception
    {
        connect(0);
        peer.send(open(65009, 30));
        final NotificationMessage n = notificationAtPeer();
        assertEquals(2, n.code());
        assertEquals(2, n.subcode());
        assertEquals("fdf1", HexFormat.of().formatHex(n.data()));
        assertEquals("sent NOTIFICATION 2/2 Bad Peer AS (expected 65001, got 65009)", speaker.lastError(loopback));
        runUntil("the close", () -> peer.closedByPeer());
    }

    @Test
    void answersABrokenMarkerWithConnectionNotSynchronized() throws Exception
    {
        connect(0);
        final byte[] bytes = RawPeer.encode(open(65001, 30));
        bytes[3] = 0;
        peer.sendBytes(bytes);
        final NotificationMessage n = notificationAtPeer();
        assertEquals(1, n.code());
        assertEquals(1, n.subcode());
        assertEquals("sent NOTIFICATION 1/1 Connection Not Synchronized (marker octet 3 is not 0xff)",
            speaker.lastError(loopback));
    }

    @Test
    void answersAnUpdateBeforeEstablishedWithAnFsmError() throws Exception
    {
        connect(0);
        peer.send(UpdateMessage.of(List.of()));
        final NotificationMessage n = notificationAtPeer();
        assertEquals(new NotificationMessage(5, 1, new byte[0]), n);
    }

    @Test
    void sendHoldTimerClosesTheSessionToAPeerThatStopsReading() throws Exception
    {
        establish(4096);
        final long establishedNs = clock.nowNs;
        final UpdateMessage update = BgpSpeakerSocketTest.vpnv6Update(65002, "2001:db8:1::/64");
        final long deadline = System.nanoTime() + LOOP_LIMIT_NS;
        long lastKeepaliveNs = clock.nowNs;
        long refusedSince = -1;
        // the peer keeps sending KEEPALIVEs (so our hold timer never expires) but never reads
        while (speaker.state(loopback) == SessionState.ESTABLISHED)
        {
            if (System.nanoTime() > deadline)
            {
                fail("the send hold timer did not fire");
            }
            if (speaker.send(loopback, update))
            {
                refusedSince = -1;
            }
            else if (refusedSince < 0)
            {
                refusedSince = clock.nowNs;
            }
            clock.nowNs += TimeUnit.MILLISECONDS.toNanos(100);
            if (clock.nowNs - lastKeepaliveNs >= TimeUnit.SECONDS.toNanos(10))
            {
                peer.send(KeepaliveMessage.INSTANCE);
                lastKeepaliveNs = clock.nowNs;
            }
            speaker.doWork();
        }
        assertEquals("send hold timer expired", speaker.lastError(loopback));
        assertTrue(refusedSince >= 0, "send() pushed back before the timer fired");
        assertTrue(clock.nowNs - establishedNs >= TimeUnit.MINUTES.toNanos(8), "max(8 min, 2 x 30 s) of no progress");
        assertEquals(List.of("send hold timer expired"), events.downs);
    }
}
