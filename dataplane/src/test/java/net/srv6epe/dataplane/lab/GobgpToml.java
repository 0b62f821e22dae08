package net.srv6epe.dataplane.lab;

/** gobgpd configurations (TOML) the tests run GoBGP with. */
public final class GobgpToml
{
    private GobgpToml()
    {
    }

    /**
     * GoBGP as an egress peer of our ASBR (AS 65000): its own AS and router id, listening on {@code address} port
     * {@code port} and waiting for our ASBR at {@code asbr} to connect (passive), IPv6 unicast only.
     */
    public static String egressPeer(final long asn, final String routerId, final int port, final String address,
        final String asbr)
    {
        return String.join("\n",
            "[global.config]",
            "  as = " + asn,
            "  router-id = \"" + routerId + "\"",
            "  port = " + port,
            "  local-address-list = [\"" + address + "\"]",
            "[[neighbors]]",
            "  [neighbors.config]",
            "    neighbor-address = \"" + asbr + "\"",
            "    peer-as = 65000",
            "  [neighbors.transport.config]",
            "    passive-mode = true",
            "  [[neighbors.afi-safis]]",
            "    [neighbors.afi-safis.config]",
            "      afi-safi-name = \"ipv6-unicast\"",
            "");
    }
}
