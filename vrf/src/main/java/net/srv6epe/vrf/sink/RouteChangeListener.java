package net.srv6epe.vrf.sink;

import net.srv6epe.vrf.route.RouteAction;

/**
 * Told about every route change a {@link PublishingRouteSink} published, after the publish (e.g. to append it
 * to the route-event journal with a timestamp for convergence measurements).
 */
@FunctionalInterface
public interface RouteChangeListener
{
    /**
     * @param generation the generation that made the change visible
     * @param vrf VRF name
     * @param prefix the prefix in text form
     * @param action the installed action, or null for a withdrawal
     * @param cause the caller's cause string
     */
    void onRouteChange(long generation, String vrf, String prefix, RouteAction action, String cause);
}
