package net.srv6epe.dataplane.config;

import net.srv6epe.dataplane.app.ForwardingCompiler;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteFileTest
{
    private static final String YAML = String.join("\n",
        "router: { name: r1 }",
        "ports:",
        "  - { name: out, backend: pcap-file, write: out.pcap, mac: '02:00:00:00:00:01', addresses: ['fd00:5e:2::1/64'] }",
        "vrfs:",
        "  - { name: big, table: 200, routes-file: big.routes,",
        "      routes: [ { prefix: 'fd00:1000:0:1::/64', via: 'fd00:5e:2::9', port: out } ] }",
        "");

    @TempDir
    Path dir;

    private Path config(final String routes) throws Exception
    {
        Files.writeString(dir.resolve("big.routes"), routes);
        final Path file = dir.resolve("router.yaml");
        Files.writeString(file, YAML);
        return file;
    }

    @Test
    void routesOfTheFileLandInTheVrfBesideTheYamlOnes() throws Exception
    {
        final StringBuilder routes = new StringBuilder("# bulk routes\n\n");
        for (int i = 2; i < 5_002; i++)
        {
            routes.append("fd00:1000:0:").append(Integer.toHexString(i)).append("::/64 via fd00:5e:2::2 dev out\n");
        }
        routes.append("fd00:2000::/32 via fd00:5e:2::3\n");
        final RouterConfig config = ConfigLoader.load(config(routes.toString()));
        assertEquals(dir.resolve("big.routes").toString(), config.vrf("big").orElseThrow().routesFile(),
            "relative to the configuration file");
        final ForwardingState state = ForwardingCompiler.compile(config);
        final RouteAction a = state.vrf("big").route6(Ipv6Address.parseHi("fd00:1000:0:1388::7"),
            Ipv6Address.parseLo("fd00:1000:0:1388::7"));
        assertEquals(RouteAction.via(Ipv6Address.parseHi("fd00:5e:2::2"), Ipv6Address.parseLo("fd00:5e:2::2"), "out"),
            a);
        assertEquals("via fd00:5e:2::9 dev out", state.vrf("big").route6(Ipv6Address.parseHi("fd00:1000:0:1::1"),
            Ipv6Address.parseLo("fd00:1000:0:1::1")).toString(), "the YAML route");
        assertEquals("via fd00:5e:2::3", state.vrf("big").route6(Ipv6Address.parseHi("fd00:2000::1"),
            Ipv6Address.parseLo("fd00:2000::1")).toString());
        assertNull(state.vrf("big").route6(Ipv6Address.parseHi("fd00:3000::1"), Ipv6Address.parseLo("fd00:3000::1")));
    }

    @Test
    void everyBadLineIsNamedWithItsNumber() throws Exception
    {
        final Path file = config(String.join("\n",
            "fd00:1000:0:1::/64 via fd00:5e:2::2",
            "fd00:1000:0:2::1/64 via fd00:5e:2::2",
            "198.18.0.0/24 via 198.18.0.1",
            "fd00:1000:0:3::/64 via nowhere",
            "fd00:1000:0:4::/64 via fd00:5e:2::2 dev p9",
            "fd00:1000:0:5::/64 through fd00:5e:2::2",
            "fd00:1000:0:6::/129 via fd00:5e:2::2",
            ""));
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        final List<String> messages = ex.errors().stream().map(ConfigError::toString).toList();
        final String routes = dir.resolve("big.routes").toString();
        assertEquals(6, messages.size(), messages.toString());
        assertTrue(messages.get(0).equals("vrfs[0].routes-file: " + routes +
            ":2: 'fd00:1000:0:2::1/64' has host bits set (did you mean fd00:1000:0:2::/64?)"), messages.get(0));
        assertTrue(messages.get(1).endsWith(":3: '198.18.0.0/24': only IPv6 routes go in a routes file"), messages.get(1));
        assertTrue(messages.get(2).endsWith(":4: 'nowhere' is not an IPv6 address"), messages.get(2));
        assertTrue(messages.get(3).endsWith(":5: no port named 'p9'"), messages.get(3));
        assertTrue(messages.get(4).endsWith(":6: 'fd00:1000:0:5::/64 through fd00:5e:2::2': expected PREFIX via " +
            "ADDRESS [dev PORT]"), messages.get(4));
        assertTrue(messages.get(5).contains(":7: 'fd00:1000:0:6::/129' is not a prefix"), messages.get(5));
    }

    @Test
    void aMissingFileIsNamed() throws Exception
    {
        final Path file = dir.resolve("router.yaml");
        Files.writeString(file, YAML);
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("vrfs[0].routes-file: no such file: " + dir.resolve("big.routes"), ex.errors().get(0).toString());
    }

    @Test
    void aFloodOfBadLinesIsCutShort() throws Exception
    {
        final Path file = config("x\n".repeat(100));
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(RouteFile.MAX_ERRORS + 1, ex.errors().size());
        assertTrue(ex.errors().get(RouteFile.MAX_ERRORS).toString().endsWith(": 80 more bad lines"),
            ex.errors().get(RouteFile.MAX_ERRORS).toString());
    }
}
