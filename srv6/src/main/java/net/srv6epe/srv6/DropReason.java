package net.srv6epe.srv6;

/**
 * Every reason a packet leaves the fast path without being forwarded, declared once with a stable id (for
 * counters arrays and metrics) and the label operators see ({@code show errors}, {@code /metrics}).
 *
 * <p>Append new reasons at the end: ids are the ordinal and must never be reused or reordered.
 */
public enum DropReason
{
    // Ethernet
    ETH_TRUNCATED("drop.eth.truncated", "frame shorter than its Ethernet/802.1Q header"),
    ETH_NOT_FOR_US("ignore.eth.not-for-us", "destination MAC is neither ours nor broadcast/multicast we listen to"),
    ETH_UNSUPPORTED_ETHERTYPE("drop.eth.unsupported-ethertype", "EtherType is not IPv6, IPv4 or ARP"),
    ETH_VLAN_UNKNOWN("drop.eth.vlan-unknown", "802.1Q VLAN id not configured on the port"),

    // IPv6 (RFC 8200)
    IPV6_TRUNCATED("drop.ipv6.truncated", "frame shorter than the IPv6 header or its payload length"),
    IPV6_BAD_VERSION("drop.ipv6.bad-version", "IP version field is not 6"),
    IPV6_BAD_SOURCE("drop.ipv6.bad-source", "source address is multicast or unspecified where not allowed"),
    IPV6_BAD_EXTENSION_HEADER("drop.ipv6.bad-extension-header", "extension header chain malformed or truncated"),
    IPV6_HOP_LIMIT_EXCEEDED("drop.ipv6.hop-limit-exceeded", "hop limit <= 1 on a packet to forward (ICMPv6 Time Exceeded)"),
    IPV6_NO_ROUTE("drop.ipv6.no-route", "no route for the destination in the VRF (ICMPv6 Destination Unreachable)"),
    IPV6_PACKET_TOO_BIG("drop.ipv6.packet-too-big", "packet larger than the egress MTU (ICMPv6 Packet Too Big)"),
    IPV6_UNKNOWN_ROUTING_TYPE("drop.ipv6.unknown-routing-type", "routing header type not supported with segments left != 0"),

    // IPv4 (RFC 791)
    IPV4_TRUNCATED("drop.ipv4.truncated", "frame shorter than the IPv4 header or its total length"),
    IPV4_BAD_VERSION("drop.ipv4.bad-version", "IP version field is not 4"),
    IPV4_BAD_HEADER_LENGTH("drop.ipv4.bad-header-length", "IHL < 5 or beyond the packet"),
    IPV4_BAD_CHECKSUM("drop.ipv4.bad-checksum", "IPv4 header checksum wrong"),
    IPV4_TTL_EXCEEDED("drop.ipv4.ttl-exceeded", "TTL <= 1 on a packet to forward (ICMP Time Exceeded)"),
    IPV4_NO_ROUTE("drop.ipv4.no-route", "no route for the destination in the VRF (ICMP Destination Unreachable)"),
    IPV4_FRAGMENTATION_NEEDED("drop.ipv4.fragmentation-needed", "packet larger than the egress MTU with DF set (ICMP Fragmentation Needed)"),

    // SRH (RFC 8754) and SRv6 behaviors (RFC 8986)
    SRH_TRUNCATED("drop.srh.truncated", "SRH shorter than its header or its Hdr Ext Len"),
    SRH_BAD_LENGTH("drop.srh.bad-length", "Hdr Ext Len inconsistent with Last Entry (segments beyond the header)"),
    SRH_SL_EXCEEDS_LAST_ENTRY("drop.srh.sl-exceeds-last-entry", "Segments Left > Last Entry + 1 (ICMPv6 Parameter Problem)"),
    SRH_SL_ZERO("drop.srh.sl-zero", "Segments Left == 0 at a behavior that needs a next segment"),
    SRH_SL_NONZERO("drop.srh.sl-nonzero", "Segments Left != 0 at a decapsulating behavior (ICMPv6 Parameter Problem)"),
    SRH_BAD_TLV("drop.srh.bad-tlv", "SRH TLV area malformed (length overruns, bad padding)"),
    SRV6_UPPER_LAYER_UNSUPPORTED("drop.srv6.upper-layer-unsupported", "upper-layer header not allowed at this SID (ICMPv6 Parameter Problem code 4)"),
    SRV6_INNER_UNSUPPORTED("drop.srv6.inner-unsupported", "inner packet family not handled by this behavior"),
    SRV6_SID_UNKNOWN("drop.srv6.sid-unknown", "destination inside a local locator but no such SID"),

