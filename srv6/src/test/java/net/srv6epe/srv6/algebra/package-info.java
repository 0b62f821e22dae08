/**
 * Header algebra for tests, VPP style: {@code IPv6(A,S1)SRH(S3,S2,S1;SL=2)IPv6(a,b)/UDP(1000,2000)}.
 *
 * <ul>
 *   <li>{@link net.srv6epe.srv6.algebra.Packets#build(String, int)} turns a string and a payload size into bytes,
 *       computing every length, next header and checksum (grammar in its Javadoc).</li>
 *   <li>{@link net.srv6epe.srv6.algebra.PacketDescriber#describe(byte[])} turns bytes back into the string,
 *       printing only non-default options and flagging {@code badsum} / {@code badlen} / {@code !truncated}, so a
 *       well-formed string round-trips and a test can assert on the readable form.</li>
 *   <li>{@link net.srv6epe.srv6.algebra.AddressBook} maps names to addresses (A = fd00::1, S1 = fd00:5::1, a =
 *       fd00:1::1 or 198.18.0.1) and back; define more with {@code define(name, literal)}.</li>
 * </ul>
 *
 * Shipped in the srv6 test-jar: other modules depend on {@code net.srv6epe:srv6:test-jar} (test scope) and use it
 * for their own golden vectors. Self-contained: it needs only agrona and the srv6 main classes.
 */
package net.srv6epe.srv6.algebra;
