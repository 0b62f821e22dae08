package net.srv6epe.dataplane.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads {@code router.metrics.listen} as its source text. YAML 1.1 reads a plain {@code off} (the documented way
 * to turn the endpoint off) as the boolean false; this reader keeps the text as written ({@code off}, {@code no},
 * {@code false}, ...), and {@link ConfigValidator} then accepts only {@code off} or {@code host:port}. Anything
 * that is not a scalar string or boolean is a type error like any other key's.
 */
final class ListenTextDeserializer extends StdScalarDeserializer<String>
{
    private static final long serialVersionUID = 1L;

    ListenTextDeserializer()
    {
        super(String.class);
    }

    @Override
    public String deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
    {
        final JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
        {
            return p.getText();
        }
        return (String)ctxt.handleUnexpectedToken(String.class, p);
    }
}
