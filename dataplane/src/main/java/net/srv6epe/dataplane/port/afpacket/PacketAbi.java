package net.srv6epe.dataplane.port.afpacket;

/**
 * The kernel ABI of packet sockets as this port uses it: option numbers and the byte offsets of the structs of
 * {@code <linux/if_packet.h>}, {@code <linux/virtio_net.h>}, {@code <sys/socket.h>} and {@code <poll.h>} on 64-bit
 * little-endian Linux. Every layout below is copied from the header with each field's offset; the unit tests
 * rebuild blocks byte by byte from these constants.
 *
 * <h2>RX ring, TPACKET_V3 (Documentation/networking/packet_mmap.rst)</h2>
 * The ring is {@code tp_block_nr} blocks of {@code tp_block_size} bytes. Each block starts with a
 * {@code struct tpacket_block_desc}; user space owns it while {@code block_status & TP_STATUS_USER} and gives it
 * back by storing {@code TP_STATUS_KERNEL}. Its packets are chained by {@code tp_next_offset}:
 * <pre>
 * struct tpacket_block_desc {            struct tpacket3_hdr {              (48 bytes, then sockaddr_ll)
 *   __u32 version;                 0       __u32 tp_next_offset;       0
 *   __u32 offset_to_priv;          4       __u32 tp_sec;               4
 *   struct tpacket_hdr_v1 {                __u32 tp_nsec;              8
 *     __u32 block_status;          8       __u32 tp_snaplen;          12
 *     __u32 num_pkts;             12       __u32 tp_len;              16
 *     __u32 offset_to_first_pkt;  16       __u32 tp_status;           20
 *     __u32 blk_len;              20       __u16 tp_mac;              24
 *     __aligned_u64 seq_num;      24       __u16 tp_net;              26
 *     struct tpacket_bd_ts ts_first_pkt;   struct tpacket_hdr_variant1 {
 *                                 32         __u32 tp_rxhash;         28
 *     struct tpacket_bd_ts ts_last_pkt;      __u32 tp_vlan_tci;       32
 *                                 40         __u16 tp_vlan_tpid;      36
 *   } hdr;                                   __u16 tp_padding; }      38
 * };                                       __u8 tp_padding[8];        40
 *                                        };
 * struct sockaddr_ll (at TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) = 48 from the packet header):
 *   unsigned short sll_family 0; __be16 sll_protocol 2; int sll_ifindex 4; unsigned short sll_hatype 8;
 *   unsigned char sll_pkttype 10; unsigned char sll_halen 11; unsigned char sll_addr[8] 12     (20 bytes)
 * </pre>
 * The frame starts {@code tp_mac} bytes after its {@code tpacket3_hdr}. With {@code PACKET_VNET_HDR} the kernel
 * writes a {@code struct virtio_net_hdr} in the 10 bytes right before it ({@code af_packet.c tpacket_rcv}:
 * {@code h.raw + macoff - sizeof(struct virtio_net_hdr)}), little-endian on a little-endian host:
 * <pre>
 * struct virtio_net_hdr { __u8 flags 0; __u8 gso_type 1; __virtio16 hdr_len 2; __virtio16 gso_size 4;
 *                         __virtio16 csum_start 6; __virtio16 csum_offset 8; }                    (10 bytes)
 * </pre>
 */
final class PacketAbi
{
    // <linux/socket.h>
    static final int SOL_PACKET = 263;

    // Packet socket options, <linux/if_packet.h>
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_IGNORE_OUTGOING = 23;

    static final int TPACKET_V2 = 1;
    static final int TPACKET_V3 = 2;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_FANOUT_HASH = 0;
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;

    /** {@code sll_pkttype}: a frame the host sent. */
    static final int PACKET_OUTGOING = 4;

    // RX ring status bits
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_LOSING = 1 << 2;
    static final int TP_STATUS_CSUMNOTREADY = 1 << 3;
    static final int TP_STATUS_VLAN_VALID = 1 << 4;
    static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;

    static final int TPACKET_ALIGNMENT = 16;

    // struct tpacket_block_desc
    static final int BLOCK_STATUS_OFFSET = 8;
    static final int BLOCK_NUM_PKTS_OFFSET = 12;
    static final int BLOCK_OFFSET_TO_FIRST_PKT_OFFSET = 16;
    static final int BLOCK_LEN_OFFSET = 20;
    static final int BLOCK_SEQ_NUM_OFFSET = 24;
    static final int BLOCK_DESC_LENGTH = 48;

