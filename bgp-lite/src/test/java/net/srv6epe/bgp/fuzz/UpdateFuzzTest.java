package net.srv6epe.bgp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorAction;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.MessageHeader;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target over the UPDATE decoder and the RFC 7606 validator (and, for one selector bit, the whole-message
 * codec in front of them).
 *
 * <p>Input: byte 0 selects options (bit 0: 4-octet AS, bit 1: external peer, bit 2: decode through
 * {@link BgpMessageCodec} behind a generated header, bit 3: RFC 8654 extended messages, bit 4: check the leftmost AS against 65001); the rest is the UPDATE
 * body. The body sits alone in a buffer of exactly its length and agrona's bounds checks are on, so any read
 * outside it throws and fails the test. Also checked: the validator always answers, a session reset always has
 * its NOTIFICATION, and an UPDATE decoded without framing defects re-encodes to the very same octets.
 *
 * <p>In plain {@code mvn test} this replays the committed corpus in
 * {@code src/test/resources/net/srv6epe/bgp/fuzz/UpdateFuzzTestInputs/fuzzUpdate/} (Jazzer regression mode);
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=UpdateFuzzTest} fuzzes for new inputs.
 */
class UpdateFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void fuzzUpdate(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final int selector = input[0] & 0xFF;
        WireOptions options = WireOptions.DEFAULT.withFourOctetAs((selector & 1) != 0);
        if ((selector & 8) != 0)
        {
            options = options.withMaxMessageLength(WireOptions.EXTENDED_MAX_MESSAGE_LENGTH);
        }
        final UpdateValidator validator = new UpdateValidator((selector & 2) != 0,
            (selector & 16) != 0 ? 65001 : UpdateValidator.ANY_PEER_AS, options);
        final byte[] body = Arrays.copyOfRange(input, 1, input.length);

        final UpdateMessage update;
        if ((selector & 4) != 0)
        {
            update = throughCodec(body, options);
            if (update == null)
            {
                return;
            }
        }
        else
        {
            update = UpdateMessage.decode(new UnsafeBuffer(body), 0, body.length, options);
        }

        final ValidationResult result = validator.validate(update);
        assertNotNull(result.action());
        assertNotNull(result.toString());
        assertNotNull(update.toString());
        if (result.action() == ErrorAction.SESSION_RESET)
        {
            assertNotNull(result.notification());
        }
        assertTrue(result.keptAttributes(update).size() <= update.attributes().size());

        if (update.defects().isEmpty())
        {
            final ExpandableArrayBuffer out = new ExpandableArrayBuffer(Math.max(64, body.length));
            final int length = update.encodeBody(out, 0, options);
            final byte[] back = new byte[length];
            out.getBytes(0, back);
            assertArrayEquals(body, back, "a well-framed UPDATE re-encodes to its own octets");
        }
    }

    private static UpdateMessage throughCodec(final byte[] body, final WireOptions options)
    {
        final int length = MessageHeader.HEADER_LENGTH + body.length;
        if (length > WireOptions.EXTENDED_MAX_MESSAGE_LENGTH)
        {
            return null;
        }
        final byte[] message = new byte[length];
        Arrays.fill(message, 0, MessageHeader.MARKER_LENGTH, (byte)0xFF);
        message[MessageHeader.LENGTH_OFFSET] = (byte)(length >>> 8);
        message[MessageHeader.LENGTH_OFFSET + 1] = (byte)length;
        message[MessageHeader.TYPE_OFFSET] = 2;
        System.arraycopy(body, 0, message, MessageHeader.HEADER_LENGTH, body.length);
        try
        {
            final BgpMessage decoded = BgpMessageCodec.decode(new UnsafeBuffer(message), 0, length, options);
            assertEquals(length, BgpMessageCodec.frameLength(new UnsafeBuffer(message), 0, length, options));
            return (UpdateMessage)decoded;
        }
        catch (final MessageDecodeException ex)
        {
            // header errors are fine as long as they carry a NOTIFICATION
            assertNotNull(ex.notification());
            return null;
        }
    }
}
