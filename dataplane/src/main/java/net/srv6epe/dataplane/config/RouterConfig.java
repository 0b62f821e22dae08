package net.srv6epe.dataplane.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole configuration file, as immutable records. Obtain it from {@link ConfigLoader}, which also validates
 * it; a configuration that reached the router has passed {@link ConfigValidator}.
 *
 * @param router    {@code router}: required, identity and process settings.
 * @param ports     {@code ports}: the links the router forwards on; default empty.
 * @param neighbors {@code neighbors}: static neighbor entries; default empty.
 * @param vrfs      {@code vrfs}: VRFs as listed (the implicit {@code default} VRF is not added here, see
 *                  {@link #allVrfs()}); default empty.
 * @param locators  {@code locators}: SRv6 locators; default empty.
 * @param sids      {@code sids}: local SIDs; default empty.
 * @param pbr       {@code pbr}: policy rules choosing a VRF by source/destination; default empty.
 * @param bgp       {@code bgp}: the embedded BGP speaker, or null when the router runs no BGP.
 * @param bonds     {@code bonds}: the head end's bonds (docs/BONDING.md); default empty.
 */
public record RouterConfig(
    RouterSettings router,
    List<PortConfig> ports,
    List<NeighborConfig> neighbors,
    List<VrfConfig> vrfs,
    List<LocatorConfig> locators,
    List<SidConfig> sids,
    List<PbrRuleConfig> pbr,
    BgpConfig bgp,
    List<BondConfig> bonds)
{
    /** A configuration without bonds. */
    public RouterConfig(
        final RouterSettings router,
        final List<PortConfig> ports,
        final List<NeighborConfig> neighbors,
        final List<VrfConfig> vrfs,
        final List<LocatorConfig> locators,
        final List<SidConfig> sids,
        final List<PbrRuleConfig> pbr,
        final BgpConfig bgp)
    {
        this(router, ports, neighbors, vrfs, locators, sids, pbr, bgp, List.of());
    }

    /** A configuration without BGP. */
    public RouterConfig(
        final RouterSettings router,
        final List<PortConfig> ports,
        final List<NeighborConfig> neighbors,
        final List<VrfConfig> vrfs,
        final List<LocatorConfig> locators,
        final List<SidConfig> sids,
        final List<PbrRuleConfig> pbr)
    {
        this(router, ports, neighbors, vrfs, locators, sids, pbr, null, List.of());
    }

    /** Binds the YAML document, applying defaults for absent keys. */
    @JsonCreator
    static RouterConfig of(
        @JsonProperty("router") final RouterSettings router,
        @JsonProperty("ports") final List<PortConfig> ports,
        @JsonProperty("neighbors") final List<NeighborConfig> neighbors,
        @JsonProperty("vrfs") final List<VrfConfig> vrfs,
        @JsonProperty("locators") final List<LocatorConfig> locators,
        @JsonProperty("sids") final List<SidConfig> sids,
        @JsonProperty("pbr") final List<PbrRuleConfig> pbr,
        @JsonProperty("bgp") final BgpConfig bgp,
        @JsonProperty("bonds") final List<BondConfig> bonds)
    {
        return new RouterConfig(
            router,
            ConfigLists.copyOf(ports),
            ConfigLists.copyOf(neighbors),
            ConfigLists.copyOf(vrfs),
            ConfigLists.copyOf(locators),
            ConfigLists.copyOf(sids),
            ConfigLists.copyOf(pbr),
            bgp,
            ConfigLists.copyOf(bonds));
    }

    /** Every VRF, the {@code default} VRF first (listed or implicit), then the others in file order. */
    public List<VrfConfig> allVrfs()
    {
        final List<VrfConfig> all = new ArrayList<>();
        all.add(vrf(ConfigDefaults.DEFAULT_VRF).orElseGet(VrfConfig::implicitDefault));
        for (final VrfConfig v : vrfs)
        {
            if (v != null && !ConfigDefaults.DEFAULT_VRF.equals(v.name()))
            {
                all.add(v);
            }
        }
        return List.copyOf(all);
    }

    /** The VRF of that name, including the implicit {@code default}. */
    public Optional<VrfConfig> vrf(final String name)
    {
        for (final VrfConfig v : vrfs)
        {
            if (v != null && v.name() != null && v.name().equals(name))
            {
                return Optional.of(v);
            }
        }
        return ConfigDefaults.DEFAULT_VRF.equals(name) ? Optional.of(VrfConfig.implicitDefault()) : Optional.empty();
    }

    /** The bond of that name. */
    public Optional<BondConfig> bond(final String name)
    {
        for (final BondConfig b : bonds)
        {
            if (b != null && b.name() != null && b.name().equals(name))
            {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The port of that name. */
    public Optional<PortConfig> port(final String name)
    {
        for (final PortConfig p : ports)
        {
            if (p != null && p.name() != null && p.name().equals(name))
            {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Counts for {@code config check}: {@code router cs1: 2 ports, 1 neighbor, 3 vrfs, 7 routes, ...}. */
    public String summary()
    {
        int routes = 0;
        for (final VrfConfig v : allVrfs())
        {
            routes += v.routes().size();
        }
        return "router " + (router == null ? "?" : router.name()) + ": " +
            count(ports.size(), "port") + ", " +
            count(neighbors.size(), "neighbor") + ", " +
            count(allVrfs().size(), "vrf") + ", " +
            count(routes, "route") + ", " +
            count(locators.size(), "locator") + ", " +
            count(sids.size(), "sid") + ", " +
            count(pbr.size(), "pbr rule") +
            (bonds.isEmpty() ? "" : ", " + count(bonds.size(), "bond"));
    }

    private static String count(final int n, final String noun)
    {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
