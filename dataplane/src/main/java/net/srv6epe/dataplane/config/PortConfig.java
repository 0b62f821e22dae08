package net.srv6epe.dataplane.config;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;

/**
 * One entry of {@code ports:}: a link the router sends and receives frames on, as its own Ethernet host.
 *
 * @param name          {@code name}: required, unique among ports; used by routes, neighbors and SIDs.
 * @param interfaceName {@code interface}: the kernel interface to send and receive on; required for the live
 *                      backends {@code af-packet} and {@code pcap}.
 * @param backend       {@code backend}: {@code af-packet} (live, AF_PACKET rings; falls back to {@code pcap} where
 *                      packet sockets cannot be opened), {@code pcap} (live, libpcap) or {@code pcap-file}
 *                      (offline); default {@code af-packet}.
 * @param read          {@code read}: pcap file to read frames from; required for {@code pcap-file}, forbidden
 *                      for the live backends. Relative paths are relative to the configuration file's directory.
 * @param write         {@code write}: pcap file to write transmitted frames to; optional for {@code pcap-file},
 *                      forbidden for the live backends.
 * @param mac           {@code mac}: required; the router's own unicast MAC on this link
 *                      ({@code 02:00:00:00:01:01}), distinct from the kernel's.
 * @param addresses     {@code addresses}: the router's own addresses in interface form ({@code fd00:1::2/64},
 *                      {@code 198.18.1.2/24}); answered by ARP/NDP and connected prefixes; default empty.
 * @param mtu           {@code mtu}: link MTU in bytes, {@value ConfigDefaults#MIN_MTU}..{@value ConfigDefaults#MAX_MTU};
 *                      default {@value ConfigDefaults#MTU}.
 * @param vrf           {@code vrf}: VRF whose FIB looks up packets arriving here; default {@code default}.
 * @param rxRing        {@code rx-ring}: the {@code af-packet} receive ring, {@code blocks} or {@code frames}
 *                      ({@link RxRingKind}); null when not given ({@link #rxRingOrDefault()}); refused for the
 *                      other backends.
 */
public record PortConfig(
    String name,
    String interfaceName,
    PortBackend backend,
    String read,
    String write,
    String mac,
    List<String> addresses,
    int mtu,
    String vrf,
    RxRingKind rxRing)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static PortConfig of(
        @JsonProperty("name") final String name,
        @JsonProperty("interface") final String interfaceName,
        @JsonProperty("backend") final PortBackend backend,
        @JsonProperty("read") final String read,
        @JsonProperty("write") final String write,
        @JsonProperty("mac") final String mac,
        @JsonProperty("addresses") final List<String> addresses,
        @JsonProperty("mtu") final Integer mtu,
        @JsonProperty("vrf") final String vrf,
        @JsonProperty("rx-ring") final RxRingKind rxRing)
    {
        return new PortConfig(
            name,
            interfaceName,
            backend == null ? ConfigDefaults.BACKEND : backend,
            read,
            write,
            mac,
            ConfigLists.copyOf(addresses),
            mtu == null ? ConfigDefaults.MTU : mtu,
            vrf == null ? ConfigDefaults.DEFAULT_VRF : vrf,
            rxRing);
    }

    /** The receive ring to open: {@code rx-ring}, or {@link ConfigDefaults#RX_RING} when not given. */
    public RxRingKind rxRingOrDefault()
    {
        return rxRing == null ? ConfigDefaults.RX_RING : rxRing;
    }

    /**
     * The connected prefixes of this port's addresses, host bits cleared ({@code fd00:1::2/64} gives
     * {@code fd00:1::/64}), in address order, without duplicates. Valid configurations only.
     */
    public List<String> connectedPrefixes()
    {
        final List<String> prefixes = new ArrayList<>();
        for (final String address : addresses)
        {
            final String prefix = IpText.prefix(address).canonical();
            if (!prefixes.contains(prefix))
            {
                prefixes.add(prefix);
            }
        }
        return List.copyOf(prefixes);
    }

    /**
     * Our first IPv6 address on this port that is not link-local ({@code fe80::/10}), without its length: the next
     * hop we announce to a BGP peer over it. Null when there is none. An address that does not parse is skipped
     * (the ports' own check names it).
     */
    public String globalIpv6Address()
    {
        for (final String address : addresses)
        {
            final IpText.Prefix p;
            try
            {
                p = IpText.prefix(address);
            }
            catch (final IllegalArgumentException ex)
            {
                continue;
            }
            if (p.isIpv6() && !p.isLinkLocal())
            {
                return hostPart(address);
            }
        }
        return null;
    }

    /** The address part of an interface address ({@code fd00:1::2/64} gives {@code fd00:1::2}). */
    public static String hostPart(final String interfaceAddress)
    {
        final int slash = interfaceAddress.indexOf('/');
        return slash < 0 ? interfaceAddress : interfaceAddress.substring(0, slash);
    }
}
