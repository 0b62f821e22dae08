package net.srv6epe.vrf;

import net.srv6epe.vrf.pbr.PbrTable;
import net.srv6epe.vrf.sid.LocalSidTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the forwarding pipeline reads, as one immutable snapshot: the VRFs (by id and by name), the local
 * SID table, the PBR rules and a generation number that grows by one per published change. Workers take one
 * snapshot per packet batch from {@link ForwardingStatePublisher#current()} and use it throughout, so a batch
 * never sees half an update; ids inside the snapshot (a SID's VRF, an encap route's underlay VRF, a PBR target)
 * always resolve within the same snapshot.
 */
public final class ForwardingState
{
    private static final ForwardingState INITIAL = new ForwardingState(
        0,
        new Vrf[]{Vrf.empty(Vrf.DEFAULT_NAME, Vrf.DEFAULT_ID, Vrf.DEFAULT_TABLE_ID)},
        LocalSidTable.empty(),
        PbrTable.empty());

    private final long generation;
    private final Vrf[] vrfsById;
    private final Map<String, Vrf> vrfsByName;
    private final LocalSidTable localSids;
    private final PbrTable pbr;

    ForwardingState(final long generation, final Vrf[] vrfsById, final LocalSidTable localSids, final PbrTable pbr)
    {
        this.generation = generation;
        this.vrfsById = vrfsById;
        final Map<String, Vrf> byName = new HashMap<>();
        for (final Vrf v : vrfsById)
        {
            if (v != null)
            {
                byName.put(v.name(), v);
            }
        }
        this.vrfsByName = Collections.unmodifiableMap(byName);
        this.localSids = localSids;
        this.pbr = pbr;
    }

    /** Generation 0: only the empty default VRF, no SIDs, no rules. */
    public static ForwardingState initial()
    {
        return INITIAL;
    }

    public long generation()
    {
        return generation;
    }

    /** The VRF with this id, or null. Allocation free. */
    public Vrf vrf(final int id)
    {
        return id >= 0 && id < vrfsById.length ? vrfsById[id] : null;
    }

    /** The VRF with this name, or null. */
    public Vrf vrf(final String name)
    {
        return vrfsByName.get(name);
    }

    /** The default VRF (always present). */
    public Vrf defaultVrf()
    {
        return vrfsById[Vrf.DEFAULT_ID];
    }

    /** Upper bound (exclusive) of VRF ids, for sizing per-VRF arrays. */
    public int vrfIdLimit()
    {
        return vrfsById.length;
    }

    /** All VRFs, by ascending id. */
    public List<Vrf> vrfs()
    {
        final List<Vrf> list = new ArrayList<>();
        for (final Vrf v : vrfsById)
        {
            if (v != null)
            {
                list.add(v);
            }
        }
        return list;
    }

    public LocalSidTable localSids()
    {
        return localSids;
    }

    public PbrTable pbr()
    {
        return pbr;
    }

    @Override
    public String toString()
    {
        return "forwarding state generation " + generation + ": " + vrfsByName.size() + " VRFs, " +
            localSids.size() + " SIDs, " + pbr.size() + " PBR rules";
    }
}
