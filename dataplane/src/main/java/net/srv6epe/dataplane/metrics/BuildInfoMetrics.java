package net.srv6epe.dataplane.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code srv6epe_build_info{version="0.1.0-SNAPSHOT"} 1}: which build is running. */
public final class BuildInfoMetrics implements MetricsSource
{
    /** The family name. */
    public static final String NAME = MetricNames.PREFIX + "build_info";

    /** The version when the build recorded none (classes run from a build directory, not the jar). */
    public static final String UNKNOWN = "unknown";

    private static final String POM_PROPERTIES = "/META-INF/maven/net.srv6epe/dataplane/pom.properties";

    private final String version;

    /**
     * @param version the version to report.
     */
    public BuildInfoMetrics(final String version)
    {
        this.version = version;
    }

    /**
     * The version of the running build: the jar manifest's {@code Implementation-Version}, else the version Maven
     * recorded in the jar ({@code pom.properties}), else {@value #UNKNOWN}.
     *
     * @return the version text.
     */
    public static String thisBuildVersion()
    {
        final String manifest = BuildInfoMetrics.class.getPackage().getImplementationVersion();
        if (manifest != null)
        {
            return manifest;
        }
        try (InputStream in = BuildInfoMetrics.class.getResourceAsStream(POM_PROPERTIES))
        {
            if (in != null)
            {
                final Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", UNKNOWN);
            }
        }
        catch (final IOException ex)
        {
            // an unreadable resource in our own jar: report the version as unknown rather than fail the scrape
        }
        return UNKNOWN;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        out.family(NAME, MetricType.GAUGE, "always 1; the version label names the running build");
        out.sample(1, "version", version);
    }
}
