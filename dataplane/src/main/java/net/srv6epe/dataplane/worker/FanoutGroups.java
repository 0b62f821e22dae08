package net.srv6epe.dataplane.worker;

/**
 * The {@code PACKET_FANOUT} group id of each port of a router with several workers. The kernel knows a group by
 * its id within a network namespace: the sockets of one port must share an id, and no other port, nor another
 * router process in the namespace, may use it (a group is bound to one interface: joining it from another one is
 * refused with EINVAL). So the id is made of the process id and the port's index: {@code (pid * 64 + port) mod
 * 65536}. Two routers in one namespace collide only when their pids are congruent modulo 1024 (and then the
 * second one's start fails with the refused PACKET_FANOUT step rather than sharing the traffic).
 */
public final class FanoutGroups
{
    /** Ports a router has at most for the ids of one process to stay distinct. */
    public static final int MAX_PORTS = 64;

    private FanoutGroups()
    {
    }

    /**
     * The fanout group id of one port.
     *
     * @param pid       the router's process id
     * @param portIndex the port's index in the configuration, 0..{@value #MAX_PORTS} - 1
     * @return 0..65535
     */
    public static int groupId(final long pid, final int portIndex)
    {
        if (portIndex < 0 || portIndex >= MAX_PORTS)
        {
            throw new IllegalArgumentException("port index " + portIndex + " outside 0.." + (MAX_PORTS - 1));
        }
        return (int)((pid * MAX_PORTS + portIndex) & 0xFFFF);
    }
}
