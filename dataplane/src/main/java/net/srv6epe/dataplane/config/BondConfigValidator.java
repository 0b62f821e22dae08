package net.srv6epe.dataplane.config;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.bond.FeedbackMessage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the bonding configuration (docs/BONDING.md): the {@code bonds:} section, routes naming a bond, and the
 * {@code bond:} of tail-end SIDs. Errors are named by path ({@code bonds[0].members[1].segments[0]}). Called by
 * {@link ConfigValidator}.
 */
final class BondConfigValidator
{
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final int MIN_BUFFER = 16;
    private static final int MAX_BUFFER = 65_536;
    private static final int MAX_MS = 60_000;

    private final RouterConfig config;
    private final List<ConfigError> errors;

    private BondConfigValidator(final RouterConfig config, final List<ConfigError> errors)
    {
        this.config = config;
        this.errors = errors;
    }

    /** Appends the problems of the bonding configuration (nothing when there is none) to {@code errors}. */
    static void validate(final RouterConfig config, final List<ConfigError> errors)
    {
        final BondConfigValidator v = new BondConfigValidator(config, errors);
        v.checkBonds();
        v.checkRoutes();
        v.checkSids();
    }

    private void error(final String path, final String message)
    {
        errors.add(new ConfigError(path, message));
    }

