/**
 * BGP session transport over Java NIO: {@link net.srv6epe.bgp.session.BgpSpeaker}, an agrona Agent that runs every
 * configured neighbor ({@link net.srv6epe.bgp.session.NeighborConfig}) on one thread and one selector, and tells a
 * {@link net.srv6epe.bgp.session.BgpSpeakerListener} about sessions and UPDATEs. Logging-free: state, last error
 * and counters are queried from the speaker.
 */
package net.srv6epe.bgp.session;
