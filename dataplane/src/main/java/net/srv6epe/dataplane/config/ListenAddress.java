package net.srv6epe.dataplane.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A TCP listen address written {@code host:port}: an IPv4 literal ({@code 127.0.0.1:9469}) or an IPv6 literal in
 * brackets ({@code [::1]:9469}); port 0 asks the kernel for a free (ephemeral) port. Host names are refused: a
 * listen address must not depend on name resolution at start.
 *
 * @param host the address literal, without brackets.
 * @param port 0..65535.
 */
public record ListenAddress(String host, int port)
{
    /** Largest TCP port. */
    public static final int MAX_PORT = 65535;

    private static final String EXPECTED = "expected host:port like 127.0.0.1:9469 or [::1]:9469, or off";

    /**
     * Parses {@code host:port}.
     *
     * @param text the configured text.
     * @return the address.
     * @throws IllegalArgumentException with a message quoting the text and saying what is wrong.
     */
    public static ListenAddress parse(final String text)
    {
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("empty (" + EXPECTED + ")");
        }
        final String host;
        final String portText;
        if (text.startsWith("["))
        {
            final int close = text.indexOf(']');
            if (close < 0 || !IpText.isIpv6Text(text.substring(1, close)))
            {
                throw new IllegalArgumentException("'" + text + "' is not host:port (" + EXPECTED + ")");
            }
            if (close == text.length() - 1)
            {
                throw new IllegalArgumentException("'" + text + "' has no port (" + EXPECTED + ")");
            }
            if (text.charAt(close + 1) != ':')
            {
                throw new IllegalArgumentException("'" + text + "' is not host:port (" + EXPECTED + ")");
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        }
        else
        {
            final int colon = text.lastIndexOf(':');
            if (colon < 0)
            {
                throw new IllegalArgumentException("'" + text + "' has no port (" + EXPECTED + ")");
            }
            host = text.substring(0, colon);
            if (IpText.isIpv6Text(host))
            {
                throw new IllegalArgumentException("'" + text + "': an IPv6 host needs brackets, like [::1]:9469");
            }
            portText = text.substring(colon + 1);
        }
        if (host.isEmpty())
        {
            throw new IllegalArgumentException("'" + text + "' has no host (" + EXPECTED + ")");
        }
        try
        {
            IpText.address(host);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "': '" + host + "' is not an IPv4 or IPv6 address " +
                "(host names are not accepted)", ex);
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw new IllegalArgumentException("'" + text + "': port '" + portText + "' is not a number 0.." +
                MAX_PORT);
        }
        final int port = Integer.parseInt(portText);
        if (port > MAX_PORT)
        {
            throw new IllegalArgumentException("'" + text + "': port " + port + " out of range 0.." + MAX_PORT);
        }
        return new ListenAddress(host, port);
    }

    /** True for an IPv6 host. */
    public boolean isIpv6()
    {
        return IpText.isIpv6Text(host);
    }

    /** The socket address to bind: the literal converted without any name lookup. */
    public InetSocketAddress toSocketAddress()
    {
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(IpText.address(host)), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("address of unexpected length: " + host, ex);
        }
    }

    /** {@code host:port}, the IPv6 host in brackets. */
    @Override
    public String toString()
    {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }
}
