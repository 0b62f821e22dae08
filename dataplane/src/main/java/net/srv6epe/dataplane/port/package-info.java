/**
 * Frame I/O backends ("ports"): a {@link net.srv6epe.dataplane.port.Port} receives frames zero copy into a
 * {@link net.srv6epe.dataplane.port.FrameHandler} and sends frames without throwing per packet.
 *
 * <ul>
 *   <li>{@link net.srv6epe.dataplane.port.afpacket.AfPacketPort}: a live interface through an AF_PACKET socket with
 *   memory-mapped rings, the default live backend; finishes what kernel peers leave to checksum and segmentation
 *   offload.</li>
 *   <li>{@link net.srv6epe.dataplane.port.PcapLivePort}: a live interface through libpcap, promiscuous, direction
 *   in, zero-copy RX/TX by default.</li>
 *   <li>{@link net.srv6epe.dataplane.port.PcapFilePort}: replay a capture, record what is sent.</li>
 *   <li>{@link net.srv6epe.dataplane.port.MemoryPort}: in-memory queues for pipeline tests.</li>
 * </ul>
 *
 * Open them from configuration with {@link net.srv6epe.dataplane.port.PortFactory} by their
 * {@link net.srv6epe.dataplane.port.PortBackend} names.
 */
package net.srv6epe.dataplane.port;
