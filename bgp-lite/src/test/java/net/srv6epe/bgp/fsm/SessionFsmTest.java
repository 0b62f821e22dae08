package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.capability.Capability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.RouteRefreshCapability;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.KeepaliveMessage;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateDefect;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FSM driven by a hand-advanced clock: no sockets, no sleeps. */
class SessionFsmTest
{
    static final long LOCAL_AS = 65001;
    static final long PEER_AS = 65002;
    static final int LOCAL_ID = Ipv4Address.parse("10.0.0.1");
    static final int PEER_ID = Ipv4Address.parse("10.0.0.2");

    private final SessionConfig config = SessionConfig.of(LOCAL_AS, LOCAL_ID, PEER_AS).withHoldTimeS(90)
        .withConnectRetryTimeS(5, 40);
    private final RecordingActions actions = new RecordingActions();
    private final SessionFsm fsm = new SessionFsm(config, actions);
    private long nowNs = 1_000_000_000L;

    static OpenMessage peerOpen(final long as, final int holdTimeS, final int id)
    {
        return OpenMessage.create(as, holdTimeS, id, List.<Capability>of(
            new MultiprotocolCapability(AddressFamily.IPV6_UNICAST), new MultiprotocolCapability(AddressFamily.VPN_IPV6),
            new RouteRefreshCapability(), new FourOctetAsCapability(as)));
    }

    private void advanceMs(final long ms)
    {
        nowNs += TimeUnit.MILLISECONDS.toNanos(ms);
        fsm.poll(nowNs);
    }

    private void advanceS(final long s)
    {
        advanceMs(s * 1000);
    }

    private void toOpenSent()
    {
        fsm.manualStart(nowNs);
        fsm.tcpConnectionConfirmed(nowNs, true);
        assertEquals(SessionState.OPEN_SENT, fsm.state());
    }

    private void toOpenConfirm(final int peerHoldS)
    {
        toOpenSent();
        fsm.receive(peerOpen(PEER_AS, peerHoldS, PEER_ID), nowNs);
        assertEquals(SessionState.OPEN_CONFIRM, fsm.state());
    }

    private void toEstablished(final int peerHoldS)
    {
        toOpenConfirm(peerHoldS);
        fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
        assertEquals(SessionState.ESTABLISHED, fsm.state());
    }

    private void toState(final SessionState state)
    {
        switch (state)
        {
            case CONNECT -> fsm.manualStart(nowNs);
            case ACTIVE ->
            {
                fsm.manualStart(nowNs);
                fsm.tcpConnectionFails(nowNs, "connection refused");
            }
            case OPEN_SENT -> toOpenSent();
            case OPEN_CONFIRM -> toOpenConfirm(90);
            case ESTABLISHED -> toEstablished(90);
            default ->
            {
            }
        }
        assertEquals(state, fsm.state());
    }

    // ------------------------------------------------------------------------------------------ start, connect

    @Test
    void manualStartConnectsAndSendsOpenOnceConnected()
    {
        fsm.manualStart(nowNs);
        assertEquals(SessionState.CONNECT, fsm.state());
        assertEquals(1, actions.connects);
        fsm.tcpConnectionConfirmed(nowNs, true);
        assertEquals(SessionState.OPEN_SENT, fsm.state());
        final OpenMessage open = (OpenMessage)actions.last();
        assertEquals(LOCAL_AS, open.asNumber());
        assertEquals(90, open.holdTimeS());
        assertEquals(LOCAL_ID, open.bgpIdentifier());
        assertTrue(open.supports(AddressFamily.VPN_IPV6) && open.supportsFourOctetAs() &&
            open.supportsRouteRefresh() && open.supportsExtendedMessage());
        assertEquals(List.of("Idle->Connect", "Connect->OpenSent"), actions.transitions);
    }

    @Test
    void passiveNeighborListensWithoutConnecting()
    {
        final SessionFsm passive = new SessionFsm(config.withPassive(true), actions);
        passive.manualStart(nowNs);
        assertEquals(SessionState.ACTIVE, passive.state());
        passive.poll(nowNs + TimeUnit.HOURS.toNanos(1));
        assertEquals(0, actions.connects);
        passive.tcpConnectionConfirmed(nowNs, false);
        assertEquals(SessionState.OPEN_SENT, passive.state());
        assertFalse(passive.initiatedLocally());
    }

