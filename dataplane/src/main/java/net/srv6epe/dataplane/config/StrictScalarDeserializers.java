package net.srv6epe.dataplane.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Scalars without coercion: a string key takes only a string, an integer key only an integer in range, a
 * boolean key only {@code true}/{@code false}. Mismatches go to the context's problem handler, so they are
 * collected with every other problem instead of aborting the load.
 */
final class StrictScalarDeserializers
{
    private StrictScalarDeserializers()
    {
    }

    /** A module registering the strict readers for String, Integer/int, Long/long and Boolean/boolean. */
    static SimpleModule module()
    {
        final SimpleModule module = new SimpleModule("srv6-epe-strict-scalars");
        module.addDeserializer(String.class, new StringReader());
        module.addDeserializer(Integer.class, new IntegerReader());
        module.addDeserializer(Long.class, new LongReader());
        module.addDeserializer(Boolean.class, new BooleanReader());
        return module;
    }

    private static final class StringReader extends StdScalarDeserializer<String>
    {
        private static final long serialVersionUID = 1L;

        StringReader()
        {
            super(String.class);
        }

        @Override
        public String deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            if (p.currentToken() == JsonToken.VALUE_STRING)
            {
                return p.getText();
            }
            return (String)ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    private static final class IntegerReader extends StdScalarDeserializer<Integer>
    {
        private static final long serialVersionUID = 1L;

        IntegerReader()
        {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT)
            {
                return (Integer)ctxt.handleUnexpectedToken(Integer.class, p);
            }
            if (p.getNumberType() != JsonParser.NumberType.INT)
            {
                return (Integer)ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "out of range");
            }
            return p.getIntValue();
        }
    }

    private static final class LongReader extends StdScalarDeserializer<Long>
    {
        private static final long serialVersionUID = 1L;

        LongReader()
        {
            super(Long.class);
        }

        @Override
        public Long deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT)
            {
                return (Long)ctxt.handleUnexpectedToken(Long.class, p);
            }
            final JsonParser.NumberType type = p.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG)
            {
                return (Long)ctxt.handleWeirdNumberValue(Long.class, p.getNumberValue(), "out of range");
            }
            return p.getLongValue();
        }
    }

    private static final class BooleanReader extends StdScalarDeserializer<Boolean>
    {
        private static final long serialVersionUID = 1L;

        BooleanReader()
        {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException
        {
            if (p.currentToken() == JsonToken.VALUE_TRUE)
            {
                return Boolean.TRUE;
            }
            if (p.currentToken() == JsonToken.VALUE_FALSE)
            {
                return Boolean.FALSE;
            }
            return (Boolean)ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }
}
