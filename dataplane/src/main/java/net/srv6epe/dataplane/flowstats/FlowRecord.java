package net.srv6epe.dataplane.flowstats;

/**
 * One flow's counts over one sampling interval, as the flow journal holds it.
 *
 * @param wallNs          end of the interval, nanoseconds since the Unix epoch
 * @param monoNs          end of the interval, monotonic nanoseconds of the router process
 * @param intervalNs      length of the interval the delta covers (time since the previous sample)
 * @param worker          the worker that counted it
 * @param family          6 or 4: the inner packet's IP version
 * @param source          inner source address
 * @param destination     inner destination address
 * @param protocol        inner upper-layer protocol number
 * @param sourcePort      inner TCP/UDP source port, 0 for other protocols
 * @param destinationPort inner TCP/UDP destination port, 0 for other protocols
 * @param vrf             the VRF: of the encap route (H.Encaps) or the SID (End.DT*)
 * @param egressKind      {@code sid} (left encapsulated towards that SID) or {@code via} (decapsulated, forwarded
 *                        to that next hop)
 * @param egress          the first SID of the encap template, or the next hop
 * @param port            the egress port
 * @param packets         packets in the interval
 * @param bytes           bytes in the interval (IP packet length as sent: the outer header included for H.Encaps)
 */
public record FlowRecord(
    long wallNs,
    long monoNs,
    long intervalNs,
    int worker,
    int family,
    String source,
    String destination,
    int protocol,
    int sourcePort,
    int destinationPort,
    String vrf,
    String egressKind,
    String egress,
    String port,
    long packets,
    long bytes)
{
    /** The flow's identity (everything but the time and counts), for grouping. */
    public String flowKey()
    {
        return source + " " + sourcePort + " > " + destination + " " + destinationPort + " proto " + protocol +
            " vrf " + vrf + " " + egressKind + " " + egress + " dev " + port;
    }

    /** The egress identity: VRF, SID or next hop, port. */
    public String egressKey()
    {
        return "vrf " + vrf + " " + egressKind + " " + egress + " dev " + port;
    }
}
