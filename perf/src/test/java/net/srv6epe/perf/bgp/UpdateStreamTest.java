package net.srv6epe.perf.bgp;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blaster's pre-encoded UPDATEs, decoded back with bgp-lite: every message within the negotiated length and
 * valid (RFC 7606), every selected route exactly once, with its peer VRF's RD, attribute set and SID (transposed
 * or not), withdrawals with the RFC 8277 compatibility label, and the End-of-RIB marker.
 */
class UpdateStreamTest
{
    @ParameterizedTest
    @CsvSource({"4096, false", "65535, false", "65535, true"})
    void everySelectedRouteIsAnnouncedOnceWithItsPeerVrfsAttributes(final int maxLength, final boolean transposed)
        throws MessageDecodeException
    {
        final WireOptions options = new WireOptions(maxLength, true);
        final PrefixMix prefixes = PrefixMix.generate(12_000, 3);
        final List<BlastVrf> vrfs = List.of(BlastVrf.of(0, transposed), BlastVrf.of(1, transposed),
            BlastVrf.of(2, transposed));
        final UpdateStream stream = UpdateStream.announce(prefixes, vrfs, i -> i % 5 != 0, 0xfd00_0020_0000_0000L, 1,
            options);

        final Set<String> expected = new HashSet<>();
        for (int i = 0; i < prefixes.size(); i++)
        {
            if (i % 5 != 0)
            {
                expected.add(vrfs.get(i % 3).rd() + " " + prefixes.prefix(i));
            }
        }
        final Set<String> seen = new HashSet<>();
        final List<UpdateMessage> updates = decode(stream, options);
        assertEquals(stream.messages(), updates.size());
        final UpdateValidator validator = new UpdateValidator(false, options);
        for (final UpdateMessage u : updates)
        {
            assertTrue(validator.validate(u).isValid(), u.toString());
            final MpReachNlri reach = u.mpReach();
            assertNotNull(reach, u.toString());
            assertEquals(AddressFamily.VPN_IPV6, reach.family());
            assertEquals(0xfd00_0020_0000_0000L, reach.nextHopHi());
            final VpnIpv6Prefix first = (VpnIpv6Prefix)reach.nlri().get(0);
            final BlastVrf vrf = vrfs.stream().filter(v -> v.rd().equals(first.rd())).findFirst().orElseThrow();
            final List<PathAttribute> others = new ArrayList<>(u.attributes());
            others.remove(reach);
            assertEquals(vrf.attributes(), others, "the peer VRF's attribute set");
            for (final Nlri n : reach.nlri())
            {
                final VpnIpv6Prefix p = (VpnIpv6Prefix)n;
                assertEquals(vrf.rd(), p.rd(), "one peer VRF per UPDATE");
                assertEquals(vrf.sid(), SidTransposition.fullSid(u.prefixSid().l3ServiceSid(), p.label()));
                assertTrue(seen.add(p.rd() + " " + p.prefix()), "announced twice: " + p);
            }
        }
        assertEquals(expected.size(), stream.routes());
        assertEquals(expected, seen);
    }

    @ParameterizedTest
    @CsvSource({"4096", "65535"})
    void withdrawalsCarryTheCompatibilityLabelAndEndOfRibIsRecognised(final int maxLength)
        throws MessageDecodeException
    {
        final WireOptions options = new WireOptions(maxLength, true);
        final PrefixMix prefixes = PrefixMix.generate(5_000, 4);
        final List<BlastVrf> vrfs = List.of(BlastVrf.of(0, false), BlastVrf.of(1, false));
        final UpdateStream stream = UpdateStream.withdraw(prefixes, vrfs, i -> i % 2 == 1, options);
        int withdrawn = 0;
        for (final UpdateMessage u : decode(stream, options))
        {
            final MpUnreachNlri unreach = u.mpUnreach();
            assertNotNull(unreach, u.toString());
            assertEquals(1, u.attributes().size(), u.toString());
            for (final Nlri n : unreach.withdrawn())
            {
                assertEquals(MplsLabel.WITHDRAW_COMPATIBILITY, ((VpnIpv6Prefix)n).label());
                withdrawn++;
            }
        }
        assertEquals(2_500, withdrawn);
        assertEquals(2_500, stream.routes());

        final List<UpdateMessage> eor = decode(UpdateStream.endOfRib(), options);
        assertEquals(1, eor.size());
        assertTrue(eor.get(0).isEndOfRib());
    }

    /** Frames and decodes the stream, checking each message's length against the limit. */
    private static List<UpdateMessage> decode(final UpdateStream stream, final WireOptions options)
        throws MessageDecodeException
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(stream.bytes());
        final List<UpdateMessage> out = new ArrayList<>();
        int offset = 0;
        while (offset < stream.bytes().length)
        {
            final int length = BgpMessageCodec.frameLength(buffer, offset, stream.bytes().length - offset, options);
            assertTrue(length <= options.maxMessageLength(), "message of " + length + " octets");
            final BgpMessage m = BgpMessageCodec.decode(buffer, offset, length, options);
            assertTrue(m instanceof UpdateMessage, m.toString());
            assertTrue(((UpdateMessage)m).defects().isEmpty(), m.toString());
            out.add((UpdateMessage)m);
            offset += length;
        }
        return out;
    }
}
