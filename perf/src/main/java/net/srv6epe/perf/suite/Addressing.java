package net.srv6epe.perf.suite;

/**
 * The perf lab's fixed plan: interface names, MAC addresses, IPv6 (fd00::/8) and IPv4 (198.18.0.0/15) addresses
 * and SIDs, the same for both DUTs.
 *
 * <pre>
 *   gen ns: gen0 ---- in0 :dut ns: out0 ---- sink0 : sink ns
 *   fd00:5e:1::2   fd00:5e:1::1   fd00:5e:2::1   fd00:5e:2::2
 *   198.18.1.2     198.18.1.1     198.18.2.1     198.18.2.2
 * </pre>
 * Traffic goes to {@value #DST6} ({@value #DST6_PREFIX}) or {@value #DST4} ({@value #DST4_PREFIX}); the DUT's own
 * SIDs are in {@value #LOCATOR}, the remote ones (routed to the sink) in {@value #REMOTE_SIDS}.
 */
final class Addressing
{
    static final String GEN_IF = "gen0";
    static final String IN_IF = "in0";
    static final String OUT_IF = "out0";
    static final String SINK_IF = "sink0";

    static final String GEN_MAC = "02:5e:5e:00:01:02";
    static final String IN_MAC = "02:5e:5e:00:01:01";
    static final String OUT_MAC = "02:5e:5e:00:02:01";
    static final String SINK_MAC = "02:5e:5e:00:02:02";

    static final String GEN6 = "fd00:5e:1::2";
    static final String IN6 = "fd00:5e:1::1";
    static final String OUT6 = "fd00:5e:2::1";
    static final String SINK6 = "fd00:5e:2::2";
    static final String GEN4 = "198.18.1.2";
    static final String IN4 = "198.18.1.1";
    static final String OUT4 = "198.18.2.1";
    static final String SINK4 = "198.18.2.2";

    static final String DST6 = "fd00:5e:d::1";
    static final String DST6_PREFIX = "fd00:5e:d::/64";
    static final String DST4 = "198.18.100.1";
    static final String DST4_PREFIX = "198.18.100.0/24";

    static final String LOCATOR = "fc00:5e:a::/48";
    static final String SID_END = "fc00:5e:a::e";
    static final String SID_ENDX = "fc00:5e:a::e1";
    static final String SID_DT6 = "fc00:5e:a::d6";
    static final String SID_DT46 = "fc00:5e:a::46";
    static final String REMOTE_SIDS = "fc00:5e:b::/48";
    static final String REMOTE_SID_1 = "fc00:5e:b::1";
    static final String REMOTE_SID_2 = "fc00:5e:b::2";

    private Addressing()
    {
    }
}
