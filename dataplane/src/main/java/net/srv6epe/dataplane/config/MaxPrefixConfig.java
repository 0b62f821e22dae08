package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code bgp.neighbors[].max-prefix}: above {@code limit} routes the session is closed (Cease, RFC 4486).
 *
 * @param limit          {@code limit}: required, at least 1.
 * @param warningPercent {@code warning-percent}: 1..100; default 75.
 */
public record MaxPrefixConfig(long limit, int warningPercent)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static MaxPrefixConfig of(
        @JsonProperty("limit") final Long limit,
        @JsonProperty("warning-percent") final Integer warningPercent)
    {
        return new MaxPrefixConfig(limit == null ? 0 : limit, warningPercent == null ? 75 : warningPercent);
    }
}
