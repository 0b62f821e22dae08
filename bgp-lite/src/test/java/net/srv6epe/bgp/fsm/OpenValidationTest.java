package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.capability.Capability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.OptionalParameter;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.srv6.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every OPEN error: exact code, subcode, data and last-error text, through the FSM (RFC 4271 6.2, RFC 5492 5). */
class OpenValidationTest
{
    private static final int LOCAL_ID = Ipv4Address.parse("10.0.0.1");
    private static final int PEER_ID = Ipv4Address.parse("10.0.0.2");
    private static final SessionConfig CONFIG = SessionConfig.of(65001, LOCAL_ID, 65002);
    private static final List<Capability> VPN = List.of(new MultiprotocolCapability(AddressFamily.VPN_IPV6));

    static Stream<Arguments> badOpens()
    {
        return Stream.of(
            Arguments.of("bad peer AS", CONFIG, OpenMessage.create(65003, 90, PEER_ID, VPN), 2, 2, "fdeb",
                "sent NOTIFICATION 2/2 Bad Peer AS (expected 65002, got 65003)"),
            Arguments.of("4-octet peer AS without the capability", SessionConfig.of(65001, LOCAL_ID, 4_200_000_001L),
                OpenMessage.create(4_200_000_001L, 90, PEER_ID, VPN), 2, 2, "5ba0",
                "sent NOTIFICATION 2/2 Bad Peer AS (expected 4200000001, got 23456)"),
            Arguments.of("4-octet capability with another AS", SessionConfig.of(65001, LOCAL_ID, 4_200_000_001L),
                new OpenMessage(4, AsPath.AS_TRANS, 90, PEER_ID, List.of(OptionalParameter.capabilities(List.of(
                    new MultiprotocolCapability(AddressFamily.VPN_IPV6), new FourOctetAsCapability(4_200_000_002L))))),
                2, 2, "5ba0", "sent NOTIFICATION 2/2 Bad Peer AS (expected 4200000001, got 4200000002)"),
            Arguments.of("version 3", CONFIG, new OpenMessage(3, 65002, 90, PEER_ID, List.of(
                OptionalParameter.capabilities(VPN))), 2, 1, "0004",
                "sent NOTIFICATION 2/1 Unsupported Version Number (version 3, we speak 4)"),
            Arguments.of("hold time 1", CONFIG, OpenMessage.create(65002, 1, PEER_ID, VPN), 2, 6, "",
                "sent NOTIFICATION 2/6 Unacceptable Hold Time (hold time 1 s)"),
            Arguments.of("hold time 2", CONFIG, OpenMessage.create(65002, 2, PEER_ID, VPN), 2, 6, "",
                "sent NOTIFICATION 2/6 Unacceptable Hold Time (hold time 2 s)"),
            Arguments.of("identifier 0", CONFIG, OpenMessage.create(65002, 90, 0, VPN), 2, 3, "",
                "sent NOTIFICATION 2/3 Bad BGP Identifier (identifier 0.0.0.0)"),
            Arguments.of("our own identifier", CONFIG, OpenMessage.create(65002, 90, LOCAL_ID, VPN), 2, 3, "",
                "sent NOTIFICATION 2/3 Bad BGP Identifier (identifier 10.0.0.1 is ours)"),
            Arguments.of("unknown optional parameter", CONFIG, new OpenMessage(4, 65002, 90, PEER_ID, List.of(
                OptionalParameter.capabilities(VPN), new OptionalParameter(1, List.of(), new byte[]{ 1 }))), 2, 4, "",
                "sent NOTIFICATION 2/4 Unsupported Optional Parameter (optional parameter type 1)"),
            Arguments.of("no common family", CONFIG, OpenMessage.create(65002, 90, PEER_ID,
                List.of(new MultiprotocolCapability(AddressFamily.VPN_IPV4))), 2, 7,
                "010400020001" + "010400020080",
                "sent NOTIFICATION 2/7 Unsupported Capability (no common address family: we offer " +
                "[ipv6-unicast, l3vpn-ipv6-unicast], the peer [l3vpn-ipv4-unicast])"),
            Arguments.of("implicit IPv4 unicast only", CONFIG, OpenMessage.create(65002, 90, PEER_ID, List.of()), 2, 7,
                "010400020001" + "010400020080",
                "sent NOTIFICATION 2/7 Unsupported Capability (no common address family: we offer " +
                "[ipv6-unicast, l3vpn-ipv6-unicast], the peer [ipv4-unicast] (no multiprotocol capability))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOpens")
    void refusesTheOpenWithTheRightNotification(final String name, final SessionConfig config,
        final OpenMessage open, final int code, final int subcode, final String dataHex, final String lastError)
    {
        final RecordingActions actions = new RecordingActions();
        final SessionFsm fsm = new SessionFsm(config, actions);
        fsm.manualStart(0);
        fsm.tcpConnectionConfirmed(0, true);
        fsm.receive(open, 0);
        final NotificationMessage n = actions.lastNotification();
        assertEquals(code, n.code());
        assertEquals(subcode, n.subcode());
        assertEquals(dataHex, HexFormat.of().formatHex(n.data()));
        assertEquals(SessionState.IDLE, fsm.state());
        assertEquals(lastError, fsm.lastError());
        assertEquals(1, actions.disconnects);
    }

    @Test
    void acceptsAnOpenThatOffersOneOfOurFamilies()
    {
        assertNull(OpenValidator.validate(CONFIG, OpenMessage.create(65002, 90, PEER_ID, VPN)));
    }

    @Test
    void refusesBadConfigurationNamingTheField()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CONFIG.withHoldTimeS(2)).getMessage()
            .startsWith("hold-time: 2 s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionConfig.of(0, LOCAL_ID, 1)).getMessage()
            .startsWith("local-as: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionConfig.of(1, 0, 1)).getMessage()
            .startsWith("router-id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CONFIG.withFamilies(List.of())).getMessage()
            .startsWith("address-families"));
    }
}
