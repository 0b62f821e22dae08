/** Policy routing: rules from source (and destination) prefix to a VRF, first match by priority. */
package net.srv6epe.vrf.pbr;
