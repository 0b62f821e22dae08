package net.srv6epe.dataplane.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.dataplane.worker.WorkerIdle;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads the router's YAML configuration strictly into {@link RouterConfig} and validates it.
 *
 * <p>Strict means: unknown keys, duplicate keys and values of the wrong type (a string where a number belongs,
 * a number where a string belongs, a list where a mapping belongs) are errors, never coerced or ignored.
 * Structural problems are collected as far as the parser can go on; then {@link ConfigValidator} adds every
 * semantic problem. Either way the caller gets all of them in one {@link ConfigException}.
 */
public final class ConfigLoader
{
    private static final String EMPTY = "empty configuration (expected a mapping with a 'router' key)";
    private static final String SYNTAX = "YAML syntax error: ";
    private static final String NO_CONTENT = "No content to map";
    private static final String DUPLICATE = "Duplicate field '";
    private static final ObjectMapper MAPPER = newMapper();

    private ConfigLoader()
    {
    }

    /**
     * Reads, binds and validates a configuration file. Relative {@code read}/{@code write} paths of pcap-file
     * ports are resolved against the file's directory.
     *
     * @param file the YAML file.
     * @return the validated configuration.
     * @throws ConfigException with every problem found, including an unreadable file.
     */
    public static RouterConfig load(final Path file) throws ConfigException
    {
        final String text;
        try
        {
            text = Files.readString(file);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(List.of(new ConfigError("", "no such file: " + file)));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of(new ConfigError("", "cannot read " + file + ": " + ex.getMessage())));
        }
        final RouterConfig parsed = parse(text);
        final Path dir = file.toAbsolutePath().getParent();
        final RouterConfig config = dir == null ? parsed : resolvePortFiles(parsed, dir);
        checkRouteFiles(config);
        return config;
    }

    /** Reads every VRF's {@code routes-file} once, so that a bad line refuses the file before anything runs. */
    private static void checkRouteFiles(final RouterConfig config) throws ConfigException
    {
        final List<ConfigError> errors = new ArrayList<>();
        final Set<String> ports = new HashSet<>();
        config.ports().forEach(p -> ports.add(p.name()));
        for (int i = 0; i < config.vrfs().size(); i++)
        {
            final VrfConfig v = config.vrfs().get(i);
            if (v != null && v.routesFile() != null)
            {
                try
                {
                    RouteFile.read(Path.of(v.routesFile()), ConfigPaths.index("vrfs", i) + ".routes-file", ports);
                }
                catch (final ConfigException ex)
                {
                    errors.addAll(ex.errors());
                }
            }
        }
        if (!errors.isEmpty())
        {
            throw new ConfigException(errors);
        }
    }

    /**
     * Binds and validates configuration text.
     *
     * @param yaml the document.
     * @return the validated configuration.
     * @throws ConfigException with every problem found.
     */
    public static RouterConfig parse(final String yaml) throws ConfigException
    {
        final ConfigProblemCollector collector = new ConfigProblemCollector();
        final List<ConfigError> errors = new ArrayList<>();
        RouterConfig config = null;
        if (yaml.isBlank())
        {
            throw new ConfigException(List.of(new ConfigError("", EMPTY)));
        }
        try
        {
            config = MAPPER.readerFor(RouterConfig.class).withHandler(collector).readValue(yaml);
        }
        catch (final JsonProcessingException ex)
        {
            final ConfigError error = describe(ex);
            if (error.message().startsWith(SYNTAX))
            {
                // Problems collected before a syntax error are often its echoes; report the cause alone.
                throw new ConfigException(List.of(error));
            }
            errors.add(error);
        }
        final List<ConfigError> structural = new ArrayList<>(collector.errors());
        structural.addAll(errors);
        if (config == null && structural.isEmpty())
        {
            structural.add(new ConfigError("", EMPTY));
        }
        if (config == null)
        {
            throw new ConfigException(structural);
        }
        final List<ConfigError> all = new ArrayList<>(structural);
        for (final ConfigError e : ConfigValidator.validate(config))
        {
            if (!coveredBy(e, structural))
            {
                all.add(e);
            }
        }
        if (!all.isEmpty())
        {
            throw new ConfigException(all);
        }
        return config;
    }

    private static boolean coveredBy(final ConfigError error, final List<ConfigError> structural)
    {
        for (final ConfigError s : structural)
        {
            if (error.path().equals(s.path()) || error.path().startsWith(s.path() + ".") ||
                error.path().startsWith(s.path() + "["))
            {
                return true;
            }
        }
        return false;
    }

    private static ConfigError describe(final JsonProcessingException ex)
    {
        JsonParseException parseEx = null;
        for (Throwable t = ex; t != null && parseEx == null; t = t.getCause())
        {
            if (t instanceof JsonParseException)
            {
                parseEx = (JsonParseException)t;
            }
        }
        if (parseEx == null && firstLine(ex.getOriginalMessage()).startsWith(NO_CONTENT))
        {
            return new ConfigError("", EMPTY);
        }
        if (parseEx == null)
        {
            final String path = ex instanceof JsonMappingException ?
                ConfigPaths.of(((JsonMappingException)ex).getPath()) : "";
            return new ConfigError(path, firstLine(ex.getOriginalMessage()));
        }
        final JsonParser p = parseEx.getProcessor();
        String path = p == null ? "" : ConfigPaths.of(p.getParsingContext());
        String message = firstLine(parseEx.getOriginalMessage());
        if (message.startsWith(DUPLICATE))
        {
            final String key = message.substring(DUPLICATE.length(), message.lastIndexOf('\''));
            path = p != null && p.getParsingContext().getCurrentName() != null ? path : ConfigPaths.child(path, key);
            message = "duplicate key '" + key + "'";
        }
        else if (parseEx.getCause() instanceof MarkedYAMLException)
        {
            final MarkedYAMLException yamlEx = (MarkedYAMLException)parseEx.getCause();
            path = "";
            message = SYNTAX + (yamlEx.getContext() == null ? "" : yamlEx.getContext() + ": ") + yamlEx.getProblem();
        }
        if (parseEx.getLocation() != null && parseEx.getLocation().getLineNr() > 0)
        {
            message += " (line " + parseEx.getLocation().getLineNr() + ")";
        }
        return new ConfigError(path, message);
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "malformed configuration";
        }
        final int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static RouterConfig resolvePortFiles(final RouterConfig config, final Path dir)
    {
        final List<PortConfig> ports = new ArrayList<>();
        for (final PortConfig p : config.ports())
        {
            ports.add(new PortConfig(p.name(), p.interfaceName(), p.backend(), resolve(dir, p.read()),
                resolve(dir, p.write()), p.mac(), p.addresses(), p.mtu(), p.vrf(), p.rxRing()));
        }
        final List<VrfConfig> vrfs = new ArrayList<>();
        for (final VrfConfig v : config.vrfs())
        {
            vrfs.add(v == null || v.routesFile() == null ? v :
                new VrfConfig(v.name(), v.table(), v.routes(), resolve(dir, v.routesFile())));
        }
        return new RouterConfig(config.router(), List.copyOf(ports), config.neighbors(), List.copyOf(vrfs),
            config.locators(), config.sids(), config.pbr(), config.bgp(), config.bonds());
    }

    private static String resolve(final Path dir, final String file)
    {
        return file == null ? null : dir.resolve(file).normalize().toString();
    }

    private static ObjectMapper newMapper()
    {
        final SimpleModule names = new SimpleModule("srv6-epe-names");
        names.addDeserializer(Behavior.class, new NamedValueDeserializer<>(Behavior.class, Behavior::fromDisplayName));
        names.addDeserializer(Flavor.class, new NamedValueDeserializer<>(Flavor.class, Flavor::fromDisplayName));
        names.addDeserializer(PortBackend.class,
            new NamedValueDeserializer<>(PortBackend.class, PortBackend::fromConfigName));
        names.addDeserializer(RxRingKind.class, new NamedValueDeserializer<>(RxRingKind.class, RxRingKind::fromConfigName));
        names.addDeserializer(WorkerIdle.class, new NamedValueDeserializer<>(WorkerIdle.class, WorkerIdle::fromConfigName));
        names.addDeserializer(RouteAction.class,
            new NamedValueDeserializer<>(RouteAction.class, RouteAction::fromConfigName));

        final YAMLFactory factory = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return YAMLMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(MapperFeature.INFER_PROPERTY_MUTATORS)
            .disable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
            .disable(MapperFeature.AUTO_DETECT_FIELDS)
            .disable(MapperFeature.AUTO_DETECT_SETTERS)
            .addModule(StrictScalarDeserializers.module())
            .addModule(names)
            .build();
    }
}
