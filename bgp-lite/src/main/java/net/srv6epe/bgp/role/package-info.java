/**
 * The two EPE roles of the speaker: the content server ({@link net.srv6epe.bgp.role.ContentServerRole}: VPNv6
 * import by route target into per-egress-peer VRFs as SRv6 encapsulation routes) and the ASBR
 * ({@link net.srv6epe.bgp.role.AsbrRole}: per-egress-peer VRFs, SID allocation, VPNv6 export with RFC 9252 SRv6
 * services), with their configuration records and the interfaces the wiring implements
 * ({@link net.srv6epe.vrf.sink.RouteSink} from {@code vrf}, {@link net.srv6epe.bgp.role.LocalSidSink},
 * {@link net.srv6epe.bgp.rib.MaxPrefixListener}, {@link net.srv6epe.bgp.event.RouteEventListener}).
 *
 * <p>Wiring to {@link net.srv6epe.bgp.session.BgpSpeaker}, all on the speaker thread:
 * <ul>
 *   <li>register each configured neighbor with the role ({@code addPeer}, {@code addEgressPeer},
 *       {@code addIbgpPeer}) and keep the address -> RIB id map; on {@code onEstablished} refresh the peer's BGP
 *       identifier with {@link net.srv6epe.bgp.rib.Rib#updatePeer};</li>
 *   <li>{@code onUpdate} -> {@code role.onUpdate(id, update, result)}; {@code onSessionDown} ->
 *       {@code role.onSessionDown(id, reason)};</li>
 *   <li>ASBR: after each {@code doWork}, send {@link net.srv6epe.bgp.role.AsbrRole#drainUpdates} to every
 *       Established iBGP neighbor; on {@code onEstablished} of an iBGP neighbor and on {@code onRouteRefresh},
 *       send {@link net.srv6epe.bgp.role.AsbrRole#adjRibOut} with that session's wire options;</li>
 *   <li>{@link net.srv6epe.bgp.rib.MaxPrefixListener#onMaxPrefixExceeded}: send the given NOTIFICATION and close
 *       the session (then {@code onSessionDown} removes the peer's routes).</li>
 * </ul>
 */
package net.srv6epe.bgp.role;
