package net.srv6epe.bgp.wire.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorSubcodeTest
{
    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
        "1 | 1 | Message Header Error / Connection Not Synchronized",
        "1 | 2 | Message Header Error / Bad Message Length",
        "1 | 3 | Message Header Error / Bad Message Type",
        "2 | 1 | OPEN Message Error / Unsupported Version Number",
        "2 | 2 | OPEN Message Error / Bad Peer AS",
        "2 | 3 | OPEN Message Error / Bad BGP Identifier",
        "2 | 4 | OPEN Message Error / Unsupported Optional Parameter",
        "2 | 6 | OPEN Message Error / Unacceptable Hold Time",
        "2 | 7 | OPEN Message Error / Unsupported Capability",
        "3 | 1 | UPDATE Message Error / Malformed Attribute List",
        "3 | 2 | UPDATE Message Error / Unrecognized Well-known Attribute",
        "3 | 3 | UPDATE Message Error / Missing Well-known Attribute",
        "3 | 4 | UPDATE Message Error / Attribute Flags Error",
        "3 | 5 | UPDATE Message Error / Attribute Length Error",
        "3 | 6 | UPDATE Message Error / Invalid ORIGIN Attribute",
        "3 | 8 | UPDATE Message Error / Invalid NEXT_HOP Attribute",
        "3 | 9 | UPDATE Message Error / Optional Attribute Error",
        "3 | 10 | UPDATE Message Error / Invalid Network Field",
        "3 | 11 | UPDATE Message Error / Malformed AS_PATH",
        "4 | 0 | Hold Timer Expired / Unspecific",
        "5 | 0 | Finite State Machine Error / Unspecific",
        "5 | 1 | Finite State Machine Error / Receive Unexpected Message in OpenSent State",
        "5 | 2 | Finite State Machine Error / Receive Unexpected Message in OpenConfirm State",
        "5 | 3 | Finite State Machine Error / Receive Unexpected Message in Established State",
        "6 | 1 | Cease / Maximum Number of Prefixes Reached",
        "6 | 2 | Cease / Administrative Shutdown",
        "6 | 3 | Cease / Peer De-configured",
        "6 | 4 | Cease / Administrative Reset",
        "6 | 5 | Cease / Connection Rejected",
        "6 | 6 | Cease / Other Configuration Change",
        "6 | 7 | Cease / Connection Collision Resolution",
        "6 | 8 | Cease / Out of Resources",
        "7 | 1 | ROUTE-REFRESH Message Error / Invalid Message Length",
        "8 | 0 | Send Hold Timer Expired / Unspecific",
        "9 | 9 | code 9 / subcode 9",
    })
    void namesEveryCodeAndSubcode(final int code, final int subcode, final String name)
    {
        assertEquals(name, ErrorSubcode.describe(code, subcode));
    }

    @Test
    void ordersActionsByStrength()
    {
        assertTrue(ErrorAction.SESSION_RESET.compareTo(ErrorAction.TREAT_AS_WITHDRAW) > 0);
        assertTrue(ErrorAction.TREAT_AS_WITHDRAW.compareTo(ErrorAction.ATTRIBUTE_DISCARD) > 0);
        assertEquals(ErrorAction.TREAT_AS_WITHDRAW, ErrorAction.ATTRIBUTE_DISCARD.max(ErrorAction.TREAT_AS_WITHDRAW));
        assertEquals(ErrorAction.SESSION_RESET, ErrorAction.SESSION_RESET.max(ErrorAction.NONE));
    }
}