    // Local delivery (our own addresses and SIDs)
    LOCAL_UNSUPPORTED_PROTOCOL("drop.local.unsupported-protocol", "packet to our own address that we do not serve"),
    ICMP_RATE_LIMITED("drop.icmp.rate-limited", "ICMP error suppressed by the rate limiter or disabled by config"),

    // Routes
    ROUTE_BLACKHOLE("drop.route.blackhole", "route action is blackhole"),
    ROUTE_UNREACHABLE("drop.route.unreachable", "route action is unreachable (ICMP Destination Unreachable)"),
    ROUTE_RECURSION_FAILED("drop.route.recursion-failed", "encapsulated packet has no route in the underlay"),

    // Neighbors and ports
    NEIGHBOR_UNRESOLVED("drop.neighbor.unresolved", "next hop unresolved and its hold queue is full"),
    NEIGHBOR_FAILED("drop.neighbor.failed", "next hop did not answer ARP/NDP"),
    TX_FULL("drop.tx.full", "transmit queue or ring full"),
    TX_ERROR("drop.tx.error", "the port refused the frame"),
    PUNT_QUEUE_FULL("drop.punt.queue-full", "control-plane punt queue full"),
    FRAME_TOO_LARGE("drop.frame.too-large", "rewritten frame larger than the buffer or port maximum"),

    // Appended with the srv6 behaviors
    SRV6_FRAGMENTED("drop.srv6.fragmented", "fragmented packet whose upper layer a local SID must process (no reassembly)"),
    IPV4_TOO_BIG_NO_DF("drop.ipv4.too-big-no-df", "IPv4 packet without DF larger than the tunnel MTU (no fragmentation on encapsulation)"),
    ENCAP_NO_HEADROOM("drop.encap.no-headroom", "not enough headroom in front of the packet for the outer headers"),
    ENCAP_TOO_LONG("drop.encap.too-long", "encapsulated packet would exceed the 65535-octet IPv6 payload length"),
    ICMP_SUPPRESSED("drop.icmp.suppressed", "ICMP error not sent: invoking packet is an ICMP error, a non-first fragment, or from a multicast/unspecified source (RFC 4443 2.4 e, RFC 1812 4.3.2.7)"),
    ICMP_BAD_CHECKSUM("drop.icmp.bad-checksum", "ICMP message to us with a wrong checksum"),
    SRV6_TOO_MANY_LOCAL_SEGMENTS("drop.srv6.too-many-local-segments",
        "more consecutive segments on this router than it processes in one pass (a SID loop)"),
    IPV4_BAD_SOURCE("drop.ipv4.bad-source", "source address is zero, multicast or broadcast where not allowed"),

    // Bonding (docs/BONDING.md)
    BOND_UNKNOWN("drop.bond.unknown", "route names a bond this router does not have"),
    BOND_LATE("drop.bond.late", "bonded packet arrived after the tail end gave its sequence number up"),
    BOND_DUPLICATE("drop.bond.duplicate", "bonded packet already delivered or already held (a probe copy, a duplicate)"),
    BOND_FEEDBACK_BAD_CHECKSUM("drop.bond.feedback-bad-checksum", "bond feedback datagram with a wrong UDP checksum");

    private final String label;
    private final String description;

    DropReason(final String label, final String description)
    {
        this.label = label;
        this.description = description;
    }

    /** Stable numeric id: the ordinal. Reasons are only ever appended. */
    public int id()
    {
        return ordinal();
    }

    /** The counter name, e.g. {@code drop.srh.sl-zero}. */
    public String label()
    {
        return label;
    }

    /** One line for operators: what happened and which ICMP error, if any, answers it. */
    public String description()
    {
        return description;
    }

    private static final DropReason[] VALUES = values();

    public static DropReason fromId(final int id)
    {
        return VALUES[id];
    }

    @Override
    public String toString()
    {
        return label;
    }
}
