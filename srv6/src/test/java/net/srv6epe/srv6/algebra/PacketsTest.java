package net.srv6epe.srv6.algebra;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PacketsTest
{
    @ParameterizedTest
    @ValueSource(strings = {
        "IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)/UDP(1000,2000)",
        "IPv6(A,S1;hl=1,tc=184,fl=12345)SRH(S3,S2,S1;SL=2,tag=7,flags=1)IPv6(a,b)",
        "IPv6(A,S1)HBH()SRH(S2,S1;SL=1,pad=4)DestOpt()IPv4(a,b;ttl=9,tos=32,df,id=77)/TCP(80,443)",
        "IPv6(A,S1)SRH(S2,S1;SL=1,hmac)IPv6(a,b)/ICMPv6Echo(7,9)",
        "IPv6(A,S1)RH(3;SL=1)IPv6(a,b)/UDP(1,2)",
        "IPv6(A,S1)Frag(0,1)IPv6(a,b)/UDP(1,2)",
        "IPv6(fd00:db8::1,S1)IPv4(198.19.2.1,b)/ICMP(3,4;param=1400)",
        "IPv4(a,b)/ICMPEcho(1,2)",
        "IPv6(a,b)/ICMPv6(4,0;param=43)",
    })
    void roundTrips(final String algebra)
    {
        for (final int size : new int[]{ 0, 64, 1518 })
        {
            final byte[] bytes = Packets.build(algebra, size);
            assertEquals(algebra, PacketDescriber.describe(bytes), "size " + size);
            assertEquals(size, PacketDescriber.payloadLength(bytes));
        }
    }

    @Test
    void namesMapToDocumentedAddresses()
    {
        final AddressBook book = AddressBook.defaults();
        assertArrayEquals(net.srv6epe.srv6.Ipv6Address.parse("fd00::1"), book.ipv6("A"));
        assertArrayEquals(net.srv6epe.srv6.Ipv6Address.parse("fd00:5::c"), book.ipv6("S12"));
        assertArrayEquals(net.srv6epe.srv6.Ipv6Address.parse("fd00:1::2"), book.ipv6("b"));
        assertEquals(net.srv6epe.srv6.Ipv4Address.parse("198.18.0.2"), book.ipv4("b"));
    }

    @Test
    void definedNamesRoundTrip()
    {
        final AddressBook book = AddressBook.defaults().define("PE1", "fd00:db8::1").define("h", "198.19.2.9");
        final String algebra = "IPv6(PE1,S1)IPv4(h,a)/UDP(1,2)";
        assertEquals(algebra, PacketDescriber.describe(Packets.build(algebra, 10, book), 0,
            Packets.build(algebra, 10, book).length, book));
    }

    @Test
    void describerFlagsCorruptChecksum()
    {
        final byte[] bytes = Packets.build("IPv6(a,b)/UDP(1,2)", 20);
        bytes[bytes.length - 1] ^= 1;
        assertEquals("IPv6(a,b)/UDP(1,2;badsum)", PacketDescriber.describe(bytes));
    }
}
