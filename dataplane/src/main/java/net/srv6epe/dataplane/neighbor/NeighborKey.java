package net.srv6epe.dataplane.neighbor;

/** Map key of the agent's entries: port, family and address. Mutable so one instance serves every lookup. */
final class NeighborKey
{
    int portIndex;
    int family;
    long hi;
    long lo;

    NeighborKey set(final int portIndex, final int family, final long hi, final long lo)
    {
        this.portIndex = portIndex;
        this.family = family;
        this.hi = hi;
        this.lo = lo;
        return this;
    }

    NeighborKey copy()
    {
        return new NeighborKey().set(portIndex, family, hi, lo);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof NeighborKey))
        {
            return false;
        }
        final NeighborKey k = (NeighborKey)o;
        return k.portIndex == portIndex && k.family == family && k.hi == hi && k.lo == lo;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(hi * 31 + lo) * 31 + portIndex * 2 + family;
    }
}
