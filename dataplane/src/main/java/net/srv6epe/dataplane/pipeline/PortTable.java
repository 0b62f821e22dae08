package net.srv6epe.dataplane.pipeline;

import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.Vrf;

import java.util.List;

/**
 * The router's ports as the pipeline sees them, with the per-snapshot mapping of each port to the id of its
 * VRF. Port names in route actions are resolved by a scan: a router has a handful of ports, and comparing a few
 * short interned names is cheaper than hashing.
 */
public final class PortTable
{
    /** Returned by {@link #indexOf} for an unknown name. */
    public static final int NO_PORT = -1;

    private final PortInfo[] ports;
    private final int[] vrfIds;
    private long generation = -1;

    public PortTable(final List<PortInfo> ports)
    {
        this.ports = ports.toArray(new PortInfo[0]);
        for (int i = 0; i < this.ports.length; i++)
        {
            if (this.ports[i].index() != i)
            {
                throw new IllegalArgumentException("port " + this.ports[i].name() + " has index " +
                    this.ports[i].index() + " at position " + i);
            }
        }
        this.vrfIds = new int[this.ports.length];
    }

    public int size()
    {
        return ports.length;
    }

    public PortInfo get(final int index)
    {
        return ports[index];
    }

    /** The index of the port with this name, or {@link #NO_PORT}. Allocation free. */
    public int indexOf(final String name)
    {
        if (name == null)
        {
            return NO_PORT;
        }
        final PortInfo[] ports = this.ports;
        for (int i = 0; i < ports.length; i++)
        {
            final String n = ports[i].name();
            if (n == name || n.equals(name))
            {
                return i;
            }
        }
        return NO_PORT;
    }

    /**
     * Re-resolves each port's VRF id when {@code state} is a new generation. A port whose VRF does not exist
     * in the snapshot falls back to the default VRF (config validation prevents that).
     */
    public void refresh(final ForwardingState state)
    {
        if (state.generation() == generation)
        {
            return;
        }
        for (int i = 0; i < ports.length; i++)
        {
            final Vrf vrf = state.vrf(ports[i].vrfName());
            vrfIds[i] = vrf == null ? Vrf.DEFAULT_ID : vrf.id();
        }
        generation = state.generation();
    }

    /** The VRF id of packets arriving on a port, as of the last {@link #refresh}. */
    public int vrfId(final int portIndex)
    {
        return vrfIds[portIndex];
    }
}
