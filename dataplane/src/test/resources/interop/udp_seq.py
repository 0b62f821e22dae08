#!/usr/bin/python3
"""Sequence-numbered UDP for the reload test (stdlib only).

  udp_seq.py send DST PORT COUNT RATE     send COUNT datagrams of 64 bytes at RATE per second, seq in the first 8
  udp_seq.py recv ADDR PORT IDLE          count datagrams until IDLE seconds pass without one (after the first);
                                          print "received N unique U max M" and exit

Bounded: the receiver gives up 60 s after start without any datagram.
"""
import socket
import struct
import sys
import time


def send(dst, port, count, rate):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    pad = b"\0" * 56
    start = time.monotonic()
    for i in range(count):
        due = start + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        s.sendto(struct.pack("!Q", i) + pad, (dst, port))
    print("sent %d" % count, flush=True)


def recv(addr, port, idle):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((addr, port))
    s.settimeout(60)
    print("listening", flush=True)
    seen = set()
    n = 0
    top = -1
    while True:
        try:
            data = s.recv(2048)
        except socket.timeout:
            break
        n += 1
        seq = struct.unpack("!Q", data[:8])[0]
        seen.add(seq)
        top = max(top, seq)
        s.settimeout(idle)
    print("received %d unique %d max %d" % (n, len(seen), top), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "send":
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    else:
        recv(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
