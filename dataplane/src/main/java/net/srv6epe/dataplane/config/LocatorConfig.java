package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code locators:}: an IPv6 prefix local SIDs are allocated from (RFC 8986 section 3.1).
 *
 * @param name   {@code name}: required, unique.
 * @param prefix {@code prefix}: required, canonical IPv6 prefix.
 */
public record LocatorConfig(String name, String prefix)
{
    /** Binds the YAML mapping. */
    @JsonCreator
    static LocatorConfig of(
        @JsonProperty("name") final String name,
        @JsonProperty("prefix") final String prefix)
    {
        return new LocatorConfig(name, prefix);
    }
}
