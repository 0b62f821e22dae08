package net.srv6epe.bgp.fsm;

/** The states of the BGP finite state machine (RFC 4271 8.2.2). */
public enum SessionState
{
    /** Refuses connections; waits for a (manual or automatic) start. */
    IDLE("Idle"),
    /** Waiting for the outgoing TCP connection to complete. */
    CONNECT("Connect"),
    /** Listening for an incoming TCP connection; retries the outgoing one when ConnectRetry expires. */
    ACTIVE("Active"),
    /** OPEN sent, waiting for the peer's OPEN. */
    OPEN_SENT("OpenSent"),
    /** OPENs exchanged, waiting for the peer's KEEPALIVE. */
    OPEN_CONFIRM("OpenConfirm"),
    /** UPDATE, KEEPALIVE and NOTIFICATION flow. */
    ESTABLISHED("Established");

    private final String label;

    SessionState(final String label)
    {
        this.label = label;
    }

    /** True in the states that own a TCP connection (OpenSent, OpenConfirm, Established). */
    public boolean hasConnection()
    {
        return this == OPEN_SENT || this == OPEN_CONFIRM || this == ESTABLISHED;
    }

    @Override
    public String toString()
    {
        return label;
    }
}
