/**
 * Errors: NOTIFICATION codes and subcodes (RFC 4271 6, RFC 4486, RFC 5492, RFC 7313), the RFC 7606 error
 * actions, and the UPDATE validator that maps every malformation a decoder recorded to its action.
 */
package net.srv6epe.bgp.wire.error;
