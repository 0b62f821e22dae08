package net.srv6epe.dataplane.config;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code vrfs:}: a routing table. The {@code default} VRF (table 254) always exists; listing it is
 * only needed to give it routes.
 *
 * @param name   {@code name}: required, unique, {@code [A-Za-z0-9._-]+}.
 * @param table  {@code table}: kernel-style table id, unique, 1..2^32-1; required except for {@code default},
 *               whose table is always {@value ConfigDefaults#DEFAULT_VRF_TABLE}. 0 when absent.
 * @param routes {@code routes}: static routes; default empty.
 * @param routesFile {@code routes-file}: a file of more static routes, one per line ({@link RouteFile}), for tables
 *               too big for YAML; relative to the configuration file's directory; null when absent.
 */
public record VrfConfig(String name, long table, List<RouteConfig> routes, String routesFile)
{
    /** A VRF without a routes file. */
    public VrfConfig(final String name, final long table, final List<RouteConfig> routes)
    {
        this(name, table, routes, null);
    }

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static VrfConfig of(
        @JsonProperty("name") final String name,
        @JsonProperty("table") final Long table,
        @JsonProperty("routes") final List<RouteConfig> routes,
        @JsonProperty("routes-file") final String routesFile)
    {
        final long tableId;
        if (table != null)
        {
            tableId = table;
        }
        else
        {
            tableId = ConfigDefaults.DEFAULT_VRF.equals(name) ? ConfigDefaults.DEFAULT_VRF_TABLE : 0;
        }
        return new VrfConfig(name, tableId, ConfigLists.copyOf(routes), routesFile);
    }

    /** The implicit default VRF: table 254, no routes. */
    public static VrfConfig implicitDefault()
    {
        return new VrfConfig(ConfigDefaults.DEFAULT_VRF, ConfigDefaults.DEFAULT_VRF_TABLE, List.of());
    }
}
