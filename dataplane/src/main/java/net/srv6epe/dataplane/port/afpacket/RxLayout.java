package net.srv6epe.dataplane.port.afpacket;

/**
 * Where a receive ring's per-packet header keeps its fields: {@code struct tpacket2_hdr} (TPACKET_V2, one frame
 * per fixed slot) or {@code struct tpacket3_hdr} (TPACKET_V3, packets packed into blocks), each followed by a
 * {@code struct sockaddr_ll} at {@code TPACKET_ALIGN(sizeof(header))} ({@code <linux/if_packet.h>}):
 * <pre>
 * struct tpacket2_hdr {               struct tpacket3_hdr {
 *   __u32 tp_status;       0           __u32 tp_next_offset;    0
 *   __u32 tp_len;          4           __u32 tp_sec;            4
 *   __u32 tp_snaplen;      8           __u32 tp_nsec;           8
 *   __u16 tp_mac;         12           __u32 tp_snaplen;       12
 *   __u16 tp_net;         14           __u32 tp_len;           16
 *   __u32 tp_sec;         16           __u32 tp_status;        20
 *   __u32 tp_nsec;        20           __u16 tp_mac;           24
 *   __u16 tp_vlan_tci;    24           __u16 tp_net;           26
 *   __u16 tp_vlan_tpid;   26           hv1: __u32 tp_rxhash 28, __u32 tp_vlan_tci 32, __u16 tp_vlan_tpid 36
 *   __u8 tp_padding[4];   28           __u8 tp_padding[8];     40
 * };                      (32)       };                        (48)
 * </pre>
 * ({@code tp_vlan_tci} is a {@code __u32} in V3; its TCI is the low 16 bits, read the same way little-endian.)
 */
enum RxLayout
{
    /** TPACKET_V2. */
    V2(0, 4, 8, 12, 16, 20, 24, 26, 32),
    /** TPACKET_V3. */
    V3(20, 16, 12, 24, 4, 8, 32, 36, 48);

    final int status;
    final int len;
    final int snaplen;
    final int mac;
    final int sec;
    final int nsec;
    final int vlanTci;
    final int vlanTpid;
    /** {@code sizeof} the header, TPACKET-aligned: where the {@code sockaddr_ll} starts. */
    final int headerLength;
    /** {@code TPACKET2_HDRLEN} / {@code TPACKET3_HDRLEN}: header plus {@code sockaddr_ll}. */
    final int hdrlen;

    RxLayout(final int status, final int len, final int snaplen, final int mac, final int sec, final int nsec,
        final int vlanTci, final int vlanTpid, final int headerLength)
    {
        this.status = status;
        this.len = len;
        this.snaplen = snaplen;
        this.mac = mac;
        this.sec = sec;
        this.nsec = nsec;
        this.vlanTci = vlanTci;
        this.vlanTpid = vlanTpid;
        this.headerLength = headerLength;
        this.hdrlen = headerLength + PacketAbi.SOCKADDR_LL_LENGTH;
    }

    /**
     * Where the kernel puts an Ethernet frame in a packet slot of this layout with {@code PACKET_VNET_HDR}
     * ({@code af_packet.c tpacket_rcv}, {@code SOCK_RAW}: {@code netoff = TPACKET_ALIGN(tp_hdrlen + max(16,
     * maclen)) + sizeof(virtio_net_hdr)}, {@code macoff = netoff - maclen} with maclen 14).
     */
    int macOffset()
    {
        return PacketAbi.tpacketAlign(hdrlen + 16) + PacketAbi.VNET_HDR_LENGTH - 14;
    }
}
