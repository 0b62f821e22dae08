package net.srv6epe.dataplane.bond;

import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.Vrf;
import org.agrona.collections.Int2ObjectHashMap;

/** A worker's {@link BondSender}s, one per bond of the {@link BondTable}, looked up by bond id without allocating. */
public final class BondSenders
{
    private final BondSender[] senders;
    private final Int2ObjectHashMap<BondSender> byId = new Int2ObjectHashMap<>();
    private final BondTable table;

    /**
     * @param stream this worker's stream number (its index)
     */
    public BondSenders(final BondTable table, final int stream)
    {
        this.table = table;
        senders = new BondSender[table.bonds().size()];
        for (int i = 0; i < senders.length; i++)
        {
            senders[i] = new BondSender(table.bonds().get(i), stream);
            byId.put(senders[i].bond().id(), senders[i]);
        }
    }

    /** The sender of the bond with that id, or null. */
    public BondSender sender(final int bondId)
    {
        return byId.get(bondId);
    }

    /** Whether {@code hi/lo} is one of the bonds' source addresses, where feedback is delivered. */
    public boolean isSource(final long hi, final long lo)
    {
        return table.isSource(hi, lo);
    }

    /** Resolves each bond's underlay VRF in a new snapshot. */
    public void refresh(final ForwardingState state)
    {
        for (final BondSender s : senders)
        {
            final Vrf vrf = state.vrf(s.bond().vrf());
            s.vrfId(vrf == null ? -1 : vrf.id());
        }
    }
}
