package net.srv6epe.dataplane.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

/**
 * Records structural problems (unknown keys, values of the wrong type) instead of stopping at the first one, so
 * a user sees them all at once. One instance per load.
 */
final class ConfigProblemCollector extends DeserializationProblemHandler
{
    private final List<ConfigError> errors = new ArrayList<>();

    List<ConfigError> errors()
    {
        return errors;
    }

    @Override
    public boolean handleUnknownProperty(
        final DeserializationContext ctxt,
        final JsonParser p,
        final JsonDeserializer<?> deserializer,
        final Object beanOrClass,
        final String propertyName) throws IOException
    {
        final List<String> known = new ArrayList<>();
        if (deserializer != null && deserializer.getKnownPropertyNames() != null)
        {
            for (final Object name : deserializer.getKnownPropertyNames())
            {
                known.add(String.valueOf(name));
            }
            known.sort(null);
        }
        // Records bind through creators, which buffer unknown keys and replay them from a token buffer once the
        // mapping has ended; the main parser then sits on END_OBJECT with the parent's context.
        final JsonParser main = ctxt.getParser();
        final String path = main.currentToken() == JsonToken.END_OBJECT ?
            ConfigPaths.child(ConfigPaths.of(main.getParsingContext()), propertyName) :
            ConfigPaths.of(main.getParsingContext());
        errors.add(new ConfigError(
            path,
            "unknown key '" + propertyName + "'" + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")")));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(
        final DeserializationContext ctxt,
        final Class<?> targetType,
        final String valueToConvert,
        final String failureMsg)
    {
        if (targetType.isPrimitive())
        {
            return NOT_HANDLED;
        }
        final String message = targetType.isEnum() || failureMsg.startsWith("unknown") ? failureMsg :
            "'" + valueToConvert + "' is not " + TypeNames.of(targetType);
        errors.add(new ConfigError(ConfigPaths.of(ctxt.getParser().getParsingContext()), message));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        final DeserializationContext ctxt,
        final Class<?> targetType,
        final Number valueToConvert,
        final String failureMsg)
    {
        if (targetType.isPrimitive())
        {
            return NOT_HANDLED;
        }
        errors.add(new ConfigError(
            ConfigPaths.of(ctxt.getParser().getParsingContext()),
            valueToConvert + " is not " + TypeNames.of(targetType)));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(
        final DeserializationContext ctxt,
        final JavaType targetType,
        final JsonToken t,
        final JsonParser p,
        final String failureMsg) throws IOException
    {
        if (targetType.isPrimitive())
        {
            return NOT_HANDLED;
        }
        return mismatch(targetType.getRawClass(), t, p);
    }

    @Override
    public Object handleMissingInstantiator(
        final DeserializationContext ctxt,
        final Class<?> instClass,
        final ValueInstantiator valueInsts,
        final JsonParser p,
        final String msg) throws IOException
    {
        return mismatch(instClass, p.currentToken(), p);
    }

    private Object mismatch(final Class<?> target, final JsonToken t, final JsonParser p) throws IOException
    {
        final boolean structured = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
        // At a START token the parser has already entered the new container; the key belongs to the parent.
        final JsonStreamContext context = structured ? p.getParsingContext().getParent() : p.getParsingContext();
        errors.add(new ConfigError(
            ConfigPaths.of(context),
            "expected " + TypeNames.of(target) + ", got " + TypeNames.of(t)));
        if (structured)
        {
            p.skipChildren();
        }
        return null;
    }
}
