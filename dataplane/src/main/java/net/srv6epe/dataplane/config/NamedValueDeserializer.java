package net.srv6epe.dataplane.config;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads an enum from its display spelling ({@code End.DT46}, {@code pcap-file}) through the type's own parse
 * function, so the error message is the type's own ("unknown SRv6 behavior 'End.DT5' (known: ...)").
 *
 * @param <T> the enum.
 */
final class NamedValueDeserializer<T> extends StdScalarDeserializer<T>
{
    private static final long serialVersionUID = 1L;

    private final transient Function<String, T> parser;

    NamedValueDeserializer(final Class<T> type, final Function<String, T> parser)
    {
        super(type);
        this.parser = parser;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
    {
        if (p.currentToken() != JsonToken.VALUE_STRING)
        {
            return (T)ctxt.handleUnexpectedToken(handledType(), p);
        }
        final String text = p.getText();
        try
        {
            return parser.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return (T)ctxt.handleWeirdStringValue(handledType(), text, ex.getMessage());
        }
    }
}
