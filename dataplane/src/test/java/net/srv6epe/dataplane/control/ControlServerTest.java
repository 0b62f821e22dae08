package net.srv6epe.dataplane.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlServerTest
{
    /** Echoes the request; knows only the topic "echo", fails on "boom". */
    private static final ControlHandler ECHO = request ->
    {
        if ("boom".equals(request.topic()))
        {
            throw new IllegalStateException("kaput");
        }
        if (!"echo".equals(request.topic()))
        {
            throw new ControlException("unknown topic '" + request.topic() + "'");
        }
        return JsonNodeFactory.instance.objectNode()
            .put("command", request.command())
            .set("args", request.args());
    };

    private Path dir;
    private Path socket;

    @BeforeEach
    void createDir()
    {
        dir = SocketDirs.create();
        socket = dir.resolve("r1.sock");
    }

    @AfterEach
    void deleteDir()
    {
        SocketDirs.delete(dir);
    }

    @Test
    void answersARequestThroughTheClient() throws Exception
    {
        try (ControlServer server = ControlServer.open(socket, ECHO))
        {
            server.start();
            final JsonNode data = new ControlClient(socket, 2000).request(new ControlRequest("show", "echo",
                JsonNodeFactory.instance.objectNode().put("vrf", "peer-a")));

            assertEquals("{\"command\":\"show\",\"args\":{\"vrf\":\"peer-a\"}}", data.toString());
        }
    }

    @Test
    void carriesTheHandlersErrorBackToTheClient() throws Exception
    {
        try (ControlServer server = ControlServer.open(socket, ECHO))
        {
            server.start();
            final ControlException ex = assertThrows(ControlException.class,
                () -> new ControlClient(socket, 2000).request(new ControlRequest("show", "nope", null)));

            assertEquals("unknown topic 'nope'", ex.getMessage());
        }
    }

    @Test
    void answersSeveralPipelinedLinesInOrderOnOneConnection() throws Exception
    {
        try (ControlServer server = ControlServer.open(socket, ECHO);
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket)))
        {
            server.start();
            final OutputStream out = Channels.newOutputStream(channel);
            out.write(("{\"command\":\"a\",\"topic\":\"echo\"}\n\n{\"command\":\"b\",\"topic\":\"echo\"}\r\n" +
                "garbage\n{\"command\":\"c\",\"topic\":\"boom\"}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            final BufferedReader in =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));

            assertEquals("{\"ok\":true,\"data\":{\"command\":\"a\",\"args\":{}}}", in.readLine());
            assertEquals("{\"ok\":true,\"data\":{\"command\":\"b\",\"args\":{}}}", in.readLine());
            assertEquals("{\"ok\":false,\"error\":\"malformed request: not JSON\"}", in.readLine());
            assertEquals("{\"ok\":false,\"error\":\"internal error: java.lang.IllegalStateException: kaput\"}",
                in.readLine());
        }
    }

    @Test
    void rejectsAnOverlongLineDiscardsItsRestAndKeepsServing() throws Exception
    {
        try (ControlServer server = ControlServer.open(socket, ECHO);
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket)))
        {
            server.start();
            final OutputStream out = Channels.newOutputStream(channel);
            out.write(new byte[ControlProtocol.MAX_LINE_BYTES + 10]);
            out.write(new byte[3 * ControlProtocol.MAX_LINE_BYTES]);
            out.write("still the long line\n{\"command\":\"after\",\"topic\":\"echo\"}\n"
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
            final BufferedReader in =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));

            assertEquals("{\"ok\":false,\"error\":\"request longer than 65536 bytes\"}", in.readLine());
            assertEquals("{\"ok\":true,\"data\":{\"command\":\"after\",\"args\":{}}}", in.readLine());
        }
    }

    @Test
    void createsTheSocketFileOwnerAndGroupOnlyAndRemovesItOnClose() throws Exception
    {
        final ControlServer server = ControlServer.open(socket, ECHO);

        assertEquals("rw-rw----",
            java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        server.close();
        assertFalse(Files.exists(socket));
        server.close();
    }

    @Test
    void replacesAStaleSocketLeftByADeadProcess() throws Exception
    {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));

        try (ControlServer server = ControlServer.open(socket, ECHO))
        {
            server.start();
            assertEquals("show", new ControlClient(socket, 2000)
                .request(new ControlRequest("show", "echo", null)).get("command").asText());
        }
    }

    @Test
    void refusesToTakeOverALiveRoutersSocket() throws Exception
    {
        try (ControlServer first = ControlServer.open(socket, ECHO))
        {
            first.start();
            final IOException ex = assertThrows(IOException.class, () -> ControlServer.open(socket, ECHO));

            assertEquals("another router is already listening on " + socket, ex.getMessage());
            assertTrue(Files.exists(socket));
        }
    }

    @Test
    void refusesToReplaceAFileThatIsNotASocket() throws Exception
    {
        Files.writeString(socket, "precious");

        final IOException ex = assertThrows(IOException.class, () -> ControlServer.open(socket, ECHO));

        assertEquals(socket + " exists and is not a socket; refusing to replace it", ex.getMessage());
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void createsAMissingSocketDirectory() throws Exception
    {
        final Path nested = dir.resolve("run/srv6-epe/r1.sock");
        try (ControlServer server = ControlServer.open(nested, ECHO))
        {
            assertTrue(Files.exists(nested));
        }
    }

    @Test
    void servesFromTheCallersThreadThroughPoll() throws Exception
    {
        try (ControlServer server = ControlServer.open(socket, ECHO);
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket)))
        {
            channel.write(java.nio.ByteBuffer.wrap(
                "{\"command\":\"show\",\"topic\":\"echo\"}\n".getBytes(StandardCharsets.UTF_8)));
            int work = 0;
            for (int i = 0; i < 10 && work < 2; i++)
            {
                work += server.poll(100);
            }
            final BufferedReader in =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));

            assertEquals("{\"ok\":true,\"data\":{\"command\":\"show\",\"args\":{}}}", in.readLine());
            assertEquals(0, server.poll(0));
        }
    }

    @Test
    void clientSaysNoRouterIsListeningWhenTheSocketIsMissing()
    {
        final ControlException ex = assertThrows(ControlException.class,
            () -> new ControlClient(socket, 500).request(new ControlRequest("show", "route", null)));

        assertEquals("no router is listening on " + socket + " (is `srv6 run` started?)", ex.getMessage());
    }

    @Test
    void clientSaysNoRouterIsListeningWhenTheSocketIsStale() throws Exception
    {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }

        final ControlException ex = assertThrows(ControlException.class,
            () -> new ControlClient(socket, 500).request(new ControlRequest("show", "route", null)));

        assertEquals("no router is listening on " + socket + " (is `srv6 run` started?)", ex.getMessage());
    }

    @Test
    void clientTimesOutWhenTheRouterDoesNotAnswer() throws Exception
    {
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            mute.bind(UnixDomainSocketAddress.of(socket));
            final long startNs = System.nanoTime();

            final ControlException ex = assertThrows(ControlException.class,
                () -> new ControlClient(socket, 200).request(new ControlRequest("show", "route", null)));

            assertEquals("the router on " + socket + " did not answer within 200 ms", ex.getMessage());
            assertTrue(System.nanoTime() - startNs < 5_000_000_000L);
        }
    }
}
