/** Longest-prefix-match FIBs (IPv6, IPv4): 16-bit slots over poptries, immutable snapshots, incremental builders. */
package net.srv6epe.vrf.fib;
