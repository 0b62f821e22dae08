package net.srv6epe.dataplane.metrics;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTTP side: what GET, HEAD and other requests get, ephemeral ports, daemon threads, release on close. */
class MetricsServerTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final long[] scrapes = { 0 };
    private final MetricsRegistry registry = new MetricsRegistry()
        .register(out -> out.family("test_scrapes_total", MetricType.COUNTER, "scrapes").sample(++scrapes[0]));

    @Test
    void servesTheRegistryOnGetWithTheExpositionContentType() throws Exception
    {
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            final HttpResponse<String> response = send(server, "/metrics", "GET");

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(null));
            assertEquals("# HELP test_scrapes_total scrapes\n# TYPE test_scrapes_total counter\n" +
                "test_scrapes_total 1\n", response.body());
            assertEquals("test_scrapes_total 2", send(server, "/metrics", "GET").body().lines().toList().get(2));
        }
    }

    @Test
    void picksAFreePortForPortZeroAndNamesItInTheUrl() throws Exception
    {
        try (MetricsServer a = open("127.0.0.1"); MetricsServer b = open("127.0.0.1"))
        {
            assertNotEquals(0, a.address().getPort());
            assertNotEquals(a.address().getPort(), b.address().getPort());
            assertEquals("http://127.0.0.1:" + a.address().getPort() + "/metrics", a.url());
        }
    }

    @Test
    void servesOnIpv6LoopbackWithABracketedUrl() throws Exception
    {
        final MetricsServer server;
        try
        {
            server = open("::1");
        }
        catch (final IOException ex)
        {
            assumeTrue(false, "no IPv6 loopback here: " + ex.getMessage());
            return;
        }
        try (server)
        {
            server.start();
            assertEquals("http://[::1]:" + server.address().getPort() + "/metrics", server.url());
            assertEquals(200, send(server, "/metrics", "GET").statusCode());
        }
    }

    @Test
    void answersHeadWithoutABodyAndWithoutScraping() throws Exception
    {
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            final HttpResponse<String> response = send(server, "/metrics", "HEAD");

            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(null));
            assertEquals("", response.body());
            assertEquals(0, scrapes[0]);
        }
    }

    @Test
    void refusesOtherMethodsAndPaths() throws Exception
    {
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            final HttpResponse<String> post = send(server, "/metrics", "POST");
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(null));

            for (final String path : List.of("/", "/metrics/", "/metricsx", "/other"))
            {
                assertEquals(404, send(server, path, "GET").statusCode(), path);
            }
            assertEquals(0, scrapes[0], "nothing above is a scrape");
        }
    }

    @Test
    void answers500WhenASourceFails() throws Exception
    {
        registry.register(out -> out.family("bad name", MetricType.GAUGE, "x"));
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            final HttpResponse<String> response = send(server, "/metrics", "GET");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().contains("bad metric name 'bad name'"), response.body());
            assertEquals(200, send(server, "/metrics", "HEAD").statusCode(), "HEAD does not scrape");
        }
    }

    @Test
    void servesFromDaemonThreadsOnly() throws Exception
    {
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            send(server, "/metrics", "GET");
            for (final Thread t : Thread.getAllStackTraces().keySet())
            {
                if (t.getName().equals(MetricsServer.THREAD_NAME) || t.getName().startsWith("HTTP-Dispatcher"))
                {
                    assertTrue(t.isDaemon(), t.getName() + " is not a daemon thread");
                }
            }
        }
    }

    @Test
    void releasesThePortOnClose() throws Exception
    {
        final int port;
        try (MetricsServer server = open("127.0.0.1"))
        {
            server.start();
            port = server.address().getPort();
            assertThrows(BindException.class, () -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress())
                .close());
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()))
        {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void reportsATakenPortWhenOpening() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            assertThrows(BindException.class, () -> MetricsServer.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()), registry));
        }
    }

    private MetricsServer open(final String host) throws IOException
    {
        return MetricsServer.open(new InetSocketAddress(InetAddress.getByName(host), 0), registry);
    }

    private static HttpResponse<String> send(final MetricsServer server, final String path, final String method)
        throws IOException, InterruptedException
    {
        final URI uri = URI.create(server.url().replace(MetricsServer.PATH, path));
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
