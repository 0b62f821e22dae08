/** The local SID table (exact match of 128-bit SIDs), its locators and the per-behavior attribute rules. */
package net.srv6epe.vrf.sid;
