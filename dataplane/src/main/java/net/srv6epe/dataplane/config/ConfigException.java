package net.srv6epe.dataplane.config;

import java.util.List;

/** A configuration file that cannot be used; carries every problem found, in file order where known. */
public final class ConfigException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /**
     * @param errors the problems, at least one.
     */
    public ConfigException(final List<ConfigError> errors)
    {
        super(errors.isEmpty() ? "invalid configuration" : errors.get(0) +
            (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found. */
    public List<ConfigError> errors()
    {
        return errors;
    }
}