    private void checkBonds()
    {
        final Map<String, String> names = new HashMap<>();
        final Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < config.bonds().size(); i++)
        {
            final String path = ConfigPaths.index("bonds", i);
            final BondConfig b = config.bonds().get(i);
            if (b == null)
            {
                error(path, "empty entry");
                continue;
            }
            if (b.name() == null)
            {
                error(path + ".name", "required");
            }
            else if (!NAME.matcher(b.name()).matches())
            {
                error(path + ".name", "'" + b.name() + "' must match [a-z0-9-]+");
            }
            else if (names.putIfAbsent(b.name(), path) != null)
            {
                error(path + ".name", "'" + b.name() + "' is already used by " + names.get(b.name()));
            }
            if (b.id() < 1 || b.id() > 0xFFFF)
            {
                error(path + ".id", b.id() == 0 ? "required, 1..65535" : b.id() + " is not in 1..65535");
            }
            else if (ids.putIfAbsent(b.id(), path) != null)
            {
                error(path + ".id", b.id() + " is already used by " + ids.get(b.id()));
            }
            if (b.source() != null)
            {
                ipv6(path + ".source", b.source());
            }
            else if (config.router() == null || config.router().encapSource() == null)
            {
                error(path + ".source", "required when router.encap-source is not set (the outer source " +
                    "address, where feedback arrives)");
            }
            if (config.vrf(b.vrf()).isEmpty())
            {
                error(path + ".vrf", "no VRF named '" + b.vrf() + "'");
            }
            range(path + ".probe-interval-ms", b.probeIntervalMs(), 1, MAX_MS);
            range(path + ".dead-after-ms", b.deadAfterMs(), 10, MAX_MS);
            range(path + ".feedback-timeout-ms", b.feedbackTimeoutMs(), 10, MAX_MS);
            checkMembers(path, b);
        }
    }

    private void checkMembers(final String path, final BondConfig b)
    {
        if (b.members().isEmpty())
        {
            error(path + ".members", "required, 1.." + FeedbackMessage.MAX_MEMBERS + " member paths");
            return;
        }
        if (b.members().size() > FeedbackMessage.MAX_MEMBERS)
        {
            error(path + ".members", b.members().size() + " members, at most " + FeedbackMessage.MAX_MEMBERS);
        }
        final Map<String, String> names = new HashMap<>();
        for (int m = 0; m < b.members().size(); m++)
        {
            final String mPath = ConfigPaths.index(path + ".members", m);
            final BondMemberConfig member = b.members().get(m);
            if (member == null)
            {
                error(mPath, "empty entry");
                continue;
            }
            if (member.name() == null)
            {
                error(mPath + ".name", "required");
            }
            else if (names.putIfAbsent(member.name(), mPath) != null)
            {
                error(mPath + ".name", "'" + member.name() + "' is already used by " + names.get(member.name()));
            }
            segments(mPath + ".segments", member.segments());
            if (member.capacityMbit() < 0 || member.capacityMbit() > 1_000_000)
            {
                error(mPath + ".capacity-mbit", member.capacityMbit() + " is not in 0..1000000");
            }
        }
    }

    private void segments(final String path, final List<String> segments)
    {
        if (segments == null || segments.isEmpty())
        {
            error(path, "required, 1.." + ConfigDefaults.MAX_SEGMENTS + " IPv6 SIDs");
            return;
        }
        if (segments.size() > ConfigDefaults.MAX_SEGMENTS)
        {
            error(path, segments.size() + " segments, at most " + ConfigDefaults.MAX_SEGMENTS);
        }
        for (int s = 0; s < segments.size(); s++)
        {
            ipv6(ConfigPaths.index(path, s), segments.get(s));
        }
    }

    private void checkRoutes()
    {
        for (int i = 0; i < config.vrfs().size(); i++)
        {
            final VrfConfig v = config.vrfs().get(i);
            for (int r = 0; v != null && r < v.routes().size(); r++)
            {
                final RouteConfig route = v.routes().get(r);
                if (route != null && route.bond() != null && config.bond(route.bond()).isEmpty())
                {
                    error(ConfigPaths.index(ConfigPaths.index("vrfs", i) + ".routes", r) + ".bond",
                        "no bond named '" + route.bond() + "'");
                }
            }
        }
    }

    private void checkSids()
    {
        for (int i = 0; i < config.sids().size(); i++)
        {
            final SidConfig s = config.sids().get(i);
            if (s == null || s.bond() == null)
            {
                continue;
            }
            final String path = ConfigPaths.index("sids", i) + ".bond";
            if (s.behavior() != Behavior.END_DT6 && s.behavior() != Behavior.END_DT4 &&
                s.behavior() != Behavior.END_DT46)
            {
                error(path, "only End.DT6, End.DT4 and End.DT46 SIDs can be a bond's tail end, not " +
                    (s.behavior() == null ? "a SID without behavior" : s.behavior().displayName()));
            }
            final SidBondConfig b = s.bond();
            final int n = b.bufferPackets();
            if (n < MIN_BUFFER || n > MAX_BUFFER || Integer.bitCount(n) != 1)
            {
                error(path + ".buffer-packets", n + " is not a power of two in " + MIN_BUFFER + ".." + MAX_BUFFER);
            }
            range(path + ".hold-min-ms", b.holdMinMs(), 0, MAX_MS);
            range(path + ".hold-max-ms", b.holdMaxMs(), 1, MAX_MS);
            if (b.holdMaxMs() < b.holdMinMs())
            {
                error(path + ".hold-max-ms", b.holdMaxMs() + " is less than hold-min-ms " + b.holdMinMs());
            }
            range(path + ".feedback-interval-ms", b.feedbackIntervalMs(), 1, MAX_MS);
            for (int p = 0; p < b.feedbackPaths().size(); p++)
            {
                segments(ConfigPaths.index(path + ".feedback-paths", p), b.feedbackPaths().get(p));
            }
        }
    }

    private void range(final String path, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            error(path, value + " is not in " + min + ".." + max);
        }
    }

    private void ipv6(final String path, final String text)
    {
        if (text == null)
        {
            error(path, "empty entry");
            return;
        }
        if (!IpText.isIpv6Text(text))
        {
            error(path, "'" + text + "' is not an IPv6 address");
            return;
        }
        try
        {
            final byte[] a = IpText.address(text);
            if ((a[0] & 0xFF) == 0xFF)
            {
                error(path, "'" + text + "' is a multicast address");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            error(path, "'" + text + "' is not an IPv6 address");
        }
    }
}
