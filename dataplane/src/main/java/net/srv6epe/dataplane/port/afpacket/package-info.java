/**
 * The AF_PACKET port backend ({@code backend: af-packet}): {@link net.srv6epe.dataplane.port.afpacket.AfPacketPort}
 * on a packet socket with a PACKET_MMAP TPACKET_V3 receive ring and {@code sendmmsg} batches, through JNA direct
 * mapping of libc (no C of our own).
 *
 * <ul>
 *   <li>{@code PacketAbi}: the kernel structs and constants ({@code <linux/if_packet.h>}, {@code virtio_net.h}).</li>
 *   <li>{@code RxRing}: reads the ring in place, gives blocks back, handles each frame's status and
 *       {@code virtio_net_hdr}.</li>
 *   <li>{@code PartialChecksum}, {@code GsoSplitter}, {@code HeaderChain}: what a kernel peer left to offload
 *       (CHECKSUM_PARTIAL checksums, GSO super-frames) finished in software.</li>
 *   <li>{@code TxBatch}: frames queued into preallocated slots, one {@code sendmmsg} per batch.</li>
 *   <li>{@link net.srv6epe.dataplane.port.afpacket.AfPacketSettings}: ring sizes, batch size, fanout group.</li>
 * </ul>
 */
package net.srv6epe.dataplane.port.afpacket;
