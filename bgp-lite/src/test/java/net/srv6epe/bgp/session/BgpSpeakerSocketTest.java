package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageType;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6EndpointBehaviorCode;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.bgp.wire.prefixsid.TransposedSid;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two of our speakers over real loopback sockets (127.0.0.1 and ::1, ephemeral ports), driven from the test thread
 * by calling doWork() in a bounded loop with a hand-advanced clock. Everything is closed in finally.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BgpSpeakerSocketTest
{
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long LOOP_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int ID_A = Ipv4Address.parse("192.0.2.1");
    private static final int ID_B = Ipv4Address.parse("192.0.2.2");

    /** A clock the test advances by hand. */
    static final class ManualClock implements NanoClock
    {
        long nowNs = TimeUnit.SECONDS.toNanos(1000);

        @Override
        public long nanoTime()
        {
            return nowNs;
        }
    }

    /** Records what a speaker reports. */
    static final class Events implements BgpSpeakerListener
    {
        final List<NegotiatedSession> established = new ArrayList<>();
        final List<UpdateMessage> updates = new ArrayList<>();
        final List<ValidationResult> results = new ArrayList<>();
        final List<String> downs = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        final List<String> states = new ArrayList<>();

        @Override
        public void onStateChange(final NeighborConfig neighbor, final SessionState from, final SessionState to)
        {
            states.add(from + "->" + to);
        }

        @Override
        public void onEstablished(final NeighborConfig neighbor, final NegotiatedSession session)
        {
            established.add(session);
        }

        @Override
        public void onSessionDown(final NeighborConfig neighbor, final String reason)
        {
            downs.add(reason);
        }

        @Override
        public void onUpdate(final NeighborConfig neighbor, final UpdateMessage update, final ValidationResult result)
        {
            updates.add(update);
            results.add(result);
        }

        @Override
        public void onConnectionRefused(final InetSocketAddress remote, final String reason)
        {
            refused.add(reason);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<BgpSpeaker> speakers = new ArrayList<>();

    private BgpSpeaker speaker(final List<InetSocketAddress> listen, final NeighborConfig neighbor,
        final BgpSpeakerListener listener, final int sendBufferBytes)
    {
        final BgpSpeaker s = new BgpSpeaker(listen, List.of(neighbor), clock, listener, sendBufferBytes);
        speakers.add(s);
        s.onStart();
        return s;
    }

    private void closeAll()
    {
        for (final BgpSpeaker s : speakers)
        {
            s.onClose();
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
            for (final BgpSpeaker s : speakers)
            {
                s.doWork();
            }
        }
    }

    private static SessionConfig session(final long localAs, final int id, final long peerAs)
    {
        return SessionConfig.of(localAs, id, peerAs).withHoldTimeS(30).withConnectRetryTimeS(1, 4);
    }

    static UpdateMessage vpnv6Update(final long originAs, final String prefix)
    {
        return vpnv6Update(originAs, List.of(Ipv6Prefix.parse(prefix)));
    }

    static UpdateMessage vpnv6Update(final long originAs, final List<Ipv6Prefix> prefixes)
    {
        final Srv6SidStructure structure = new Srv6SidStructure(40, 24, 16, 0, 0, 0);
        final TransposedSid wire = SidTransposition.split(Srv6Sid.parse("fd00:0:0:1:12::"), structure,
            MplsLabel.bottomOfStack(3));
        return UpdateMessage.of(List.<PathAttribute>of(
            new Origin(Origin.IGP), new AsPath(List.of(AsPathSegment.sequence(originAs))),
            MpReachNlri.vpnIpv6(Ipv6Address.parseHi("2001:db8::1"), Ipv6Address.parseLo("2001:db8::1"),
                prefixes.stream().map(p -> new VpnIpv6Prefix(wire.labelField(), RouteDistinguisher.as2(65001, 100),
                    p)).toList()),
            new ExtendedCommunities(List.of(ExtendedCommunity.routeTarget(65001, 100))),
            PrefixSid.srv6L3Service(new Srv6SidInformation(wire.attributeSid(), Srv6EndpointBehaviorCode.END_DT6,
                structure))));
    }

    static byte[] bytes(final BgpMessage message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[WireOptions.EXTENDED_MAX_MESSAGE_LENGTH]);
        final int length = BgpMessageCodec.encode(message, buffer, 0,
            WireOptions.DEFAULT.withMaxMessageLength(WireOptions.EXTENDED_MAX_MESSAGE_LENGTH));
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = { "127.0.0.1", "::1" })
    void twoSpeakersEstablishExchangeKeepalivesAndAnUpdateThenOneStops(final String loopback) throws Exception
    {
        final InetAddress address = InetAddress.getByName(loopback);
        final Events eventsA = new Events();
        final Events eventsB = new Events();
        try
        {
            final BgpSpeaker b = speaker(List.of(new InetSocketAddress(address, 0)),
                new NeighborConfig(new InetSocketAddress(address, NeighborConfig.BGP_PORT), null,
                    session(65002, ID_B, 65001).withPassive(true)), eventsB, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            final int portB = b.boundAddresses().get(0).getPort();
            final BgpSpeaker a = speaker(List.of(), new NeighborConfig(new InetSocketAddress(address, portB), address,
                session(65001, ID_A, 65002)), eventsA, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);

            runUntil("Established", () -> a.state(address) == SessionState.ESTABLISHED &&
                b.state(address) == SessionState.ESTABLISHED);
            final NegotiatedSession negotiated = eventsA.established.get(0);
            assertEquals(65002, negotiated.peerAs());
            assertEquals(ID_B, negotiated.peerBgpId());
            assertEquals(30_000, negotiated.holdTimeMs());
            assertEquals(List.of(AddressFamily.IPV6_UNICAST, AddressFamily.VPN_IPV6), negotiated.families());
            assertTrue(negotiated.fourOctetAs() && negotiated.routeRefresh() && negotiated.extendedMessage());
            assertEquals(List.of("Idle->Active", "Active->OpenSent", "OpenSent->OpenConfirm",
                "OpenConfirm->Established"), eventsB.states);

            final long keepalivesAtB = b.received(address, MessageType.KEEPALIVE);
            final long keepalivesAtA = a.received(address, MessageType.KEEPALIVE);
            runUntil("two more KEEPALIVEs each way", () -> b.received(address, MessageType.KEEPALIVE) >=
                keepalivesAtB + 2 && a.received(address, MessageType.KEEPALIVE) >= keepalivesAtA + 2);

            final UpdateMessage update = vpnv6Update(65001, "2001:db8:1::/64");
            assertTrue(a.send(address, update));
            runUntil("the UPDATE", () -> !eventsB.updates.isEmpty());
            assertArrayEquals(bytes(update), bytes(eventsB.updates.get(0)));
            assertTrue(eventsB.results.get(0).isValid(), eventsB.results.get(0).toString());
            assertEquals(Srv6EndpointBehaviorCode.END_DT6,
                eventsB.updates.get(0).prefixSid().l3ServiceSid().endpointBehavior());

            final List<Ipv6Prefix> many = new ArrayList<>();
            for (int i = 0; i < 300; i++)
            {
                many.add(Ipv6Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48"));
            }
            final UpdateMessage large = vpnv6Update(65001, many);
            assertTrue(bytes(large).length > WireOptions.STANDARD_MAX_MESSAGE_LENGTH);
            assertTrue(a.send(address, large), "both offered Extended Message (RFC 8654)");
            runUntil("the large UPDATE", () -> eventsB.updates.size() == 2);
            assertArrayEquals(bytes(large), bytes(eventsB.updates.get(1)));

            a.stop(address);
            assertEquals(SessionState.IDLE, a.state(address));
            runUntil("the Cease at B", () -> !eventsB.downs.isEmpty());
            assertEquals("received NOTIFICATION 6/2 Administrative Shutdown", eventsB.downs.get(0));
            assertEquals("received NOTIFICATION 6/2 Administrative Shutdown", b.lastError(address));
            assertEquals("sent NOTIFICATION 6/2 Administrative Shutdown (manual stop)", a.lastError(address));
            assertEquals(SessionState.IDLE, b.state(address));
            runUntil("passive B listening again after the back-off", () -> b.state(address) == SessionState.ACTIVE);
            assertEquals(SessionState.IDLE, a.state(address), "A was stopped: no reconnect");
        }
        finally
        {
            closeAll();
        }
    }

    @Test
    void refusesAndCountsAConnectionFromAnUnconfiguredAddress() throws Exception
    {
        final Events events = new Events();
        try (SocketChannel client = SocketChannel.open())
        {
            final BgpSpeaker s = speaker(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)),
                new NeighborConfig(new InetSocketAddress(InetAddress.getByName("::1"), NeighborConfig.BGP_PORT), null,
                    session(65002, ID_B, 65001).withPassive(true)), events, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            client.connect(s.boundAddresses().get(0));
            client.configureBlocking(false);
            runUntil("the refusal", () -> s.refusedConnections() == 1);
            assertEquals(List.of("not a configured neighbor"), events.refused);
            final ByteBuffer buffer = ByteBuffer.allocate(64);
            runUntil("the client to see the close", () ->
            {
                try
                {
                    return client.read(buffer) < 0;
                }
                catch (final java.io.IOException e)
                {
                    return true;
                }
            });
            assertEquals(0, buffer.position(), "nothing was sent to the stranger");
            assertEquals(SessionState.ACTIVE, s.state(InetAddress.getByName("::1")));
        }
        finally
        {
            closeAll();
        }
    }

    @Test
    void reportsConnectionRefusedAndRetries() throws Exception
    {
        final int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            closedPort = probe.getLocalPort();
        }
        final InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try
        {
            final BgpSpeaker a = speaker(List.of(), new NeighborConfig(new InetSocketAddress(loopback, closedPort),
                null, session(65001, ID_A, 65002)), new Events(), BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            runUntil("connection refused", () -> "connection refused".equals(a.lastError(loopback)));
            assertEquals(SessionState.ACTIVE, a.state(loopback));
            runUntil("a retry", () -> a.state(loopback) == SessionState.CONNECT);
        }
        finally
        {
            closeAll();
        }
    }

    @ParameterizedTest(name = "our identifier {0}")
    @ValueSource(strings = { "192.0.2.1", "192.0.2.9" })
    void bothSidesConnectingAtOnceResolveTheCollisionToOneSession(final String idA) throws Exception
    {
        final InetAddress loopback = InetAddress.getByName("127.0.0.1");
        final Events eventsA = new Events();
        final Events eventsB = new Events();
        final int portA;
        final int portB;
        try (ServerSocket probeA = new ServerSocket(0, 1, loopback); ServerSocket probeB = new ServerSocket(0, 1,
            loopback))
        {
            portA = probeA.getLocalPort();
            portB = probeB.getLocalPort();
        }
        try
        {
            final BgpSpeaker a = speaker(List.of(new InetSocketAddress(loopback, portA)),
                new NeighborConfig(new InetSocketAddress(loopback, portB), null,
                    session(65001, Ipv4Address.parse(idA), 65002)), eventsA, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            final BgpSpeaker b = speaker(List.of(new InetSocketAddress(loopback, portB)),
                new NeighborConfig(new InetSocketAddress(loopback, portA), null, session(65002, ID_B, 65001)),
                eventsB, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            // both listen now: restart both so that both connect before either runs
            a.stop(loopback);
            b.stop(loopback);
            // let the listeners take and refuse what the first attempts left in their backlogs (neighbors Idle)
            final long settle = clock.nowNs + TimeUnit.SECONDS.toNanos(1);
            runUntil("the backlogs to drain", () -> clock.nowNs >= settle);
            final long refusedBefore = a.refusedConnections() + b.refusedConnections();
            a.start(loopback);
            b.start(loopback);
            runUntil("Established on both", () -> a.state(loopback) == SessionState.ESTABLISHED &&
                b.state(loopback) == SessionState.ESTABLISHED);
            final long until = clock.nowNs + TimeUnit.SECONDS.toNanos(100);
            runUntil("100 s of stable session", () -> clock.nowNs >= until);
            assertEquals(SessionState.ESTABLISHED, a.state(loopback));
            assertEquals(SessionState.ESTABLISHED, b.state(loopback));
            assertTrue(eventsA.downs.isEmpty() && eventsB.downs.isEmpty(), eventsA.downs + " " + eventsB.downs);
            assertEquals(1, eventsA.established.size());
            assertEquals(1, eventsB.established.size());
            assertTrue(a.sent(loopback, MessageType.NOTIFICATION) + b.sent(loopback, MessageType.NOTIFICATION) >= 1,
                "a Cease / Connection Collision Resolution closed the losing connection");
            assertEquals(refusedBefore, a.refusedConnections() + b.refusedConnections());
        }
        finally
        {
            closeAll();
        }
    }

    @Test
    void sendRefusesWhenTheWriteBufferIsFullAndEverythingArrivesLater() throws Exception
    {
        final InetAddress loopback = InetAddress.getByName("127.0.0.1");
        final Events eventsB = new Events();
        try
        {
            final BgpSpeaker b = speaker(List.of(new InetSocketAddress(loopback, 0)),
                new NeighborConfig(new InetSocketAddress(loopback, NeighborConfig.BGP_PORT), null,
                    session(65002, ID_B, 65001).withPassive(true)), eventsB, BgpSpeaker.DEFAULT_SEND_BUFFER_BYTES);
            final int bufferBytes = WireOptions.EXTENDED_MAX_MESSAGE_LENGTH;
            final BgpSpeaker a = speaker(List.of(), new NeighborConfig(new InetSocketAddress(loopback,
                b.boundAddresses().get(0).getPort()), null, session(65001, ID_A, 65002)), new Events(), bufferBytes);
            runUntil("Established", () -> a.state(loopback) == SessionState.ESTABLISHED &&
                b.state(loopback) == SessionState.ESTABLISHED);
            final UpdateMessage update = vpnv6Update(65001, "2001:db8:1::/64");
            int queued = 0;
            while (a.send(loopback, update))
            {
                queued++;
                assertTrue(queued * bytes(update).length <= bufferBytes, "more queued than the buffer holds");
            }
            assertTrue(queued > 0);
            assertFalse(a.send(loopback, update));
            final int expected = queued;
            runUntil("every queued UPDATE", () -> eventsB.updates.size() == expected);
        }
        finally
        {
            closeAll();
        }
    }
}
