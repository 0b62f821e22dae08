package net.srv6epe.perf.bgp;

import net.srv6epe.bgp.role.SidLocator;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.bgp.wire.prefixsid.TransposedSid;
import net.srv6epe.srv6.Behavior;

import java.util.List;

/**
 * One peer VRF of the ASBR the blaster plays: its RD ({@code 65000:(100+i)}), route target (the same value), its
 * End.DT6 SID ({@code fc00:0:1:(100+i)::} from the locator {@code fc00:0:1::/48}, block 32, function 16) and the
 * one attribute set all its routes share, built the way our ASBR role exports (ORIGIN IGP, empty AS_PATH,
 * LOCAL_PREF 100, the RT, the Prefix-SID with the RFC 9252 SRv6 L3 Service TLV). With transposition the
 * function bits travel in the NLRI label field (FRR's form) and the attribute carries the SID without them.
 *
 * @param index      0-based
 * @param rd         route distinguisher
 * @param rt         route target
 * @param sid        the full SID the content server must steer to
 * @param labelField the NLRI label field of every route of this VRF
 * @param attributes the shared path attributes (without MP_REACH_NLRI)
 */
public record BlastVrf(int index, RouteDistinguisher rd, ExtendedCommunity rt, Srv6Sid sid, int labelField,
    List<PathAttribute> attributes)
{
    /** The AS of the blaster and of the content server (iBGP). */
    public static final int AS = 65000;
    /** The locator the SIDs come from. */
    public static final String LOCATOR = "fc00:0:1::/48";
    private static final int FIRST_NUMBER = 100;
    private static final int IMPLICIT_NULL = 3;
    private static final int LOCAL_PREF = 100;

    /**
     * Peer VRF {@code index}.
     *
     * @param transposed whether the SID's function bits travel in the label field
     */
    public static BlastVrf of(final int index, final boolean transposed)
    {
        final int number = FIRST_NUMBER + index;
        final SidLocator locator = SidLocator.of(LOCATOR, 32, 16);
        final Srv6Sid sid = locator.sid(number);
        final Srv6SidStructure structure = locator.structure(transposed);
        final TransposedSid wire = SidTransposition.split(sid, structure, MplsLabel.bottomOfStack(IMPLICIT_NULL));
        final ExtendedCommunity rt = ExtendedCommunity.routeTarget(AS, number);
        final PrefixSid prefixSid = PrefixSid.srv6L3Service(new Srv6SidInformation(wire.attributeSid(),
            Behavior.END_DT6.ianaCodepoint(), structure));
        return new BlastVrf(index, RouteDistinguisher.as2(AS, number), rt, sid, wire.labelField(),
            List.of(new Origin(Origin.IGP), new AsPath(List.of()), new LocalPref(LOCAL_PREF),
                new ExtendedCommunities(List.of(rt)), prefixSid));
    }

    /** The route target as FRR and GoBGP print it, e.g. {@code 65000:100}. */
    public String routeTargetText()
    {
        return AS + ":" + (FIRST_NUMBER + index);
    }
}
