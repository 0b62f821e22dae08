package net.srv6epe.dataplane.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.srv6epe.dataplane.config.ConfigDefaults;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.control.ControlClient;
import picocli.CommandLine.Option;

/**
 * How a client command finds the router: {@code --socket PATH}, else the {@code control-socket} of
 * {@code --config FILE}, else {@code $SRV6EPE_SOCKET}, else the only {@code *.sock} in {@code /run/srv6-epe}.
 */
final class SocketOptions
{
    /** Environment variable naming the control socket. */
    static final String SOCKET_ENV = "SRV6EPE_SOCKET";

    @Option(names = "--socket", paramLabel = "PATH", description = "the router's control socket")
    Path socket;

    @Option(names = "--config", paramLabel = "FILE", description = "take the control socket from this configuration")
    Path config;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
        description = "how long to wait for the router, in milliseconds (default ${DEFAULT-VALUE})")
    long timeoutMs;

    ControlClient client()
    {
        return new ControlClient(resolve(), timeoutMs);
    }

    Path resolve()
    {
        if (socket != null)
        {
            return socket;
        }
        if (config != null)
        {
            try
            {
                return Path.of(ConfigLoader.load(config).router().controlSocket());
            }
            catch (final ConfigException ex)
            {
                throw new CliException(config + ": " + ex.getMessage(), ExitCodes.INVALID);
            }
        }
        final String env = System.getenv(SOCKET_ENV);
        if (env != null && !env.isEmpty())
        {
            return Path.of(env);
        }
        final List<Path> sockets = new ArrayList<>();
        final Path dir = Path.of(ConfigDefaults.CONTROL_SOCKET_DIR);
        if (Files.isDirectory(dir))
        {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.sock"))
            {
                entries.forEach(sockets::add);
            }
            catch (final IOException ex)
            {
                // fall through to the message below
            }
        }
        if (sockets.size() == 1)
        {
            return sockets.get(0);
        }
        throw new CliException((sockets.isEmpty() ? "no router is running (no socket in " + dir + ")" :
            "several routers are running (" + sockets.size() + " sockets in " + dir + ")") +
            "; give --socket PATH or --config FILE", ExitCodes.FAILURE);
    }
}