    @Test
    void retriesARefusedConnectionWithExponentialBackOff()
    {
        fsm.manualStart(nowNs);
        final long[] expectedDelaysS = { 5, 10, 20, 40, 40 };
        for (final long delayS : expectedDelaysS)
        {
            fsm.tcpConnectionFails(nowNs, "connection refused");
            assertEquals(SessionState.ACTIVE, fsm.state());
            assertEquals("connection refused", fsm.lastError());
            final int connects = actions.connects;
            advanceMs(delayS * 1000 - 1);
            assertEquals(connects, actions.connects, "no retry before " + delayS + " s");
            advanceMs(1);
            assertEquals(connects + 1, actions.connects, "retry after " + delayS + " s");
            assertEquals(SessionState.CONNECT, fsm.state());
        }
    }

    @Test
    void reconnectsWhenTheConnectAttemptTimesOut()
    {
        fsm.manualStart(nowNs);
        advanceS(5);
        assertEquals(SessionState.CONNECT, fsm.state());
        assertEquals(2, actions.connects);
        assertEquals(1, actions.disconnects);
        assertEquals("connect timed out", fsm.lastError());
    }

    @Test
    void establishmentResetsTheBackOff()
    {
        fsm.manualStart(nowNs);
        fsm.tcpConnectionFails(nowNs, "connection refused");
        fsm.tcpConnectionConfirmed(nowNs, false);
        fsm.receive(peerOpen(PEER_AS, 90, PEER_ID), nowNs);
        fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
        assertEquals(0, fsm.connectRetryCounter());
        assertEquals(5000, fsm.retryDelayMs());
    }

    // ------------------------------------------------------------------------------------------ negotiation

    @Test
    void negotiatesTheSmallerHoldTimeAndTheCommonCapabilities()
    {
        toEstablished(30);
        final NegotiatedSession s = actions.established;
        assertNotNull(s);
        assertEquals(30_000, s.holdTimeMs());
        assertEquals(10_000, s.keepaliveTimeMs());
        assertEquals(List.of(AddressFamily.IPV6_UNICAST, AddressFamily.VPN_IPV6), s.families());
        assertTrue(s.fourOctetAs() && s.routeRefresh());
        assertFalse(s.extendedMessage(), "the peer did not offer Extended Message");
        assertEquals(4096, fsm.wireOptions().maxMessageLength());
        assertEquals(PEER_AS, s.peerAs());
        assertEquals(PEER_ID, s.peerBgpId());
        assertEquals(1, actions.count(KeepaliveMessage.class));
    }

    @Test
    void extendedMessageWhenBothOfferIt()
    {
        toOpenSent();
        fsm.receive(OpenMessage.create(PEER_AS, 90, PEER_ID, List.<Capability>of(
            new MultiprotocolCapability(AddressFamily.VPN_IPV6),
            new net.srv6epe.bgp.wire.capability.ExtendedMessageCapability())), nowNs);
        assertTrue(fsm.negotiated().extendedMessage());
        assertEquals(65535, fsm.wireOptions().maxMessageLength());
        assertFalse(fsm.wireOptions().fourOctetAs(), "the peer did not offer 4-octet AS");
        assertEquals(List.of(AddressFamily.VPN_IPV6), fsm.negotiated().families());
    }

    @Test
    void acceptsA4OctetPeerAsCarriedInTheCapabilityBehindAsTrans()
    {
        final SessionFsm wide = new SessionFsm(SessionConfig.of(LOCAL_AS, LOCAL_ID, 4_200_000_001L), actions);
        wide.manualStart(nowNs);
        wide.tcpConnectionConfirmed(nowNs, true);
        final OpenMessage open = peerOpen(4_200_000_001L, 90, PEER_ID);
        assertEquals(AsPath.AS_TRANS, open.myAs());
        wide.receive(open, nowNs);
        assertEquals(SessionState.OPEN_CONFIRM, wide.state());
        assertEquals(4_200_000_001L, wide.negotiated().peerAs());
    }

    // ------------------------------------------------------------------------------------------ timers

