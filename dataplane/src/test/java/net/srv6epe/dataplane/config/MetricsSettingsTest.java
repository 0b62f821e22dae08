package net.srv6epe.dataplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code router.metrics.listen}: its default, {@code off}, the accepted forms, and every refusal with its path. */
class MetricsSettingsTest
{
    @Test
    void listensOnLoopbackPort9469WhenAbsent() throws ConfigException
    {
        final MetricsSettings metrics = ConfigLoader.parse("router: { name: r1 }\n").router().metrics();

        assertEquals(MetricsSettings.DEFAULT, metrics);
        assertEquals(new ListenAddress("127.0.0.1", 9469), metrics.address());
        assertEquals(MetricsSettings.DEFAULT, ConfigLoader.parse("router: { name: r1, metrics: {} }\n")
            .router().metrics());
    }

    @Test
    void turnsOffWithPlainOrQuotedOff() throws ConfigException
    {
        for (final String off : List.of("off", "\"off\"", "'off'"))
        {
            final MetricsSettings metrics =
                ConfigLoader.parse("router: { name: r1, metrics: { listen: " + off + " } }\n").router().metrics();

            assertEquals(MetricsSettings.OFF, metrics, off);
            assertFalse(metrics.enabled());
            assertNull(metrics.address());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1:9469      | 127.0.0.1   | 9469  | 127.0.0.1:9469
        '127.0.0.1:0'       | 127.0.0.1   | 0     | 127.0.0.1:0
        0.0.0.0:65535       | 0.0.0.0     | 65535 | 0.0.0.0:65535
        '"[::1]:9469"'      | ::1         | 9469  | [::1]:9469
        '"[::]:0"'          | ::          | 0     | [::]:0
        '"[fd00:1::2]:80"'  | fd00:1::2   | 80    | [fd00:1::2]:80
        """)
    void acceptsIpLiteralsWithAPort(final String yaml, final String host, final int port, final String text)
        throws Exception
    {
        final ListenAddress address =
            ConfigLoader.parse("router: { name: r1, metrics: { listen: " + yaml + " } }\n").router().metrics()
                .address();

        assertEquals(new ListenAddress(host, port), address);
        assertEquals(text, address.toString());
        assertEquals(new InetSocketAddress(InetAddress.getByName(host), port), address.toSocketAddress());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        '""'                 | router.metrics.listen: empty (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        127.0.0.1            | router.metrics.listen: '127.0.0.1' has no port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        '":9469"'            | router.metrics.listen: ':9469' has no host (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        127.0.0.1:70000      | router.metrics.listen: '127.0.0.1:70000': port 70000 out of range 0..65535
        127.0.0.1:http       | router.metrics.listen: '127.0.0.1:http': port 'http' is not a number 0..65535
        '"127.0.0.1:"'       | router.metrics.listen: '127.0.0.1:': port '' is not a number 0..65535
        '127.0.0.1:-1'       | router.metrics.listen: '127.0.0.1:-1': port '-1' is not a number 0..65535
        localhost:9469       | router.metrics.listen: 'localhost:9469': 'localhost' is not an IPv4 or IPv6 address (host names are not accepted)
        300.1.1.1:9469       | router.metrics.listen: '300.1.1.1:9469': '300.1.1.1' is not an IPv4 or IPv6 address (host names are not accepted)
        '"::1:9469"'         | router.metrics.listen: '::1:9469': an IPv6 host needs brackets, like [::1]:9469
        '"[::1:9469"'        | router.metrics.listen: '[::1:9469' is not host:port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        '"[127.0.0.1]:9469"' | router.metrics.listen: '[127.0.0.1]:9469' is not host:port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        '"[fd00::g]:9469"'   | router.metrics.listen: '[fd00::g]:9469': 'fd00::g' is not an IPv4 or IPv6 address (host names are not accepted)
        on                   | router.metrics.listen: 'on' has no port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        false                | router.metrics.listen: 'false' has no port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        9469                 | router.metrics.listen: expected a string, got an integer
        '"[::1]"'            | router.metrics.listen: '[::1]' has no port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        '"[::1]9469"'        | router.metrics.listen: '[::1]9469' is not host:port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)
        '[127.0.0.1]'        | router.metrics.listen: expected a string, got a list
        '{ host: a }'        | router.metrics.listen: expected a string, got a mapping
        """)
    void refusesAnythingElseNamingThePath(final String yaml, final String expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, metrics: { listen: " + yaml + " } }\n"));

        assertEquals(List.of(expected), ConfigLoaderTest.messages(ex));
    }

    @Test
    void refusesUnknownKeysAndAScalarInPlaceOfTheMapping()
    {
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, metrics: { port: 9469 } }\n"));
        assertEquals(1, unknown.errors().size());
        assertEquals("router.metrics.port", unknown.errors().get(0).path());
        assertTrue(unknown.errors().get(0).message().startsWith("unknown key 'port' (known: listen)"),
            unknown.errors().get(0).message());

        final ConfigException scalar = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, metrics: off }\n"));
        assertEquals(List.of("router.metrics: expected a mapping, got a boolean"), ConfigLoaderTest.messages(scalar));
    }

    @Test
    void validatesAProgrammaticallyBuiltSettingToo()
    {
        final RouterConfig config = new RouterConfig(
            new RouterSettings("r1", "/tmp/r1.sock", null, 1, IcmpSettings.DEFAULT, new MetricsSettings("[::1]")),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertEquals(List.of(new ConfigError("router.metrics.listen",
            "'[::1]' has no port (expected host:port like 127.0.0.1:9469 or [::1]:9469, or off)")),
            ConfigValidator.validate(config));
    }
}
