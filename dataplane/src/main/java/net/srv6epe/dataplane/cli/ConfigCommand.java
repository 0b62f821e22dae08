package net.srv6epe.dataplane.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code srv6 config check FILE}: validate a configuration file without starting anything; {@code srv6 config
 * reload}: make the running router read its configuration file again.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Reload.class})
final class ConfigCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "missing subcommand (known: check, reload)");
    }

    /** {@code config check FILE}. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a configuration file; print OK and counts, or every error.")
    static final class Check implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "YAML configuration")
        private Path file;

        @Override
        public Integer call()
        {
            try
            {
                final RouterConfig config = ConfigLoader.load(file);
                spec.commandLine().getOut().println("OK: " + config.summary());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            catch (final ConfigException ex)
            {
                ConfigErrorPrinter.print(spec.commandLine().getErr(), file, ex);
                return ExitCodes.INVALID;
            }
        }
    }

    /** {@code config reload}: the running router reloads its file; prints what changed, or why nothing did. */
    @Command(name = "reload", mixinStandardHelpOptions = true, description = "Make the running router read its " +
        "configuration file again and apply the differences (vrfs, locators, sids, pbr) in one step; a file with " +
        "errors, or with changes only a restart applies, changes nothing.")
    static final class Reload implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--json", description = "print the router's JSON as is")
        private boolean json;

        @Mixin
        private SocketOptions socket;

        @Override
        public Integer call()
        {
            final JsonNode data;
            try
            {
                data = socket.client().request(new ControlRequest("config", "reload", null));
            }
            catch (final ControlException ex)
            {
                throw new CliException(ex.getMessage(), ExitCodes.FAILURE);
            }
            spec.commandLine().getOut().println(json ? data.toString() : data.path("summary").asText());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
