/**
 * Linux system calls shared by the port backends (JNA direct mapping, primitive arguments only).
 */
package net.srv6epe.dataplane.port.linux;
