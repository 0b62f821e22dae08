package net.srv6epe.dataplane.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders rows as an aligned text table: a header line, then one line per row, columns separated by two spaces,
 * numeric columns (header included) right-aligned, no trailing blanks. Cells never contain line breaks.
 */
public final class TableRenderer
{
    private static final String GAP = "  ";
    private static final String NONE = "-";

    private TableRenderer()
    {
    }

    /**
     * Renders a table.
     *
     * @param columns the columns, left to right.
     * @param rows    an array of row objects.
     * @return the table, each line terminated by {@code \n}.
     */
    public static String render(final List<TableColumn> columns, final JsonNode rows)
    {
        final List<String[]> lines = new ArrayList<>();
        final String[] header = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++)
        {
            header[c] = columns.get(c).header();
        }
        lines.add(header);
        for (final JsonNode row : rows)
        {
            final String[] cells = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++)
            {
                final String text = columns.get(c).cell().apply(row);
                cells[c] = text == null || text.isEmpty() ? NONE : text.replace('\n', ' ');
            }
            lines.add(cells);
        }
        final int[] widths = new int[columns.size()];
        for (final String[] line : lines)
        {
            for (int c = 0; c < line.length; c++)
            {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (final String[] line : lines)
        {
            final StringBuilder l = new StringBuilder();
            for (int c = 0; c < line.length; c++)
            {
                if (c > 0)
                {
                    l.append(GAP);
                }
                final int pad = widths[c] - line[c].length();
                final boolean right = columns.get(c).rightAlign();
                if (right)
                {
                    l.append(" ".repeat(pad));
                }
                l.append(line[c]);
                if (!right && c < line.length - 1)
                {
                    l.append(" ".repeat(pad));
                }
            }
            sb.append(l.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Columns for rows of unknown shape: one per key of the first row, headers upper-cased.
     *
     * @param rows an array of row objects.
     * @return the columns, empty when there are no rows.
     */
    public static List<TableColumn> columnsOf(final JsonNode rows)
    {
        final List<TableColumn> columns = new ArrayList<>();
        if (rows.isArray() && rows.size() > 0 && rows.get(0).isObject())
        {
            final Iterator<String> keys = rows.get(0).fieldNames();
            while (keys.hasNext())
            {
                final String key = keys.next();
                columns.add(TableColumn.key(key.toUpperCase(java.util.Locale.ROOT), key));
            }
        }
        return columns;
    }

    /**
     * The text of a value: null and JSON null give null, arrays join their items with commas, others as text.
     */
    public static String text(final JsonNode value)
    {
        if (value == null || value.isNull() || value.isMissingNode())
        {
            return null;
        }
        if (value.isArray())
        {
            final List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
