package net.srv6epe.bgp.wire.error;

import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the validator found in one UPDATE, and the strongest action among it (RFC 7606 2: session reset >
 * treat-as-withdraw > attribute discard).
 *
 * @param errors the findings in the order found
 */
public record ValidationResult(List<UpdateError> errors)
{
    /** The result for a clean UPDATE. */
    public static final ValidationResult VALID = new ValidationResult(List.of());

    public ValidationResult
    {
        errors = List.copyOf(errors);
    }

    /** True when nothing was found. */
    public boolean isValid()
    {
        return errors.isEmpty();
    }

    /** The strongest action, {@link ErrorAction#NONE} when valid. */
    public ErrorAction action()
    {
        final UpdateError e = strongest();
        return e == null ? ErrorAction.NONE : e.action();
    }

    /** The first finding of the strongest action, or null when valid. */
    public UpdateError strongest()
    {
        UpdateError best = null;
        for (final UpdateError e : errors)
        {
            if (best == null || e.action().compareTo(best.action()) > 0)
            {
                best = e;
            }
        }
        return best;
    }

    /** The NOTIFICATION to send when the action is a session reset, else null. */
    public NotificationMessage notification()
    {
        final UpdateError e = strongest();
        return e == null || e.action() != ErrorAction.SESSION_RESET ? null : NotificationMessage.of(e.subcode(),
            e.data());
    }

    /**
     * The UPDATE's attributes without the discarded ones (RFC 7606 2 attribute discard, 3 g duplicates): what the
     * RIB keeps when the action is {@link ErrorAction#ATTRIBUTE_DISCARD}.
     */
    public List<PathAttribute> keptAttributes(final UpdateMessage update)
    {
        final List<PathAttribute> kept = new ArrayList<>(update.attributes().size());
        for (int i = 0; i < update.attributes().size(); i++)
        {
            boolean discard = false;
            for (final UpdateError e : errors)
            {
                discard |= e.action() == ErrorAction.ATTRIBUTE_DISCARD && e.attributeIndex() == i;
            }
            if (!discard)
            {
                kept.add(update.attributes().get(i));
            }
        }
        return kept;
    }

    @Override
    public String toString()
    {
        return isValid() ? "valid" : action() + " " + errors;
    }
}
