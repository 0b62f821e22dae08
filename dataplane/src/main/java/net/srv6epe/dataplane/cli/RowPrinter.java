package net.srv6epe.dataplane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prints rows (flat JSON objects) one at a time, as they are read from a journal: JSON lines, CSV (the header
 * before the first row, from the first row's fields), or a text line made by a caller-given formatter. Tables that
 * need every row first (top) use {@link TableRenderer} instead.
 */
final class RowPrinter
{
    /** Formats one row as a text line. */
    interface TextLine
    {
        String format(ObjectNode row);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final OutputFormat format;
    private final TextLine text;
    private boolean headerDone;

    RowPrinter(final PrintWriter out, final OutputFormat format, final TextLine text)
    {
        this.out = out;
        this.format = format;
        this.text = text;
    }

    void print(final ObjectNode row)
    {
        switch (format)
        {
            case JSON:
                try
                {
                    out.println(JSON.writeValueAsString(row));
                }
                catch (final JsonProcessingException ex)
                {
                    throw new IllegalStateException(ex);
                }
                break;
            case CSV:
                if (!headerDone)
                {
                    final List<String> names = new ArrayList<>();
                    row.fieldNames().forEachRemaining(names::add);
                    out.println(String.join(",", names));
                    headerDone = true;
                }
                out.println(csvLine(row));
                break;
            default:
                out.println(text.format(row));
                break;
        }
    }

    void flush()
    {
        out.flush();
    }

    static String csvLine(final ObjectNode row)
    {
        final StringBuilder sb = new StringBuilder();
        final Iterator<String> names = row.fieldNames();
        boolean first = true;
        while (names.hasNext())
        {
            final String value = row.get(names.next()).asText();
            if (!first)
            {
                sb.append(',');
            }
            first = false;
            sb.append(value.indexOf(',') >= 0 || value.indexOf('"') >= 0 ?
                '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return sb.toString();
    }

    /** Prints a whole table in the chosen format (text: aligned columns). */
    static void table(
        final PrintWriter out, final OutputFormat format, final List<TableColumn> columns, final ArrayNode rows)
    {
        if (format == OutputFormat.TEXT)
        {
            out.print(TableRenderer.render(columns, rows));
            return;
        }
        final RowPrinter printer = new RowPrinter(out, format, null);
        for (int i = 0; i < rows.size(); i++)
        {
            printer.print((ObjectNode)rows.get(i));
        }
    }
}
