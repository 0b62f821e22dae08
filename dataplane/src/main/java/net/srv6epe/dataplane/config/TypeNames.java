package net.srv6epe.dataplane.config;

import java.util.Collection;

import com.fasterxml.jackson.core.JsonToken;

/** Words for Java types and YAML tokens in error messages ("expected a number, got a list"). */
final class TypeNames
{
    private TypeNames()
    {
    }

    static String of(final Class<?> type)
    {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class)
        {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class)
        {
            return "true or false";
        }
        if (type == String.class || type.isEnum())
        {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type))
        {
            return "a list";
        }
        return "a mapping";
    }

    static String of(final JsonToken token)
    {
        if (token == null)
        {
            return "nothing";
        }
        switch (token)
        {
            case START_OBJECT:
                return "a mapping";
            case START_ARRAY:
                return "a list";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
                return "an integer";
            case VALUE_NUMBER_FLOAT:
                return "a decimal number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : token.asString();
        }
    }
}
