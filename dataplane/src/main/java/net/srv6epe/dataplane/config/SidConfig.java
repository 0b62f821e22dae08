package net.srv6epe.dataplane.config;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;

/**
 * One entry of {@code sids:}: a local SID and its endpoint behavior (RFC 8986 section 4). Which attributes a
 * behavior needs is {@link SidRules}' table.
 *
 * @param sid      {@code sid}: required, IPv6 address inside a configured locator, unique.
 * @param behavior {@code behavior}: required, an endpoint behavior in RFC spelling ({@code End}, {@code End.X},
 *                 {@code End.DX6}, {@code End.DX4}, {@code End.DT6}, {@code End.DT4}, {@code End.DT46}).
 * @param flavors  {@code flavors}: {@code PSP}, {@code USP}, {@code USD}; End and End.X only; default empty.
 * @param vrf      {@code vrf}: the VRF End.DT4/6/46 look the inner packet up in; null when absent.
 * @param via      {@code via}: the next hop of End.X / End.DX6 (IPv6) and End.DX4 (IPv4); null when absent.
 * @param port     {@code port}: the output port of End.X / End.DX*; optional, null when absent.
 * @param bond     {@code bond}: End.DT4/6/46 only: this SID is a bond's tail end; null when absent.
 */
public record SidConfig(
    String sid, Behavior behavior, List<Flavor> flavors, String vrf, String via, String port, SidBondConfig bond)
{
    /** A SID that is no bond's tail end. */
    public SidConfig(
        final String sid, final Behavior behavior, final List<Flavor> flavors, final String vrf, final String via,
        final String port)
    {
        this(sid, behavior, flavors, vrf, via, port, null);
    }

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static SidConfig of(
        @JsonProperty("sid") final String sid,
        @JsonProperty("behavior") final Behavior behavior,
        @JsonProperty("flavors") final List<Flavor> flavors,
        @JsonProperty("vrf") final String vrf,
        @JsonProperty("via") final String via,
        @JsonProperty("port") final String port,
        @JsonProperty("bond") final SidBondConfig bond)
    {
        return new SidConfig(sid, behavior, ConfigLists.copyOf(flavors), vrf, via, port, bond);
    }

    /** The flavors as a bit set of {@link Flavor#bit()}s. */
    public int flavorBits()
    {
        int bits = 0;
        for (final Flavor f : flavors)
        {
            if (f != null)
            {
                bits |= f.bit();
            }
        }
        return bits;
    }
}
