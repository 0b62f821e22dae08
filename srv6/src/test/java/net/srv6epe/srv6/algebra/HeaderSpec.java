package net.srv6epe.srv6.algebra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed header of a header-algebra string: {@code NAME(positional, ...; option=value, flag, ...)}.
 * Parsing only; {@link Packets} gives the names meaning.
 */
public record HeaderSpec(String name, List<String> args, Map<String, String> options)
{
    private static final Pattern HEADER = Pattern.compile("\\s*/?\\s*([A-Za-z][A-Za-z0-9]*)\\(([^)]*)\\)");

    /** Splits {@code IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)/UDP(1,2)} into headers. */
    public static List<HeaderSpec> parseAll(final String algebra)
    {
        final List<HeaderSpec> result = new ArrayList<>();
        final Matcher m = HEADER.matcher(algebra);
        int at = 0;
        while (at < algebra.length())
        {
            if (!m.find(at) || m.start() != at)
            {
                if (algebra.substring(at).isBlank())
                {
                    break;
                }
                throw new IllegalArgumentException("cannot parse '" + algebra + "' at position " + at);
            }
            result.add(parse(m.group(1), m.group(2)));
            at = m.end();
        }
        return result;
    }

    private static HeaderSpec parse(final String name, final String body)
    {
        final int semicolon = body.indexOf(';');
        final String positional = semicolon < 0 ? body : body.substring(0, semicolon);
        final String optional = semicolon < 0 ? "" : body.substring(semicolon + 1);
        final List<String> args = new ArrayList<>();
        for (final String a : positional.split(","))
        {
            if (!a.isBlank())
            {
                args.add(a.trim());
            }
        }
        final Map<String, String> options = new LinkedHashMap<>();
        for (final String o : optional.split(","))
        {
            if (o.isBlank())
            {
                continue;
            }
            final int eq = o.indexOf('=');
            if (eq < 0)
            {
                options.put(o.trim(), "");
            }
            else
            {
                options.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim());
            }
        }
        return new HeaderSpec(name, args, options);
    }

    public int intOption(final String key, final int otherwise)
    {
        final String v = options.get(key);
        if (v == null)
        {
            return otherwise;
        }
        return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }

    public int intArg(final int index)
    {
        final String v = args.get(index);
        return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }
}
