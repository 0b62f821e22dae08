package net.srv6epe.dataplane.flowstats;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;

/** Test flows: flow {@code n} is UDP from 2001:db8::1 port n to 2001:db8:ffff::1 port 443, encap'ed in epe-a. */
final class FlowTables
{
    static final long SRC_HI = Ipv6Address.parseHi("2001:db8::1");
    static final long SRC_LO = Ipv6Address.parseLo("2001:db8::1");
    static final long DST_HI = Ipv6Address.parseHi("2001:db8:ffff::1");
    static final long DST_LO = Ipv6Address.parseLo("2001:db8:ffff::1");
    static final long SID_HI = Ipv6Address.parseHi("fc00:a::a6");
    static final long SID_LO = Ipv6Address.parseLo("fc00:a::a6");

    private FlowTables()
    {
    }

    static void encap(final FlowTable table, final int flow, final int bytes)
    {
        table.record(6, SRC_HI, SRC_LO, DST_HI, DST_LO, FlowTable.protoPorts(17, flow, 443),
            FlowTable.egress(FlowTable.EGRESS_SID, 1, 1), SID_HI, SID_LO, bytes);
    }

    /** A publisher whose VRF 1 is {@code epe-a}; ports are named core (0) and edge (1) in the tests. */
    static ForwardingStatePublisher publisher()
    {
        final ForwardingStatePublisher p = new ForwardingStatePublisher();
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("epe-a", 101);
        p.publish(b.build());
        return p;
    }

    static String key(final int flow)
    {
        return "2001:db8::1 " + flow + " > 2001:db8:ffff::1 443 proto 17 vrf epe-a sid fc00:a::a6 dev edge";
    }
}
