package net.srv6epe.dataplane.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code srv6 config check FILE}: validate a configuration file without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable
{
    @Spec
    private CommandSpec spec;

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "missing subcommand (known: check)");
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
}
