package net.srv6epe.dataplane.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import net.srv6epe.srv6.Ipv6Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} from a {@link MetricsRegistry} with the JDK's built-in HTTP
 * server. Requests are handled one at a time on one daemon thread, {@value #THREAD_NAME}; a scrape reads
 * counters and snapshots and never touches the packet path. {@code HEAD /metrics} answers the headers without
 * scraping (a cheap liveness check); other paths answer 404, other methods 405.
 *
 * <p>{@link #open} binds (so a taken port is reported before the router starts forwarding),
 * {@link #start()} begins serving, {@link #close()} stops and releases the port.
 */
public final class MetricsServer implements AutoCloseable
{
    /** The path served. */
    public static final String PATH = "/metrics";

    /** Name of the thread that answers requests. */
    public static final String THREAD_NAME = "srv6-epe-metrics";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final int BACKLOG = 16;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread;
    private final MetricsRegistry registry;
    private boolean started;
    private boolean closed;

    private MetricsServer(final HttpServer server, final ExecutorService thread, final MetricsRegistry registry)
    {
        this.server = server;
        this.thread = thread;
        this.registry = registry;
    }

    /**
     * Binds the listen address; serves nothing until {@link #start()}.
     *
     * @param address  where to listen; port 0 picks a free port (see {@link #address()}).
     * @param registry what a scrape collects.
     * @return the bound server.
     * @throws IOException when the address cannot be bound (in use, not a local address, no permission).
     */
    public static MetricsServer open(final InetSocketAddress address, final MetricsRegistry registry)
        throws IOException
    {
        final HttpServer server = HttpServer.create(address, BACKLOG);
        final ExecutorService thread = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread t = new Thread(runnable, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        final MetricsServer metrics = new MetricsServer(server, thread, registry);
        server.createContext("/", metrics::handle);
        return metrics;
    }

    /** The bound address: the configured one, with the port the kernel chose when port 0 was asked for. */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    /** The endpoint's URL, e.g. {@code http://127.0.0.1:9469/metrics} or {@code http://[::1]:9469/metrics}. */
    public String url()
    {
        final InetSocketAddress a = address();
        final String hostText = a.getAddress() instanceof Inet6Address ?
            "[" + Ipv6Address.format(a.getAddress().getAddress()) + "]" : a.getAddress().getHostAddress();
        return "http://" + hostText + ":" + a.getPort() + PATH;
    }

    /**
     * Begins serving. The HTTP server's dispatcher thread is started from the daemon request thread, so it is a
     * daemon too (a thread inherits that from its creator): the endpoint never keeps the JVM alive.
     */
    public synchronized void start()
    {
        if (started || closed)
        {
            return;
        }
        started = true;
        try
        {
            thread.submit(server::start).get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the metrics endpoint", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("cannot start the metrics endpoint: " + ex.getCause(), ex.getCause());
        }
        LOG.info("metrics endpoint listening on {}", url());
    }

    /** Stops serving (a scrape in progress is cut off) and releases the port. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        server.stop(0);
        thread.shutdownNow();
        try
        {
            thread.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            final boolean head = "HEAD".equals(method);
            if (!PATH.equals(exchange.getRequestURI().getPath()))
            {
                respond(exchange, 404, TEXT, "not found; metrics are at " + PATH + "\n", !head);
                return;
            }
            if (!head && !"GET".equals(method))
            {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, "method " + method + " not allowed\n", true);
                return;
            }
            if (head)
            {
                // a liveness check: the headers of a scrape without the work of one
                respond(exchange, 200, MetricsWriter.CONTENT_TYPE, "", false);
                return;
            }
            final String text;
            try
            {
                text = registry.scrape();
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("metrics scrape failed", ex);
                respond(exchange, 500, TEXT, "scrape failed: " + ex + "\n", true);
                return;
            }
            respond(exchange, 200, MetricsWriter.CONTENT_TYPE, text, true);
        }
    }

    private static void respond(
        final HttpExchange exchange, final int status, final String contentType, final String body,
        final boolean withBody) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (!withBody)
        {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }
}
