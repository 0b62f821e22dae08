package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.Srv6EndpointBehaviorCode;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sink.RouteSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.srv6epe.bgp.rib.TestRoutes.RT_A;
import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.rts;
import static net.srv6epe.bgp.rib.TestRoutes.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heap per VPNv6 route held by the content-server role (Adj-RIB-In + VRF selection table), measured from
 * {@link Runtime} used memory after GC. The FIB (vrf module) is not counted: the sink only counts.
 */
class RibMemoryTest
{
    private static final int ROUTES = 100_000;
    /** Generous: the design target is under 300 octets per route including the FIB, measured in perf/. */
    private static final long BOUND = 300;

    private static long usedAfterGc()
    {
        final Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++)
        {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void hundredThousandVpnRoutesStayWellUnder300BytesEach()
    {
        final int[] installs = {0};
        final RouteSink counting = new RouteSink()
        {
            @Override
            public void install(final String vrf, final net.srv6epe.vrf.prefix.Ipv6Prefix prefix,
                final RouteAction action, final String cause)
            {
                installs[0]++;
            }

            @Override
            public void withdraw(final String vrf, final net.srv6epe.vrf.prefix.Ipv6Prefix prefix,
                final String cause)
            {
            }

            @Override
            public void install(final String vrf, final Ipv4Prefix prefix, final RouteAction action,
                final String cause)
            {
            }

            @Override
            public void withdraw(final String vrf, final Ipv4Prefix prefix, final String cause)
            {
            }

            @Override
            public long flush()
            {
                return 0;
            }
        };
        final long before = usedAfterGc();
        final ContentServerRole role = new ContentServerRole(new ContentServerConfig(List.of(
            ImportVrf.of("epe-a", List.of(RT_A), Behavior.H_ENCAPS, "fd00:5::a", "underlay"))), counting,
            EventStamper.system(null), null);
        final int peer = role.addPeer(RibPeer.ipv6("fd00::1", 65000, false, 1));
        final RouteDistinguisher rd = RouteDistinguisher.as2(65000, 1);
        // FRR form: one attribute set for all routes, the function (SID) varies in the label per route
        final List<PathAttribute> attributes = with(basic(), rts(RT_A), PrefixSid.srv6L3Service(
            new Srv6SidInformation(Srv6Sid.parse("fc00:0:1:1::"), Srv6EndpointBehaviorCode.OPAQUE,
                new Srv6SidStructure(40, 24, 16, 0, 16, 64))));
        final int perUpdate = 200;
        for (int base = 0; base < ROUTES; base += perUpdate)
        {
            final List<VpnIpv6Prefix> nlri = new ArrayList<>(perUpdate);
            for (int i = base; i < base + perUpdate; i++)
            {
                final long hi = 0x2001_0db8_0000_0000L | ((long)i << 8);
                nlri.add(new VpnIpv6Prefix(MplsLabel.bottomOfStack(1 + (i & 0xFF)), rd, new Ipv6Prefix(hi, 0, 56)));
            }
            final List<PathAttribute> all = new ArrayList<>();
            all.add(MpReachNlri.vpnIpv6(0xfd00_00ff_0000_0000L, 1, nlri));
            all.addAll(attributes);
            role.onUpdate(peer, UpdateMessage.of(all), ValidationResult.VALID);
        }
        final long after = usedAfterGc();
        assertEquals(ROUTES, role.rib().routeCount(peer));
        assertEquals(ROUTES, role.routeCount("epe-a"));
        assertEquals(ROUTES, installs[0]);
        assertEquals(1, role.rib().attributeSets());
        final long perRoute = (after - before) / ROUTES;
        System.out.println("RibMemoryTest: " + ROUTES + " VPNv6 routes in the content-server RIB: " +
            perRoute + " bytes per route (Adj-RIB-In + VRF table, FIB excluded)");
        assertTrue(perRoute < BOUND, perRoute + " bytes per route");
        assertTrue(role.rib().routeCount(peer) > 0, "keep the role reachable until measured");
    }
}
