#!/usr/bin/python3
"""A checksummed TCP transfer for the kernel-interop tests (stdlib only).

  tcp_sha.py serve ADDR PORT          accept one connection, read to EOF, send back the sha256 hex, exit
  tcp_sha.py send ADDR PORT NBYTES [SRC]  send NBYTES random bytes, half-close, compare the digest; exit 0 if equal

Every socket operation has a timeout; the server gives up after 60 s without a client.
"""
import hashlib
import os
import socket
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def serve(addr, port):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    s.settimeout(60)
    print("listening", flush=True)
    c, peer = s.accept()
    c.settimeout(20)
    h = hashlib.sha256()
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        h.update(b)
        n += len(b)
    d = h.hexdigest()
    c.sendall(d.encode())
    c.close()
    print("received %d bytes from %s sha256 %s" % (n, peer[0], d), flush=True)


def send(addr, port, nbytes, src=None):
    s = socket.socket(family(addr), socket.SOCK_STREAM)
    s.settimeout(20)
    if src:
        s.bind((src, 0))
    t0 = time.monotonic()
    s.connect((addr, port))
    h = hashlib.sha256()
    left = nbytes
    while left > 0:
        b = os.urandom(min(left, 65536))
        h.update(b)
        s.sendall(b)
        left -= len(b)
    s.shutdown(socket.SHUT_WR)
    got = b""
    while True:
        b = s.recv(256)
        if not b:
            break
        got += b
    s.close()
    dt = time.monotonic() - t0
    mine = h.hexdigest()
    ok = got.decode(errors="replace") == mine
    print("%s sent %d bytes in %.2f s (%.1f Mbit/s) sha256 %s peer %s" %
          ("OK" if ok else "MISMATCH", nbytes, dt, nbytes * 8 / dt / 1e6, mine, got.decode(errors="replace")),
          flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]))
    else:
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
