package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.capability.Capability;
import net.srv6epe.bgp.wire.capability.ExtendedMessageCapability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.RouteRefreshCapability;
import net.srv6epe.bgp.wire.error.ErrorAction;
import net.srv6epe.bgp.wire.error.ErrorCode;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.UpdateError;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.KeepaliveMessage;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The BGP finite state machine of one connection (RFC 4271 8), as a pure state machine: events come in as method
 * calls carrying the current time in nanoseconds, actions go out through {@link FsmActions}. No clock, no I/O, no
 * threads; the owner calls {@link #poll(long)} to run the timers.
 * <p>
 * Timers (RFC 4271 8, 10): ConnectRetry with exponential back-off ({@link SessionConfig#connectRetryTimeS()}
 * doubling per consecutive failure up to {@link SessionConfig#maxConnectRetryTimeS()}, also used as the automatic
 * restart delay after an error, RFC 4271 8.1.1 IdleHoldTimer); Hold (4 minutes in OpenSent, then the negotiated
 * value, 0 = none); Keepalive (a third of the hold time); and the RFC 9687 SendHoldTimer: when queued output makes
 * no progress for max(8 min, 2 x hold time), the session is closed with NOTIFICATION code 8.
 * <p>
 * Simplifications, all permitted by RFC 4271 8.1: no DelayOpen, no peer oscillation damping beyond the back-off;
 * a failed outgoing connection moves Connect to Active (listening) instead of Idle; a connection the peer opened
 * while this one is past Active is run by a second, one-shot FSM ({@link #acceptConnection(long)}) and resolved
 * by collision detection (RFC 4271 6.8) through {@link FsmActions#otherConnection()}.
 */
public final class SessionFsm
{
    /** RFC 4271 8.2.2: the hold timer in OpenSent is set to a large value, 4 minutes suggested. */
    public static final long OPEN_SENT_HOLD_TIME_MS = TimeUnit.MINUTES.toMillis(4);
    /** RFC 9687 4: the SendHoldTimer is at least 8 minutes. */
    public static final long MIN_SEND_HOLD_TIME_MS = TimeUnit.MINUTES.toMillis(8);
    private static final long NOT_RUNNING = Long.MAX_VALUE;
    private static final int MAX_BACKOFF_SHIFT = 16;

    private final SessionConfig config;
    private final FsmActions actions;
    private SessionState state = SessionState.IDLE;
    private boolean automaticRestart;
    private boolean initiatedLocally;
    private int connectRetryCounter;
    private long connectRetryDeadlineNs = NOT_RUNNING;
    private long holdDeadlineNs = NOT_RUNNING;
    private long keepaliveDeadlineNs = NOT_RUNNING;
    private long restartDeadlineNs = NOT_RUNNING;
    private long sendBlockedSinceNs = NOT_RUNNING;
    private NegotiatedSession negotiated;
    private UpdateValidator validator;
    private String lastError = "";
    private long establishedCount;

    /**
     * @param config  the session's configuration
     * @param actions where actions go
     */
    public SessionFsm(final SessionConfig config, final FsmActions actions)
    {
        this.config = config;
        this.actions = actions;
    }

    // ---------------------------------------------------------------------------------------------- events

    /**
     * ManualStart (RFC 4271 8.1.2 Event 1): connect (or listen, when passive) and keep retrying after failures.
     *
     * @return 1 when the FSM was Idle, else 0 (ignored, RFC 4271 8.2.2)
     */
    public int manualStart(final long nowNs)
    {
        automaticRestart = true;
        if (state != SessionState.IDLE)
        {
            return 0;
        }
        connectRetryCounter = 0;
        startConnecting(nowNs);
        return 1;
    }

    /**
     * ManualStop (Event 2): NOTIFICATION Cease / Administrative Shutdown when there is a connection (RFC 4486),
     * then Idle with no automatic restart.
     */
    public int manualStop(final long nowNs)
    {
        automaticRestart = false;
        connectRetryCounter = 0;
        restartDeadlineNs = NOT_RUNNING;
        if (state == SessionState.IDLE)
        {
            return 0;
        }
        if (state.hasConnection())
        {
            sendNotification(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]), "manual stop",
                nowNs, false);
        }
        else
        {
            toIdle(nowNs, null, false);
        }
        return 1;
    }

    /**
     * Runs this FSM, Idle and never started, for one connection the peer opened while the main FSM of the peer is
     * past Active (RFC 4271 6.8 collision): sends OPEN and moves to OpenSent; it never reconnects by itself.
     */
    public int acceptConnection(final long nowNs)
    {
        if (state != SessionState.IDLE || automaticRestart)
        {
            throw new IllegalStateException("acceptConnection on a " + state + " FSM that is " +
                (automaticRestart ? "started" : "not started"));
        }
        openConnection(nowNs, false);
        return 1;
    }

    /** Lets a one-shot FSM (see {@link #acceptConnection(long)}) reconnect after failures like a started one. */
    public void enableAutomaticRestart()
    {
        automaticRestart = true;
    }

    /**
     * TcpConnection_Valid / Tcp_CR_Acked / TcpConnectionConfirmed (Events 14, 16, 17) in Connect or Active: sends
     * OPEN, arms the 4-minute hold timer, moves to OpenSent. Ignored in other states (the owner refuses or runs
     * another FSM for a connection that arrives then).
     *
     * @param locallyInitiated true when we opened the connection, false when we accepted it (for RFC 4271 6.8)
     */
    public int tcpConnectionConfirmed(final long nowNs, final boolean locallyInitiated)
    {
        if (state != SessionState.CONNECT && state != SessionState.ACTIVE)
        {
            return 0;
        }
        openConnection(nowNs, locallyInitiated);
        return 1;
    }

    /**
     * TcpConnectionFails (Event 18): the connection attempt failed or the connection closed.
     *
     * @param reason readable, e.g. {@code connection refused}
     */
    public int tcpConnectionFails(final long nowNs, final String reason)
    {
        switch (state)
        {
            case IDLE:
                return 0;
            case CONNECT:
            case ACTIVE:
            case OPEN_SENT:
                // RFC 4271 8.2.2 OpenSent Event 18: close, restart ConnectRetry, listen in Active
                connectRetryCounter++;
                lastError = reason;
                actions.disconnect();
                stopSessionTimers();
                negotiated = null;
                if (!automaticRestart)
                {
                    toIdle(nowNs, null, false);
                }
                else
                {
                    connectRetryDeadlineNs = nowNs + retryDelayNs();
                    setState(SessionState.ACTIVE);
                }
                return 1;
            default:
                toIdle(nowNs, reason, true);
                return 1;
        }
    }

    /**
     * A message arrived on the connection (Events 19, 25, 26, 27 and ROUTE-REFRESH).
     */
    public int receive(final BgpMessage message, final long nowNs)
    {
        if (!state.hasConnection())
        {
            return 0;
        }
        if (message instanceof NotificationMessage notification)
        {
            // RFC 4271 8.2.2 NotifMsg (Event 25) in OpenSent, OpenConfirm, Established: close, Idle
            toIdle(nowNs, "received " + describe(notification), true);
            return 1;
        }
        switch (state)
        {
            case OPEN_SENT:
                if (message instanceof OpenMessage open)
                {
                    onOpen(open, nowNs);
                }
                else
                {
                    unexpected(ErrorSubcode.UNEXPECTED_MESSAGE_IN_OPEN_SENT, message, nowNs);
                }
                break;
            case OPEN_CONFIRM:
                if (message instanceof KeepaliveMessage)
                {
                    onFirstKeepalive(nowNs);
                }
                else
                {
                    unexpected(ErrorSubcode.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM, message, nowNs);
                }
                break;
            case ESTABLISHED:
            default:
                onEstablishedMessage(message, nowNs);
                break;
        }
        return 1;
    }

    /**
     * BGPHeaderErr / BGPOpenMsgErr (Events 21, 22) and ROUTE-REFRESH length errors: sends the NOTIFICATION the
     * decoder chose, goes to Idle.
     */
    public int decodeError(final MessageDecodeException error, final long nowNs)
    {
        if (!state.hasConnection())
        {
            return 0;
        }
        sendNotification(error.notification(), error.reason(), nowNs, true);
        return 1;
    }

    /**
     * The owner closes the session with a NOTIFICATION of its choice (e.g. Cease / Maximum Number of Prefixes
     * Reached, RFC 4486, on a max-prefix overflow): sends it, goes to Idle; automatic restart, when enabled, backs
     * off as after any error.
     *
     * @param reason kept in the last error
     * @return 1 when a connection was closed, 0 when there was none
     */
    public int closeWithNotification(final NotificationMessage notification, final String reason, final long nowNs)
    {
        if (!state.hasConnection())
        {
            return 0;
        }
        sendNotification(notification, reason, nowNs, true);
        return 1;
    }

    /**
     * OpenCollisionDump (Event 23): this connection lost collision resolution (RFC 4271 6.8). Sends NOTIFICATION
     * Cease / Connection Collision Resolution when there is a connection, goes to Idle.
     */
    public int collisionDump(final long nowNs)
    {
        if (state == SessionState.IDLE)
        {
            return 0;
        }
        if (state.hasConnection())
        {
            sendNotification(NotificationMessage.of(ErrorSubcode.CONNECTION_COLLISION_RESOLUTION, new byte[0]),
                "collision with another connection", nowNs, true);
        }
        else
        {
            toIdle(nowNs, null, false);
        }
        return 1;
    }

    /**
     * Queued output could not be written (the socket is full): starts the RFC 9687 SendHoldTimer unless running.
     */
    public void sendBlocked(final long nowNs)
    {
        if (state.hasConnection() && sendBlockedSinceNs == NOT_RUNNING)
        {
            sendBlockedSinceNs = nowNs;
        }
    }

    /** Output made progress or nothing is queued: stops the RFC 9687 SendHoldTimer. */
    public void sendProgress()
    {
        sendBlockedSinceNs = NOT_RUNNING;
    }

    /**
     * Sends an UPDATE (or ROUTE-REFRESH) in Established and restarts the KeepaliveTimer (RFC 4271 8.2.2).
     *
     * @return false when not Established or the transport refused it (full send buffer: back-pressure)
     */
    public boolean send(final BgpMessage message, final long nowNs)
    {
        if (state != SessionState.ESTABLISHED)
        {
            return false;
        }
        final boolean sent = actions.send(message);
        if (sent && keepaliveDeadlineNs != NOT_RUNNING)
        {
            keepaliveDeadlineNs = nowNs + msToNs(negotiated.keepaliveTimeMs());
        }
        return sent;
    }

    /**
     * Runs the timers: automatic restart in Idle, ConnectRetry, Hold, Keepalive, SendHold (Events 9, 10, 11, 13
     * and RFC 9687 SendHoldTimer_Expires).
     *
     * @return the number of timer events handled
     */
    public int poll(final long nowNs)
    {
        switch (state)
        {
            case IDLE:
                if (automaticRestart && nowNs >= restartDeadlineNs)
                {
                    // RFC 4271 8.1.1 AutomaticStart after the IdleHoldTimer
                    restartDeadlineNs = NOT_RUNNING;
                    startConnecting(nowNs);
                    return 1;
                }
                return 0;
            case CONNECT:
            case ACTIVE:
                if (nowNs >= connectRetryDeadlineNs)
                {
                    onConnectRetryExpires(nowNs);
                    return 1;
                }
                return 0;
            default:
                return pollSessionTimers(nowNs);
        }
    }

    // ---------------------------------------------------------------------------------------------- queries

    /** The current state. */
    public SessionState state()
    {
        return state;
    }

    /** The session's configuration. */
    public SessionConfig config()
    {
        return config;
    }

    /**
     * Why the session last went down or failed to come up, readable; empty when nothing went wrong yet. E.g.
     * {@code sent NOTIFICATION 2/2 Bad Peer AS (expected 65001, got 65002)}, {@code hold timer expired},
     * {@code connection refused}.
     */
    public String lastError()
    {
        return lastError;
    }

    /** What the OPENs negotiated, from OpenConfirm on; null before and after the session. */
    public NegotiatedSession negotiated()
    {
        return negotiated;
    }

    /** How to read and write this connection's bytes: negotiated from OpenConfirm on, else the standard limits. */
    public WireOptions wireOptions()
    {
        return negotiated == null ? WireOptions.DEFAULT : negotiated.wireOptions();
    }

    /** True when the current connection was opened by us (meaningful from OpenSent on). */
    public boolean initiatedLocally()
    {
        return initiatedLocally;
    }

    /** Consecutive failures since the last start or Established (RFC 4271 8 ConnectRetryCounter). */
    public int connectRetryCounter()
    {
        return connectRetryCounter;
    }

    /** How many times the session reached Established. */
    public long establishedCount()
    {
        return establishedCount;
    }

    /** True after a start and until a stop: the FSM reconnects by itself. */
    public boolean automaticRestart()
    {
        return automaticRestart;
    }

    /** The current back-off: how long ConnectRetry and the automatic restart wait now, in ms. */
    public long retryDelayMs()
    {
        final int shift = Math.min(Math.max(connectRetryCounter - 1, 0), MAX_BACKOFF_SHIFT);
        return Math.min(config.connectRetryTimeS() * 1000L << shift, config.maxConnectRetryTimeS() * 1000L);
    }

    /** The RFC 9687 SendHoldTimer interval now: max(8 min, 2 x the negotiated hold time), in ms. */
    public long sendHoldTimeMs()
    {
        return Math.max(MIN_SEND_HOLD_TIME_MS, negotiated == null ? 0 : 2 * negotiated.holdTimeMs());
    }

    /** The OPEN this FSM sends (RFC 4271 4.2; capabilities RFC 4760, 2918, 6793, 8654). */
    public OpenMessage localOpen()
    {
        final List<Capability> capabilities = new ArrayList<>();
        for (final AddressFamily f : config.families())
        {
            capabilities.add(new MultiprotocolCapability(f));
        }
        capabilities.add(new RouteRefreshCapability());
        capabilities.add(new FourOctetAsCapability(config.localAs()));
        if (config.extendedMessage())
        {
            capabilities.add(new ExtendedMessageCapability());
        }
        return OpenMessage.create(config.localAs(), config.holdTimeS(), config.bgpIdentifier(), capabilities);
    }

    @Override
    public String toString()
    {
        return "SessionFsm " + state + (lastError.isEmpty() ? "" : " last-error " + lastError);
    }

    // ---------------------------------------------------------------------------------------------- steps

    private void startConnecting(final long nowNs)
    {
        if (config.passive())
        {
            // RFC 4271 8.2.2 Idle Event 4/5 (passive): listen only
            setState(SessionState.ACTIVE);
            return;
        }
        connectRetryDeadlineNs = nowNs + retryDelayNs();
        setState(SessionState.CONNECT);
        actions.connect();
    }

    private void onConnectRetryExpires(final long nowNs)
    {
        // RFC 4271 8.2.2 Connect / Active Event 9: drop the attempt, restart the timer, connect again
        if (config.passive())
        {
            connectRetryDeadlineNs = NOT_RUNNING;
            return;
        }
        if (state == SessionState.CONNECT)
        {
            connectRetryCounter++;
            lastError = "connect timed out";
            actions.disconnect();
        }
        connectRetryDeadlineNs = nowNs + retryDelayNs();
        setState(SessionState.CONNECT);
        actions.connect();
    }

    private void openConnection(final long nowNs, final boolean locallyInitiated)
    {
        initiatedLocally = locallyInitiated;
        connectRetryDeadlineNs = NOT_RUNNING;
        sendBlockedSinceNs = NOT_RUNNING;
        holdDeadlineNs = nowNs + msToNs(OPEN_SENT_HOLD_TIME_MS);
        setState(SessionState.OPEN_SENT);
        actions.send(localOpen());
    }

    private void onOpen(final OpenMessage open, final long nowNs)
    {
        final OpenRejection rejection = OpenValidator.validate(config, open);
        if (rejection != null)
        {
            sendNotification(rejection.notification(), rejection.reason(), nowNs, true);
            return;
        }
        final SessionFsm other = actions.otherConnection();
        if (other != null && other != this)
        {
            // RFC 4271 6.8: examine the other connection in OpenConfirm; an Established one always survives
            if (other.state == SessionState.ESTABLISHED)
            {
                collisionDump(nowNs);
                return;
            }
            if (other.state == SessionState.OPEN_CONFIRM)
            {
                final boolean keepLocal = CollisionResolver.keepsLocallyInitiated(config.bgpIdentifier(),
                    open.bgpIdentifier());
                if (initiatedLocally != keepLocal)
                {
                    collisionDump(nowNs);
                    return;
                }
                other.collisionDump(nowNs);
            }
        }
        negotiated = NegotiatedSession.negotiate(config, open);
        validator = new UpdateValidator(config.external(), config.external() ? config.peerAs() :
            UpdateValidator.ANY_PEER_AS, negotiated.wireOptions());
        // RFC 4271 8.2.2 OpenSent Event 19: KEEPALIVE, negotiated timers, OpenConfirm
        actions.send(KeepaliveMessage.INSTANCE);
        armHoldAndKeepalive(nowNs);
        setState(SessionState.OPEN_CONFIRM);
    }

    private void onFirstKeepalive(final long nowNs)
    {
        // RFC 4271 8.2.2 OpenConfirm Event 26: restart the hold timer, Established
        restartHold(nowNs);
        final SessionFsm other = actions.otherConnection();
        if (other != null && other != this && other.state != SessionState.IDLE)
        {
            // the first connection to reach Established wins; the other is a collision (RFC 4271 6.8)
            other.collisionDump(nowNs);
        }
        connectRetryCounter = 0;
        establishedCount++;
        setState(SessionState.ESTABLISHED);
        actions.established(negotiated);
    }

    private void onEstablishedMessage(final BgpMessage message, final long nowNs)
    {
        if (message instanceof KeepaliveMessage)
        {
            restartHold(nowNs);
        }
        else if (message instanceof UpdateMessage update)
        {
            restartHold(nowNs);
            final ValidationResult result = validator.validate(update);
            if (result.action() == ErrorAction.SESSION_RESET)
            {
                // RFC 7606 / RFC 4271 8.2.2 Established Event 28: UpdateMsgErr
                final UpdateError worst = result.strongest();
                sendNotification(result.notification(), worst.reason(), nowNs, true);
                return;
            }
            actions.updateReceived(update, result);
        }
        else if (message instanceof RouteRefreshMessage refresh)
        {
            restartHold(nowNs);
            // RFC 7313 5 / RFC 2918 4: a family that was not negotiated is ignored
            if (negotiated.families().contains(refresh.family()))
            {
                actions.routeRefreshReceived(refresh);
            }
        }
        else
        {
            unexpected(ErrorSubcode.UNEXPECTED_MESSAGE_IN_ESTABLISHED, message, nowNs);
        }
    }

    private void unexpected(final ErrorSubcode subcode, final BgpMessage message, final long nowNs)
    {
        // RFC 4271 8.2.2 "any other event" -> FSM Error; RFC 6608 3 names the state in the subcode
        sendNotification(NotificationMessage.of(subcode, new byte[0]), message.type() + " in " + state, nowNs,
            true);
    }

    private int pollSessionTimers(final long nowNs)
    {
        if (nowNs >= holdDeadlineNs)
        {
            // RFC 4271 8.2.2 Event 10: NOTIFICATION Hold Timer Expired, Idle
            actions.send(NotificationMessage.unspecific(ErrorCode.HOLD_TIMER_EXPIRED, new byte[0]));
            toIdle(nowNs, "hold timer expired", true);
            return 1;
        }
        if (sendBlockedSinceNs != NOT_RUNNING && nowNs - sendBlockedSinceNs >= msToNs(sendHoldTimeMs()))
        {
            // RFC 9687 4: SendHoldTimer_Expires -> NOTIFICATION code 8 (best effort), close, Idle
            actions.send(NotificationMessage.unspecific(ErrorCode.SEND_HOLD_TIMER_EXPIRED, new byte[0]));
            toIdle(nowNs, "send hold timer expired", true);
            return 1;
        }
        if (nowNs >= keepaliveDeadlineNs)
        {
            // RFC 4271 8.2.2 Event 11: KEEPALIVE, restart the KeepaliveTimer
            actions.send(KeepaliveMessage.INSTANCE);
            keepaliveDeadlineNs = nowNs + msToNs(negotiated.keepaliveTimeMs());
            return 1;
        }
        return 0;
    }

    private void sendNotification(final NotificationMessage notification, final String reason, final long nowNs,
        final boolean isError)
    {
        actions.send(notification);
        toIdle(nowNs, "sent " + describe(notification) + (reason == null ? "" : " (" + reason + ")"), isError);
    }

    private void toIdle(final long nowNs, final String reason, final boolean isError)
    {
        final SessionState from = state;
        if (from != SessionState.IDLE)
        {
            actions.disconnect();
        }
        stopSessionTimers();
        connectRetryDeadlineNs = NOT_RUNNING;
        negotiated = null;
        validator = null;
        if (reason != null)
        {
            lastError = reason;
        }
        if (isError)
        {
            connectRetryCounter++;
        }
        restartDeadlineNs = automaticRestart ? nowNs + retryDelayNs() : NOT_RUNNING;
        setState(SessionState.IDLE);
        if (from == SessionState.ESTABLISHED)
        {
            actions.sessionDown(lastError);
        }
    }

    private void armHoldAndKeepalive(final long nowNs)
    {
        if (negotiated.holdTimeMs() == 0)
        {
            holdDeadlineNs = NOT_RUNNING;
            keepaliveDeadlineNs = NOT_RUNNING;
        }
        else
        {
            holdDeadlineNs = nowNs + msToNs(negotiated.holdTimeMs());
            keepaliveDeadlineNs = nowNs + msToNs(negotiated.keepaliveTimeMs());
        }
    }

    private void restartHold(final long nowNs)
    {
        if (negotiated.holdTimeMs() != 0)
        {
            holdDeadlineNs = nowNs + msToNs(negotiated.holdTimeMs());
        }
    }

    private void stopSessionTimers()
    {
        holdDeadlineNs = NOT_RUNNING;
        keepaliveDeadlineNs = NOT_RUNNING;
        sendBlockedSinceNs = NOT_RUNNING;
    }

    private void setState(final SessionState to)
    {
        final SessionState from = state;
        state = to;
        if (from != to)
        {
            actions.stateChanged(from, to);
        }
    }

    private long retryDelayNs()
    {
        return msToNs(retryDelayMs());
    }

    private static long msToNs(final long ms)
    {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** {@code NOTIFICATION 2/2 Bad Peer AS}: the subcode's name, else the code's. */
    static String describe(final NotificationMessage n)
    {
        final ErrorSubcode subcode = ErrorSubcode.of(n.code(), n.subcode());
        final ErrorCode code = ErrorCode.of(n.code());
        final String name = subcode != null ? subcode.description() :
            code != null ? code.description() + (n.subcode() == 0 ? "" : " subcode " + n.subcode()) :
            "code " + n.code();
        return "NOTIFICATION " + n.code() + "/" + n.subcode() + " " + name;
    }
}
