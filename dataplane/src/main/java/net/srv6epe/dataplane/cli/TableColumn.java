package net.srv6epe.dataplane.cli;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One column of a text table: its header and how to get the cell text from a row.
 *
 * @param header     the header, upper case by convention.
 * @param cell       the cell text of a row; null prints as {@code -}.
 * @param rightAlign numbers are right-aligned.
 */
public record TableColumn(String header, Function<JsonNode, String> cell, boolean rightAlign)
{
    /** A left-aligned column showing one key of the row ({@link TableRenderer#text(JsonNode)}). */
    public static TableColumn key(final String header, final String key)
    {
        return new TableColumn(header, row -> TableRenderer.text(row.get(key)), false);
    }

    /** A right-aligned column showing one numeric key of the row. */
    public static TableColumn number(final String header, final String key)
    {
        return new TableColumn(header, row -> TableRenderer.text(row.get(key)), true);
    }
}
