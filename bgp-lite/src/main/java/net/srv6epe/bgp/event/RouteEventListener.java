package net.srv6epe.bgp.event;

/**
 * Told about every FIB and SID change the speaker causes, on the speaker's thread, right after the change was
 * handed to the route sink or SID installer. The operations layer journals them; {@link RouteEventRing} keeps
 * the last ones in memory. Implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface RouteEventListener
{
    /** A listener that drops every event. */
    RouteEventListener NONE = event ->
    {
    };

    /** One change. */
    void onRouteEvent(RouteEvent event);
}
