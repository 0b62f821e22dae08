package net.srv6epe.bgp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.MessageHeader;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target over the whole-message codec: every message type, OPEN optional parameters and capabilities
 * included. Input: byte 0 is the message type, the rest the body; a valid marker and length are put in front so
 * that the fuzzer spends its time on bodies. A decoded message must re-encode to the same octets (UPDATEs only
 * when well framed); a refused one must carry a NOTIFICATION.
 *
 * <p>Plain {@code mvn test} replays {@code src/test/resources/net/srv6epe/bgp/fuzz/MessageFuzzTestInputs/
 * fuzzMessage/}; {@code JAZZER_FUZZ=1 mvn test -Dtest=MessageFuzzTest} fuzzes.
 */
class MessageFuzzTest
{
    @FuzzTest(maxDuration = "30s")
    void fuzzMessage(final byte[] input)
    {
        if (input.length < 1 || input.length - 1 + MessageHeader.HEADER_LENGTH > WireOptions.STANDARD_MAX_MESSAGE_LENGTH)
        {
            return;
        }
        final int length = MessageHeader.HEADER_LENGTH + input.length - 1;
        final byte[] message = new byte[length];
        Arrays.fill(message, 0, MessageHeader.MARKER_LENGTH, (byte)0xFF);
        message[MessageHeader.LENGTH_OFFSET] = (byte)(length >>> 8);
        message[MessageHeader.LENGTH_OFFSET + 1] = (byte)length;
        message[MessageHeader.TYPE_OFFSET] = input[0];
        System.arraycopy(input, 1, message, MessageHeader.HEADER_LENGTH, input.length - 1);

        final BgpMessage decoded;
        try
        {
            decoded = BgpMessageCodec.decode(new UnsafeBuffer(message), 0, length, WireOptions.DEFAULT);
        }
        catch (final MessageDecodeException ex)
        {
            assertNotNull(ex.notification());
            return;
        }
        assertNotNull(decoded.toString());
        if (decoded instanceof UpdateMessage u && !u.defects().isEmpty())
        {
            return;
        }
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(length);
        final int written = BgpMessageCodec.encode(decoded, out, 0, WireOptions.DEFAULT);
        final byte[] back = new byte[written];
        out.getBytes(0, back);
        assertArrayEquals(message, back, decoded::toString);
    }
}
