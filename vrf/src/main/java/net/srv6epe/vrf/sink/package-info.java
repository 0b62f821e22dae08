/** The route-sink interface routing protocols install routes through, and its publishing implementation. */
package net.srv6epe.vrf.sink;
