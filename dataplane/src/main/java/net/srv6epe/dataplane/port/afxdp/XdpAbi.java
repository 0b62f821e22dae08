package net.srv6epe.dataplane.port.afxdp;

/**
 * The kernel ABI the AF_XDP backend uses, from {@code <linux/bpf.h>} and {@code <linux/if_xdp.h>} (Linux 6.6
 * and later, x86_64): system call and command numbers, and the byte offsets of the structs it fills in.
 * <pre>
 * struct sockaddr_xdp { __u16 sxdp_family 0; __u16 sxdp_flags 2; __u32 sxdp_ifindex 4; __u32 sxdp_queue_id 8;
 *                       __u32 sxdp_shared_umem_fd 12; }                                                    (16)
 * struct xdp_umem_reg { __u64 addr 0; __u64 len 8; __u32 chunk_size 16; __u32 headroom 20; __u32 flags 24; } (32)
 * struct xdp_ring_offset { __u64 producer 0; __u64 consumer 8; __u64 desc 16; __u64 flags 24; }            (32)
 * struct xdp_mmap_offsets { struct xdp_ring_offset rx 0, tx 32, fr 64, cr 96; }                           (128)
 * struct xdp_desc { __u64 addr 0; __u32 len 8; __u32 options 12; }                                        (16)
 * union bpf_attr, BPF_MAP_CREATE: map_type 0, key_size 4, value_size 8, max_entries 12
 *                 BPF_PROG_LOAD: prog_type 0, insn_cnt 4, insns 8, license 16, log_level 24, log_size 28,
 *                                log_buf 32, kern_version 40, prog_flags 44, prog_name 48
 *                 BPF_MAP_UPDATE_ELEM: map_fd 0, key 8, value 16, flags 24
 *                 BPF_LINK_CREATE: prog_fd 0, target_ifindex 4, attach_type 8, flags 12
 * struct xdp_md { __u32 data 0; data_end 4; data_meta 8; ingress_ifindex 12; rx_queue_index 16; ... }
 * </pre>
 */
final class XdpAbi
{
    static final long SYS_BPF = 321;

    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_LINK_CREATE = 28;
    static final int BPF_MAP_TYPE_XSKMAP = 17;
    static final int BPF_PROG_TYPE_XDP = 6;
    static final int BPF_XDP = 37;
    static final int BPF_FUNC_REDIRECT_MAP = 51;
    static final int BPF_PSEUDO_MAP_FD = 1;
    /** {@code prog_flags}: the program copes with multi-buffer frames (lets a veth peer keep an MTU above a page). */
    static final int BPF_F_XDP_HAS_FRAGS = 1 << 5;
    /** {@code sizeof(union bpf_attr)} we pass: larger than any command's fields, zeroed beyond them. */
    static final int ATTR_LENGTH = 128;

    static final int XDP_ACTION_PASS = 2;
    static final int XDP_MD_RX_QUEUE_INDEX = 16;
    /** Link-create flags: let the kernel pick native (driver) mode where the device has it. */
    static final int XDP_FLAGS_NONE = 0;

    static final int AF_XDP = 44;
    static final int SOL_XDP = 283;
    static final int XDP_MMAP_OFFSETS = 1;
    static final int XDP_RX_RING = 2;
    static final int XDP_TX_RING = 3;
    static final int XDP_UMEM_REG = 4;
    static final int XDP_UMEM_FILL_RING = 5;
    static final int XDP_UMEM_COMPLETION_RING = 6;
    static final int XDP_STATISTICS = 7;

    /** sockaddr_xdp flag: bind to the UMEM of the socket in {@code sxdp_shared_umem_fd}. */
    static final int XDP_SHARED_UMEM = 1;
    static final int XDP_COPY = 1 << 1;
    static final int XDP_USE_NEED_WAKEUP = 1 << 3;
    /**
     * Bind flag: frames may span several UMEM chunks, each descriptor but a frame's last marked
     * {@link #XDP_PKT_CONTD}.
     */
    static final int XDP_USE_SG = 1 << 4;
    /** {@code xdp_desc.options}: the frame continues in the next descriptor. */
    static final int XDP_PKT_CONTD = 1;
    static final int XDP_RING_NEED_WAKEUP = 1;

    static final long XDP_PGOFF_RX_RING = 0;
    static final long XDP_PGOFF_TX_RING = 0x80000000L;
    static final long XDP_UMEM_PGOFF_FILL_RING = 0x100000000L;
    static final long XDP_UMEM_PGOFF_COMPLETION_RING = 0x180000000L;

    static final int SOCKADDR_XDP_LENGTH = 16;
    static final int UMEM_REG_LENGTH = 32;
    static final int RING_OFFSET_LENGTH = 32;
    static final int MMAP_OFFSETS_LENGTH = 4 * RING_OFFSET_LENGTH;
    static final int DESC_LENGTH = 16;
    /** {@code struct xdp_statistics}: six u64, of which we read these two. */
    static final int STATISTICS_LENGTH = 48;
    /** {@code rx_dropped}: no fill-ring chunk, or a frame too large for one. */
    static final int STATISTICS_RX_DROPPED = 0;
    /** {@code rx_ring_full}: the RX ring had no room. */
    static final int STATISTICS_RX_RING_FULL = 24;

    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;

    private XdpAbi()
    {
    }
}