    @Test
    void sendsKeepalivesEveryThirdOfTheHoldTime()
    {
        toEstablished(30);
        final long before = actions.count(KeepaliveMessage.class);
        advanceMs(9_999);
        assertEquals(before, actions.count(KeepaliveMessage.class));
        advanceMs(1);
        assertEquals(before + 1, actions.count(KeepaliveMessage.class));
        fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
        advanceS(10);
        assertEquals(before + 2, actions.count(KeepaliveMessage.class));
        assertEquals(SessionState.ESTABLISHED, fsm.state());
    }

    @Test
    void sendingAnUpdateRestartsTheKeepaliveTimer()
    {
        toEstablished(30);
        final long before = actions.count(KeepaliveMessage.class);
        advanceS(6);
        assertTrue(fsm.send(UpdateMessage.of(List.of()), nowNs));
        advanceS(6);
        assertEquals(before, actions.count(KeepaliveMessage.class), "the UPDATE 6 s ago counts as a keepalive");
        advanceS(4);
        assertEquals(before + 1, actions.count(KeepaliveMessage.class));
    }

    @Test
    void sendIsRefusedOutsideEstablished()
    {
        toOpenConfirm(90);
        assertFalse(fsm.send(UpdateMessage.of(List.of()), nowNs));
    }

    @Test
    void holdTimerExpiryInEstablishedSendsHoldTimerExpiredAndGoesIdle()
    {
        toEstablished(30);
        advanceS(29);
        fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
        advanceS(29);
        assertEquals(SessionState.ESTABLISHED, fsm.state());
        advanceS(1);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(new NotificationMessage(4, 0, new byte[0]), actions.lastNotification());
        assertEquals("hold timer expired", fsm.lastError());
        assertEquals(List.of("hold timer expired"), actions.downs);
    }

    @Test
    void holdTimerInOpenSentIsFourMinutes()
    {
        toOpenSent();
        advanceMs(SessionFsm.OPEN_SENT_HOLD_TIME_MS - 1);
        assertEquals(SessionState.OPEN_SENT, fsm.state());
        advanceMs(1);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(new NotificationMessage(4, 0, new byte[0]), actions.lastNotification());
    }

    @Test
    void holdTimeZeroMeansNoKeepalivesAndNoHoldTimer()
    {
        toEstablished(0);
        assertEquals(0, actions.established.holdTimeMs());
        final long before = actions.count(KeepaliveMessage.class);
        advanceS(3600);
        assertEquals(SessionState.ESTABLISHED, fsm.state());
        assertEquals(before, actions.count(KeepaliveMessage.class));
    }

    @Test
    void sendHoldTimerClosesASessionWhoseOutputIsStuck()
    {
        toEstablished(90);
        assertEquals(480_000, fsm.sendHoldTimeMs(), "max(8 min, 2 x 90 s)");
        fsm.sendBlocked(nowNs);
        for (int i = 0; i < 15; i++)
        {
            advanceS(30);
            fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
            fsm.sendBlocked(nowNs);
        }
        advanceS(29);
        assertEquals(SessionState.ESTABLISHED, fsm.state(), "479 s without progress");
        advanceS(1);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(new NotificationMessage(8, 0, new byte[0]), actions.lastNotification());
        assertEquals("send hold timer expired", fsm.lastError());
    }

    @Test
    void sendHoldTimerRestartsOnProgressAndScalesWithTheHoldTime()
    {
        final SessionFsm slow = new SessionFsm(config.withHoldTimeS(300), actions);
        slow.manualStart(nowNs);
        slow.tcpConnectionConfirmed(nowNs, true);
        slow.receive(peerOpen(PEER_AS, 300, PEER_ID), nowNs);
        slow.receive(KeepaliveMessage.INSTANCE, nowNs);
        assertEquals(600_000, slow.sendHoldTimeMs(), "2 x 300 s");
        slow.sendBlocked(nowNs);
        for (int i = 0; i < 10; i++)
        {
            nowNs += TimeUnit.SECONDS.toNanos(100);
            slow.poll(nowNs);
            slow.receive(KeepaliveMessage.INSTANCE, nowNs);
            slow.sendProgress();
            slow.sendBlocked(nowNs);
        }
        assertEquals(SessionState.ESTABLISHED, slow.state(), "progress every 100 s restarts the timer");
        for (final long stepS : new long[]{ 200, 200, 199 })
        {
            nowNs += TimeUnit.SECONDS.toNanos(stepS);
            slow.poll(nowNs);
            slow.receive(KeepaliveMessage.INSTANCE, nowNs);
        }
        assertEquals(SessionState.ESTABLISHED, slow.state());
        nowNs += TimeUnit.SECONDS.toNanos(1);
        slow.poll(nowNs);
        assertEquals(SessionState.IDLE, slow.state());
        assertEquals(new NotificationMessage(8, 0, new byte[0]), actions.lastNotification());
    }