    // struct tpacket3_hdr
    static final int TP_NEXT_OFFSET_OFFSET = 0;
    static final int TP_SNAPLEN_OFFSET = 12;
    static final int TP_LEN_OFFSET = 16;
    static final int TP_STATUS_OFFSET = 20;
    static final int TP_MAC_OFFSET = 24;
    static final int TP_NET_OFFSET = 26;
    static final int TP_VLAN_TCI_OFFSET = 32;
    static final int TP_VLAN_TPID_OFFSET = 36;
    static final int TPACKET3_HDR_LENGTH = 48;
    /** {@code TPACKET3_HDRLEN}: {@code TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) + sizeof(struct sockaddr_ll)}. */
    static final int TPACKET3_HDRLEN = TPACKET3_HDR_LENGTH + 20;

    // struct sockaddr_ll, after the tpacket3_hdr in a ring frame, or as bind()'s address
    static final int SOCKADDR_LL_OFFSET = TPACKET3_HDR_LENGTH;
    static final int SLL_FAMILY_OFFSET = 0;
    static final int SLL_PROTOCOL_OFFSET = 2;
    static final int SLL_IFINDEX_OFFSET = 4;
    static final int SLL_PKTTYPE_OFFSET = 10;
    static final int SOCKADDR_LL_LENGTH = 20;

    // struct virtio_net_hdr
    static final int VNET_HDR_LENGTH = 10;
    static final int VNET_FLAGS_OFFSET = 0;
    static final int VNET_GSO_TYPE_OFFSET = 1;
    static final int VNET_HDR_LEN_OFFSET = 2;
    static final int VNET_GSO_SIZE_OFFSET = 4;
    static final int VNET_CSUM_START_OFFSET = 6;
    static final int VNET_CSUM_OFFSET_OFFSET = 8;
    static final int VIRTIO_NET_HDR_F_NEEDS_CSUM = 1;
    static final int VIRTIO_NET_HDR_GSO_NONE = 0;
    static final int VIRTIO_NET_HDR_GSO_TCPV4 = 1;
    static final int VIRTIO_NET_HDR_GSO_UDP = 3;
    static final int VIRTIO_NET_HDR_GSO_TCPV6 = 4;
    static final int VIRTIO_NET_HDR_GSO_UDP_L4 = 5;
    static final int VIRTIO_NET_HDR_GSO_ECN = 0x80;

    /**
     * {@code struct tpacket_req3 { unsigned int tp_block_size 0, tp_block_nr 4, tp_frame_size 8, tp_frame_nr 12,
     * tp_retire_blk_tov 16, tp_sizeof_priv 20, tp_feature_req_word 24; }} (28 bytes).
     */
    static final int REQ3_BLOCK_SIZE_OFFSET = 0;
    static final int REQ3_BLOCK_NR_OFFSET = 4;
    static final int REQ3_FRAME_SIZE_OFFSET = 8;
    static final int REQ3_FRAME_NR_OFFSET = 12;
    static final int REQ3_RETIRE_BLK_TOV_OFFSET = 16;
    static final int REQ3_SIZEOF_PRIV_OFFSET = 20;
    static final int REQ3_FEATURE_REQ_WORD_OFFSET = 24;
    static final int REQ3_LENGTH = 28;

    /** {@code struct tpacket_stats_v3 { unsigned int tp_packets 0, tp_drops 4, tp_freeze_q_cnt 8; }}. */
    static final int STATS_PACKETS_OFFSET = 0;
    static final int STATS_DROPS_OFFSET = 4;
    static final int STATS_FREEZE_Q_CNT_OFFSET = 8;
    static final int STATS_V3_LENGTH = 12;

    /**
     * {@code struct packet_mreq { int mr_ifindex 0; unsigned short mr_type 4; unsigned short mr_alen 6;
     * unsigned char mr_address[8] 8; }} (16 bytes).
     */
    static final int MREQ_IFINDEX_OFFSET = 0;
    static final int MREQ_TYPE_OFFSET = 4;
    static final int MREQ_LENGTH = 16;

    /**
     * {@code struct msghdr { void *msg_name 0; socklen_t msg_namelen 8; struct iovec *msg_iov 16;
     * size_t msg_iovlen 24; void *msg_control 32; size_t msg_controllen 40; int msg_flags 48; }} (56 bytes) and
     * {@code struct mmsghdr { struct msghdr msg_hdr 0; unsigned int msg_len 56; }} (64 bytes, 8-aligned).
     */
    static final int MMSG_IOV_OFFSET = 16;
    static final int MMSG_IOVLEN_OFFSET = 24;
    static final int MMSG_LEN_OFFSET = 56;
    static final int MMSGHDR_LENGTH = 64;

    /** {@code struct iovec { void *iov_base 0; size_t iov_len 8; }} (16 bytes). */
    static final int IOV_BASE_OFFSET = 0;
    static final int IOV_LEN_OFFSET = 8;
    static final int IOVEC_LENGTH = 16;

    private PacketAbi()
    {
    }

    /** {@code TPACKET_ALIGN(x)}. */
    static int tpacketAlign(final int x)
    {
        return (x + TPACKET_ALIGNMENT - 1) & ~(TPACKET_ALIGNMENT - 1);
    }
}
