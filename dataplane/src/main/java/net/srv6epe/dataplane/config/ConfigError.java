package net.srv6epe.dataplane.config;

/**
 * One problem found in a configuration file, named by its path ({@code vrfs[1].routes[3].prefix}, zero-based
 * indexes, kebab-case keys as written in the file).
 *
 * @param path    where the problem is; empty for the whole document.
 * @param message what is wrong, quoting the offending value.
 */
public record ConfigError(String path, String message)
{
    /** {@code path: message}, or just the message for the whole document. */
    @Override
    public String toString()
    {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