    @Test
    void restartsAutomaticallyAfterAnErrorOnceTheBackOffHasPassed()
    {
        toEstablished(30);
        advanceS(30);
        assertEquals(SessionState.IDLE, fsm.state());
        final int connects = actions.connects;
        advanceMs(fsm.retryDelayMs() - 1);
        assertEquals(SessionState.IDLE, fsm.state());
        advanceMs(1);
        assertEquals(SessionState.CONNECT, fsm.state());
        assertEquals(connects + 1, actions.connects);
    }

    @Test
    void manualStopSendsAdministrativeShutdownAndStaysIdle()
    {
        toEstablished(90);
        fsm.manualStop(nowNs);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]),
            actions.lastNotification());
        assertEquals("sent NOTIFICATION 6/2 Administrative Shutdown (manual stop)", fsm.lastError());
        final int connects = actions.connects;
        advanceS(3600);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(connects, actions.connects);
    }

    // ------------------------------------------------------------------------------------------ messages

    @Test
    void deliversUpdatesInEstablished()
    {
        toEstablished(90);
        final UpdateMessage update = UpdateMessage.of(List.<PathAttribute>of(new Origin(Origin.IGP),
            new AsPath(List.of(AsPathSegment.sequence(PEER_AS))),
            MpReachNlri.ipv6Unicast(Ipv6Address.parseHi("2001:db8::2"), Ipv6Address.parseLo("2001:db8::2"),
                List.of(Ipv6Prefix.parse("2001:db8:1::/48")))));
        fsm.receive(update, nowNs);
        assertEquals(List.of(update), actions.updates);
    }

    @Test
    void aMalformedUpdateThatCannotBeLocatedResetsTheSession()
    {
        toEstablished(90);
        fsm.receive(new UpdateMessage(List.of(), List.of(), List.of(),
            List.of(new UpdateDefect(UpdateDefect.Kind.WITHDRAWN_LENGTH_OVERRUN, "test"))), nowNs);
        assertEquals(SessionState.IDLE, fsm.state());
        final NotificationMessage n = actions.lastNotification();
        assertEquals(3, n.code());
        assertEquals(1, n.subcode());
        assertTrue(actions.updates.isEmpty());
        assertTrue(fsm.lastError().startsWith("sent NOTIFICATION 3/1 Malformed Attribute List ("), fsm.lastError());
    }

    @Test
    void deliversRouteRefreshForNegotiatedFamiliesOnly()
    {
        toEstablished(90);
        fsm.receive(new RouteRefreshMessage(AddressFamily.VPN_IPV6), nowNs);
        fsm.receive(new RouteRefreshMessage(AddressFamily.IPV4_UNICAST), nowNs);
        assertEquals(List.of(new RouteRefreshMessage(AddressFamily.VPN_IPV6)), actions.refreshes);
        assertEquals(SessionState.ESTABLISHED, fsm.state());
    }

    // ------------------------------------------------------------------------------------------ collisions

    /** Two connections to one peer: ours ({@code local}) and the one the peer opened ({@code accepted}). */
    private static final class Collision
    {
        final RecordingActions localActions = new RecordingActions();
        final RecordingActions acceptedActions = new RecordingActions();
        final SessionFsm local;
        final SessionFsm accepted;

        Collision(final int localId, final int peerId, final long nowNs)
        {
            final SessionConfig c = SessionConfig.of(LOCAL_AS, localId, PEER_AS);
            local = new SessionFsm(c, localActions);
            accepted = new SessionFsm(c, acceptedActions);
            localActions.other = accepted;
            acceptedActions.other = local;
            local.manualStart(nowNs);
            local.tcpConnectionConfirmed(nowNs, true);
            accepted.acceptConnection(nowNs);
            local.receive(peerOpen(PEER_AS, 90, peerId), nowNs);
            accepted.receive(peerOpen(PEER_AS, 90, peerId), nowNs);
        }
    }

    @Test
    void collisionKeepsOurConnectionWhenOurIdentifierIsHigher()
    {
        final Collision c = new Collision(Ipv4Address.parse("10.0.0.9"), Ipv4Address.parse("10.0.0.2"), nowNs);
        assertEquals(SessionState.OPEN_CONFIRM, c.local.state());
        assertEquals(SessionState.IDLE, c.accepted.state());
        assertEquals(NotificationMessage.of(ErrorSubcode.CONNECTION_COLLISION_RESOLUTION, new byte[0]),
            c.acceptedActions.lastNotification());
        assertNull(c.localActions.lastNotification());
    }

    @Test
    void collisionKeepsThePeersConnectionWhenItsIdentifierIsHigher()
    {
        // unsigned comparison: 200.0.0.1 > 10.0.0.9 although negative as a Java int
        final Collision c = new Collision(Ipv4Address.parse("10.0.0.9"), Ipv4Address.parse("200.0.0.1"), nowNs);
        assertEquals(SessionState.IDLE, c.local.state());
        assertEquals(SessionState.OPEN_CONFIRM, c.accepted.state());
        assertEquals(NotificationMessage.of(ErrorSubcode.CONNECTION_COLLISION_RESOLUTION, new byte[0]),
            c.localActions.lastNotification());
        assertEquals("sent NOTIFICATION 6/7 Connection Collision Resolution (collision with another connection)",
            c.local.lastError());
    }

    @Test
    void anEstablishedConnectionAlwaysSurvivesACollision()
    {
        final RecordingActions localActions = new RecordingActions();
        final RecordingActions acceptedActions = new RecordingActions();
        final SessionConfig c = SessionConfig.of(LOCAL_AS, Ipv4Address.parse("10.0.0.1"), PEER_AS);
        final SessionFsm local = new SessionFsm(c, localActions);
        final SessionFsm accepted = new SessionFsm(c, acceptedActions);
        localActions.other = accepted;
        acceptedActions.other = local;
        local.manualStart(nowNs);
        local.tcpConnectionConfirmed(nowNs, true);
        local.receive(peerOpen(PEER_AS, 90, Ipv4Address.parse("10.0.0.200")), nowNs);
        local.receive(KeepaliveMessage.INSTANCE, nowNs);
        accepted.acceptConnection(nowNs);
        accepted.receive(peerOpen(PEER_AS, 90, Ipv4Address.parse("10.0.0.200")), nowNs);
        assertEquals(SessionState.ESTABLISHED, local.state());
        assertEquals(SessionState.IDLE, accepted.state());
        assertEquals(6, acceptedActions.lastNotification().code());
        assertEquals(7, acceptedActions.lastNotification().subcode());
    }

    @Test
    void resolverComparesIdentifiersAsUnsignedIntegers()
    {
        assertTrue(CollisionResolver.keepsLocallyInitiated(Ipv4Address.parse("192.0.2.1"),
            Ipv4Address.parse("10.0.0.1")));
        assertFalse(CollisionResolver.keepsLocallyInitiated(Ipv4Address.parse("10.0.0.1"),
            Ipv4Address.parse("192.0.2.1")));
    }

    // ------------------------------------------------------------------------------------------ every state

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED" })
    void aReceivedNotificationClosesTheSessionWithoutAnswering(final SessionState state)
    {
        toState(state);
        final int sent = actions.sent.size();
        fsm.receive(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]), nowNs);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(sent, actions.sent.size());
        assertEquals("received NOTIFICATION 6/2 Administrative Shutdown", fsm.lastError());
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED" })
    void manualStopSendsCeaseInEveryConnectedState(final SessionState state)
    {
        toState(state);
        fsm.manualStop(nowNs);
        assertEquals(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]),
            actions.lastNotification());
        assertEquals(SessionState.IDLE, fsm.state());
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "CONNECT", "ACTIVE" })
    void manualStopWithoutAConnectionSendsNothing(final SessionState state)
    {
        toState(state);
        fsm.manualStop(nowNs);
        assertTrue(actions.sent.isEmpty());
        assertEquals(SessionState.IDLE, fsm.state());
        assertTrue(actions.disconnects > 0);
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED" })
    void holdTimerExpiresInEveryConnectedState(final SessionState state)
    {
        toState(state);
        advanceMs(SessionFsm.OPEN_SENT_HOLD_TIME_MS);
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(new NotificationMessage(4, 0, new byte[0]), actions.lastNotification());
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED" })
    void aHeaderErrorSendsTheDecodersNotificationInEveryConnectedState(final SessionState state)
    {
        toState(state);
        final NotificationMessage n = NotificationMessage.of(ErrorSubcode.BAD_MESSAGE_LENGTH, new byte[]{ 0, 5 });
        fsm.decodeError(new MessageDecodeException(n, "length 5 not in 19..4096"), nowNs);
        assertEquals(n, actions.lastNotification());
        assertEquals("sent NOTIFICATION 1/2 Bad Message Length (length 5 not in 19..4096)", fsm.lastError());
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = { "IDLE", "CONNECT", "ACTIVE" })
    void messagesWithoutAConnectionAreIgnored(final SessionState state)
    {
        toState(state);
        fsm.receive(KeepaliveMessage.INSTANCE, nowNs);
        fsm.receive(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]), nowNs);
        assertEquals(state, fsm.state());
        assertTrue(actions.sent.isEmpty());
    }

    @Test
    void keepaliveInOpenSentIsAnFsmError()
    {
        assertUnexpected(SessionState.OPEN_SENT, KeepaliveMessage.INSTANCE, 1,
            "sent NOTIFICATION 5/1 Receive Unexpected Message in OpenSent State (KEEPALIVE in OpenSent)");
    }

    @Test
    void updateInOpenSentIsAnFsmError()
    {
        assertUnexpected(SessionState.OPEN_SENT, UpdateMessage.of(List.of()), 1,
            "sent NOTIFICATION 5/1 Receive Unexpected Message in OpenSent State (UPDATE in OpenSent)");
    }

    @Test
    void openInOpenConfirmIsAnFsmError()
    {
        assertUnexpected(SessionState.OPEN_CONFIRM, peerOpen(PEER_AS, 90, PEER_ID), 2,
            "sent NOTIFICATION 5/2 Receive Unexpected Message in OpenConfirm State (OPEN in OpenConfirm)");
    }

    @Test
    void updateInOpenConfirmIsAnFsmError()
    {
        assertUnexpected(SessionState.OPEN_CONFIRM, UpdateMessage.of(List.of()), 2,
            "sent NOTIFICATION 5/2 Receive Unexpected Message in OpenConfirm State (UPDATE in OpenConfirm)");
    }

    @Test
    void openInEstablishedIsAnFsmError()
    {
        assertUnexpected(SessionState.ESTABLISHED, peerOpen(PEER_AS, 90, PEER_ID), 3,
            "sent NOTIFICATION 5/3 Receive Unexpected Message in Established State (OPEN in Established)");
        assertEquals(1, actions.downs.size());
    }

    private void assertUnexpected(final SessionState state, final BgpMessage message, final int subcode,
        final String lastError)
    {
        toState(state);
        fsm.receive(message, nowNs);
        assertEquals(new NotificationMessage(5, subcode, new byte[0]), actions.lastNotification());
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(lastError, fsm.lastError());
    }

    @Test
    void connectionLossInOpenSentFallsBackToActive()
    {
        toOpenSent();
        fsm.tcpConnectionFails(nowNs, "connection closed by peer");
        assertEquals(SessionState.ACTIVE, fsm.state());
        assertEquals("connection closed by peer", fsm.lastError());
    }

    @Test
    void connectionLossInEstablishedGoesIdleAndReportsSessionDown()
    {
        toEstablished(90);
        fsm.tcpConnectionFails(nowNs, "connection reset by peer");
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(List.of("connection reset by peer"), actions.downs);
    }
}
