package net.srv6epe.bgp.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** What the ASBR originates to an egress peer, as the peer decodes and validates it (eBGP). */
class EgressAnnouncementTest
{
    private static final String OUR_ADDRESS = "fd00:a::1";

    @Test
    void prefixesGoWithOurAsOurAddressAndNoLocalPrefThenTheEndOfRib() throws Exception
    {
        final EgressAnnouncement a = new EgressAnnouncement(Ipv6Address.parseHi(OUR_ADDRESS),
            Ipv6Address.parseLo(OUR_ADDRESS), List.of(Ipv6Prefix.parse("2001:db8:100::/48"),
            Ipv6Prefix.parse("2001:db8:200::/48")));
        final List<UpdateMessage> updates = asPeerSees(a.updates(4_200_000_001L, WireOptions.DEFAULT));
        assertEquals(2, updates.size(), updates::toString);

        final UpdateMessage announce = updates.get(0);
        final MpReachNlri reach = announce.mpReach();
        assertEquals(AddressFamily.IPV6_UNICAST, reach.family());
        assertEquals(16, reach.nextHop().length, "a global next hop only");
        assertEquals(Ipv6Address.parseHi(OUR_ADDRESS), reach.nextHopHi());
        assertEquals(Ipv6Address.parseLo(OUR_ADDRESS), reach.nextHopLo());
        assertEquals(List.<Nlri>of(Ipv6Prefix.parse("2001:db8:100::/48"), Ipv6Prefix.parse("2001:db8:200::/48")),
            reach.nlri());
        assertEquals(Origin.IGP, ((Origin)announce.attribute(AttributeType.ORIGIN)).origin());
        assertEquals(List.of(AsPathSegment.sequence(4_200_000_001L)),
            ((AsPath)announce.attribute(AttributeType.AS_PATH)).segments());
        assertNull(announce.attribute(AttributeType.LOCAL_PREF), "no LOCAL_PREF to an external peer");

        assertTrue(updates.get(1).isEndOfRib());
        assertEquals(List.of(AddressFamily.IPV6_UNICAST), updates.get(1).families());
    }

    @Test
    void manyPrefixesAreSplitWithinTheMessageLengthAndNothingIsLost() throws Exception
    {
        final List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            prefixes.add(Ipv6Prefix.parse("2001:db8:" + Integer.toHexString(i) + "::/48"));
        }
        final List<UpdateMessage> updates = asPeerSees(new EgressAnnouncement(Ipv6Address.parseHi(OUR_ADDRESS),
            Ipv6Address.parseLo(OUR_ADDRESS), prefixes).updates(65000, WireOptions.DEFAULT));
        final List<Nlri> announced = new ArrayList<>();
        for (final UpdateMessage u : updates.subList(0, updates.size() - 1))
        {
            announced.addAll(u.mpReach().nlri());
        }
        assertTrue(updates.size() > 2, "more than one UPDATE: " + updates.size());
        assertEquals(prefixes, announced);
        assertTrue(updates.get(updates.size() - 1).isEndOfRib());
    }

    @Test
    void nothingOriginatedIsTheEndOfRibAlone()
    {
        final List<UpdateMessage> updates = EgressAnnouncement.none().updates(65000, WireOptions.DEFAULT);
        assertEquals(1, updates.size());
        assertTrue(updates.get(0).isEndOfRib());
    }

    @Test
    void hostBitsAndRepeatsAreRefusedByName()
    {
        final IllegalArgumentException hostBits = assertThrows(IllegalArgumentException.class,
            () -> new EgressAnnouncement(0, 1, List.of(Ipv6Prefix.parse("2001:db8:100::1/48"))));
        assertTrue(hostBits.getMessage().contains("2001:db8:100::1/48") &&
            hostBits.getMessage().contains("host bits"), hostBits.getMessage());
        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> new EgressAnnouncement(0, 1, List.of(Ipv6Prefix.parse("2001:db8:100::/48"),
                Ipv6Prefix.parse("2001:db8:100::/48"))));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    /** Encodes each UPDATE, decodes it and validates it as an eBGP peer of ours would. */
    private static List<UpdateMessage> asPeerSees(final List<UpdateMessage> updates) throws Exception
    {
        final List<UpdateMessage> out = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(8192);
        for (final UpdateMessage u : updates)
        {
            final int length = BgpMessageCodec.encode(u, buffer, 0, WireOptions.DEFAULT);
            assertTrue(length <= WireOptions.DEFAULT.maxMessageLength(), "UPDATE of " + length + " octets");
            final UpdateMessage decoded = (UpdateMessage)BgpMessageCodec.decode(buffer, 0, length,
                WireOptions.DEFAULT);
            assertEquals(ValidationResult.VALID, new UpdateValidator(true, WireOptions.DEFAULT).validate(decoded),
                decoded::toString);
            out.add(decoded);
        }
        return out;
    }
}
