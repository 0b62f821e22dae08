package net.srv6epe.dataplane.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Builds error paths ({@code vrfs[1].routes[3].prefix}) from Jackson's parse contexts and exception paths. */
final class ConfigPaths
{
    private ConfigPaths()
    {
    }

    static String of(final JsonStreamContext context)
    {
        final Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
        {
            if (c.inArray())
            {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
            else if (c.inObject() && c.getCurrentName() != null)
            {
                parts.push("." + c.getCurrentName());
            }
        }
        return strip(String.join("", parts));
    }

    static String of(final List<JsonMappingException.Reference> references)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JsonMappingException.Reference r : references)
        {
            if (r.getFieldName() != null)
            {
                sb.append('.').append(r.getFieldName());
            }
            else if (r.getIndex() >= 0)
            {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return strip(sb.toString());
    }

    static String child(final String parent, final String key)
    {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(final String parent, final int index)
    {
        return parent + "[" + index + "]";
    }

    private static String strip(final String path)
    {
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
