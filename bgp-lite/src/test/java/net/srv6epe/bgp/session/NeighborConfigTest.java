package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad neighbor configuration is refused with a message that names the field. */
class NeighborConfigTest
{
    private static final SessionConfig SESSION = SessionConfig.of(65001, Ipv4Address.parse("192.0.2.1"), 65002);

    @Test
    void refusesALocalAddressOfAnotherFamily() throws Exception
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NeighborConfig(
            new InetSocketAddress(InetAddress.getByName("::1"), 179), InetAddress.getByName("127.0.0.1"), SESSION));
        assertEquals("neighbor 0:0:0:0:0:0:0:1: local-address 127.0.0.1 is not of the neighbor's address family",
            e.getMessage());
    }

    @Test
    void refusesAnUnresolvedAddress()
    {
        assertThrows(IllegalArgumentException.class, () -> new NeighborConfig(
            InetSocketAddress.createUnresolved("peer.example", 179), null, SESSION));
    }

    @Test
    void refusesTheSameNeighborTwice() throws Exception
    {
        final NeighborConfig n = NeighborConfig.of(InetAddress.getByName("127.0.0.1"), SESSION);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BgpSpeaker(
            List.of(), List.of(n, n), new SystemNanoClock(), new BgpSpeakerListener()
            {
            }));
        assertEquals("neighbor 127.0.0.1: configured twice", e.getMessage());
    }

    @Test
    void refusesASendBufferSmallerThanOneMessage() throws Exception
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BgpSpeaker(
            List.of(), List.of(), new SystemNanoClock(), new BgpSpeakerListener()
            {
            }, 4096));
        assertEquals("send-buffer: 4096 octets, at least 65535 needed", e.getMessage());
    }
}
