package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code bgp.asbr.locator}: the SRv6 locator the ASBR allocates its SIDs from (RFC 9252 3.2.1 structure).
 *
 * @param prefix         {@code prefix}: required canonical IPv6 prefix; when no {@code locators[]} entry covers
 *                       it, it is added to the local SID table as a locator.
 * @param blockLength    {@code block-length}: required, 0..prefix length.
 * @param functionLength {@code function-length}: required, 1..32 (at most 20 with transposition).
 */
public record AsbrLocatorConfig(String prefix, int blockLength, int functionLength)
{
    /** Binds the YAML mapping. */
    @JsonCreator
    static AsbrLocatorConfig of(
        @JsonProperty("prefix") final String prefix,
        @JsonProperty("block-length") final Integer blockLength,
        @JsonProperty("function-length") final Integer functionLength)
    {
        return new AsbrLocatorConfig(prefix, blockLength == null ? -1 : blockLength,
            functionLength == null ? -1 : functionLength);
    }
}
