package net.srv6epe.dataplane.config;

import java.util.regex.Pattern;

/** Validation of MAC address text ({@code 02:00:00:00:01:01}, colon-separated, two hex digits per octet). */
final class MacText
{
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private MacText()
    {
    }

    /**
     * Why the text is not a usable unicast MAC, or null when it is one.
     */
    static String problem(final String text)
    {
        if (!MAC.matcher(text).matches())
        {
            return "'" + text + "' is not a MAC address (expected six hex octets like 02:00:00:00:01:01)";
        }
        final int first = Integer.parseInt(text.substring(0, 2), 16);
        if ((first & 1) != 0)
        {
            return "'" + text + "' is a multicast MAC (least significant bit of the first octet set)";
        }
        if (text.replace(":", "").chars().allMatch(c -> c == '0'))
        {
            return "'" + text + "' is the all-zero MAC";
        }
        return null;
    }
}
