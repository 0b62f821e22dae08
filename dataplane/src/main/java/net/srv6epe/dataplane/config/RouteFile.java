package net.srv6epe.dataplane.config;

import net.srv6epe.srv6.Ipv6Address;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A VRF's {@code routes-file}: static IPv6 routes in bulk, one per line, in iproute2's words:
 *
 * <pre>
 * # comments and blank lines are skipped
 * fd00:1000:0:1::/64 via fd00:5e:2::2 dev out
 * fd00:1000:0:2::/64 via fd00:5e:2::2
 * </pre>
 *
 * {@code dev PORT} names the egress port (needed when the next hop is not connected in the same VRF). Read into
 * primitive arrays (a million routes take ~40 MB while loading, not a million objects); every problem is reported
 * with its line, at most {@value #MAX_ERRORS} of them.
 */
public final class RouteFile
{
    /** Problems reported before the rest are counted only. */
    public static final int MAX_ERRORS = 20;

    private long[] prefixHi = new long[1024];
    private long[] prefixLo = new long[1024];
    private int[] prefixLength = new int[1024];
    private long[] viaHi = new long[1024];
    private long[] viaLo = new long[1024];
    private String[] port = new String[1024];
    private int size;

    private RouteFile()
    {
    }

    /**
     * Reads and checks a routes file.
     *
     * @param file  the file
     * @param path  the configuration path that names it, for messages ({@code vrfs[1].routes-file})
     * @param ports the configured port names
     * @throws ConfigException naming the file, line and problem of each bad line (or why it cannot be read)
     */
    public static RouteFile read(final Path file, final String path, final Set<String> ports) throws ConfigException
    {
        final RouteFile routes = new RouteFile();
        final List<ConfigError> errors = new ArrayList<>();
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null)
            {
                number++;
                final String problem = routes.parse(line.strip(), ports);
                if (problem != null)
                {
                    bad++;
                    if (errors.size() < MAX_ERRORS)
                    {
                        errors.add(new ConfigError(path, file + ":" + number + ": " + problem));
                    }
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(List.of(new ConfigError(path, "no such file: " + file)));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of(new ConfigError(path, "cannot read " + file + ": " + ex.getMessage())));
        }
        if (bad > errors.size())
        {
            errors.add(new ConfigError(path, file + ": " + (bad - errors.size()) + " more bad lines"));
        }
        if (!errors.isEmpty())
        {
            throw new ConfigException(errors);
        }
        return routes;
    }

    /** Parses one stripped line into the arrays; returns what is wrong with it, or null. */
    private String parse(final String line, final Set<String> ports)
    {
        if (line.isEmpty() || line.startsWith("#"))
        {
            return null;
        }
        final String[] words = line.split("\\s+");
        if (words.length != 3 && words.length != 5 || !"via".equals(words[1]) ||
            words.length == 5 && !"dev".equals(words[3]))
        {
            return "'" + line + "': expected PREFIX via ADDRESS [dev PORT]";
        }
        final IpText.Prefix prefix;
        try
        {
            prefix = IpText.prefix(words[0]);
        }
        catch (final IllegalArgumentException ex)
        {
            return "'" + words[0] + "' is not a prefix (" + ex.getMessage() + ")";
        }
        if (!prefix.isIpv6())
        {
            return "'" + words[0] + "': only IPv6 routes go in a routes file";
        }
        if (prefix.hasHostBits())
        {
            return "'" + words[0] + "' has host bits set (did you mean " + prefix.canonical() + "?)";
        }
        if (!IpText.isIpv6Text(words[2]))
        {
            return "'" + words[2] + "' is not an IPv6 address";
        }
        final String dev = words.length == 5 ? words[4] : null;
        if (dev != null && !ports.contains(dev))
        {
            return "no port named '" + dev + "'";
        }
        grow();
        final byte[] a = prefix.address();
        prefixHi[size] = Ipv6Address.bytesToLong(a, 0);
        prefixLo[size] = Ipv6Address.bytesToLong(a, 8);
        prefixLength[size] = prefix.length();
        viaHi[size] = Ipv6Address.parseHi(words[2]);
        viaLo[size] = Ipv6Address.parseLo(words[2]);
        port[size] = dev == null ? null : dev.intern();
        size++;
        return null;
    }

    private void grow()
    {
        if (size == prefixHi.length)
        {
            final int n = size * 2;
            prefixHi = Arrays.copyOf(prefixHi, n);
            prefixLo = Arrays.copyOf(prefixLo, n);
            prefixLength = Arrays.copyOf(prefixLength, n);
            viaHi = Arrays.copyOf(viaHi, n);
            viaLo = Arrays.copyOf(viaLo, n);
            port = Arrays.copyOf(port, n);
        }
    }

    /** How many routes. */
    public int size()
    {
        return size;
    }

    public long prefixHi(final int i)
    {
        return prefixHi[i];
    }

    public long prefixLo(final int i)
    {
        return prefixLo[i];
    }

    public int prefixLength(final int i)
    {
        return prefixLength[i];
    }

    public long viaHi(final int i)
    {
        return viaHi[i];
    }

    public long viaLo(final int i)
    {
        return viaLo[i];
    }

    /** The egress port, interned, or null. */
    public String port(final int i)
    {
        return port[i];
    }
}
