package net.srv6epe.dataplane.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code srv6 run --config FILE}: validate the configuration, then run the router until SIGTERM/SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the router with a configuration file (until SIGTERM/SIGINT).")
final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = { "-c", "--config" }, required = true, paramLabel = "FILE", description = "YAML configuration")
    private Path config;

    @Override
    public Integer call()
    {
        final RouterConfig routerConfig;
        try
        {
            routerConfig = ConfigLoader.load(config);
        }
        catch (final ConfigException ex)
        {
            ConfigErrorPrinter.print(spec.commandLine().getErr(), config, ex);
            return ExitCodes.INVALID;
        }
        return RouterMain.run(routerConfig, config);
    }
}
