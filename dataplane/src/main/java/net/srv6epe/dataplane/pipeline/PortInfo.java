package net.srv6epe.dataplane.pipeline;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

/**
 * What the pipeline knows of one port: its index, name, our MAC on the link, the IP MTU, the VRF it belongs
 * to, and the addresses ICMP errors sent out of it come from (the port's first IPv6 and IPv4 address).
 *
 * @param index        dense port index, the same everywhere (ports, neighbor agent, counters)
 * @param name         configured name
 * @param mac          our MAC on the link (48 bits in a long)
 * @param mtu          IP MTU of the link
 * @param vrfName      the VRF of packets arriving on this port
 * @param hasIpv6      whether {@code ipv6Hi/ipv6Lo} hold an address
 * @param ipv6Hi       our first IPv6 address on the port, high 64 bits
 * @param ipv6Lo       our first IPv6 address on the port, low 64 bits
 * @param hasIpv4      whether {@code ipv4} holds an address
 * @param ipv4         our first IPv4 address on the port
 */
public record PortInfo(
    int index,
    String name,
    long mac,
    int mtu,
    String vrfName,
    boolean hasIpv6,
    long ipv6Hi,
    long ipv6Lo,
    boolean hasIpv4,
    int ipv4)
{
    @Override
    public String toString()
    {
        return name + "(#" + index + " mtu " + mtu + " vrf " + vrfName +
            (hasIpv6 ? " " + Ipv6Address.format(ipv6Hi, ipv6Lo) : "") +
            (hasIpv4 ? " " + Ipv4Address.format(ipv4) : "") + ")";
    }
}
