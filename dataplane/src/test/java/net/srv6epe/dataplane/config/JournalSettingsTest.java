package net.srv6epe.dataplane.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code router.journal-dir} and {@code router.flow-stats}: defaults, accepted values, refusals with their path. */
class JournalSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void defaultsToVarLibSrv6EpeNameAndFlowStatsEvery100MsFor65536Flows() throws ConfigException
    {
        final RouterSettings r = ConfigLoader.parse("router: { name: r1 }\n").router();

        assertEquals("/var/lib/srv6-epe/r1", r.journalDir());
        assertEquals(168, r.journalRetentionHours());
        assertEquals(new FlowStatsSettings(true, 100, 65_536), r.flowStats());
        assertEquals(FlowStatsSettings.DEFAULT, ConfigLoader.parse("router: { name: r1, flow-stats: {} }\n")
            .router().flowStats());
    }

    @Test
    void readsTheKeys() throws ConfigException
    {
        final RouterSettings r = ConfigLoader.parse("router: { name: r1, journal-dir: " + dir + "/j," +
            " flow-stats: { interval-ms: 250, max-flows: 1024, enabled: false }, journal-retention-hours: 0 }\n")
            .router();

        assertEquals(dir + "/j", r.journalDir());
        assertEquals(new FlowStatsSettings(false, 250, 1024), r.flowStats());
        assertEquals(0, r.journalRetentionHours(), "0 keeps every file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        'flow-stats: { interval-ms: 9 }'         | router.flow-stats.interval-ms: 9 out of range 10..60000
        'flow-stats: { interval-ms: 60001 }'     | router.flow-stats.interval-ms: 60001 out of range 10..60000
        'flow-stats: { max-flows: 15 }'          | router.flow-stats.max-flows: 15 out of range 16..4194304
        'flow-stats: { max-flows: 4194305 }'     | router.flow-stats.max-flows: 4194305 out of range 16..4194304
        'journal-dir: ""'                        | router.journal-dir: must not be empty
        'journal-retention-hours: -1'            | router.journal-retention-hours: must be 0 (keep every file) or 1..87600 hours, got -1
        'journal-retention-hours: 87601'         | router.journal-retention-hours: must be 0 (keep every file) or 1..87600 hours, got 87601
        """)
    void refusesOutOfRangeValuesNamingThePath(final String yaml, final String expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, " + yaml + " }\n"));

        assertEquals(List.of(expected), ConfigLoaderTest.messages(ex));
    }

    @Test
    void refusesAJournalDirThatIsAFile() throws Exception
    {
        final Path file = Files.createFile(dir.resolve("file"));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, journal-dir: " + file + " }\n"));

        assertEquals(List.of("router.journal-dir: '" + file + "' exists and is not a directory"),
            ConfigLoaderTest.messages(ex));
    }

    @Test
    void refusesUnknownFlowStatsKeysAndWrongTypes()
    {
        final ConfigException unknown = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, flow-stats: { interval: 5 } }\n"));
        assertEquals("router.flow-stats.interval", unknown.errors().get(0).path());
        assertTrue(unknown.errors().get(0).message()
            .startsWith("unknown key 'interval' (known: enabled, interval-ms, max-flows)"),
            unknown.errors().get(0).message());

        final ConfigException type = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, flow-stats: { interval-ms: fast } }\n"));
        assertEquals("router.flow-stats.interval-ms", type.errors().get(0).path());
    }
}
