#!/usr/bin/python3
"""Sends malformed SRv6 packets to a router and reports the ICMPv6 errors that come back (scapy; Debian python3-scapy).

  malformed.py CASE IFACE SRC_MAC DST_MAC SRC COUNT SID_END SID_DT6 INNER_DST NEXT_SID

Prints one JSON object: {"case": ..., "sent": n, "icmp": [{"type", "code", "ptr", "quoted_dst", "src"}...]}.
Only ICMPv6 errors (type < 128) addressed to SRC are reported.
"""
import json
import socket
import sys
import time

from scapy.all import AsyncSniffer, Ether, IPv6, IPv6ExtHdrSegmentRouting, Raw, UDP, conf, sendp  # noqa: E402

conf.verb = 0


def build(case, src, sid_end, sid_dt6, inner_dst, next_sid):
    udp = UDP(sport=40000, dport=40001) / Raw(b"srv6-epe interop " * 4)
    if case == "sl-exceeds-last-entry":
        # Segments Left 5 > Last Entry 1 + 1
        return IPv6(src=src, dst=sid_end, hlim=64) / IPv6ExtHdrSegmentRouting(
            addresses=[next_sid, sid_end], segleft=5, lastentry=1, nh=17) / udp
    if case == "sl-zero-udp-at-end":
        # the End SID is the final destination; UDP is not an upper layer it serves
        return IPv6(src=src, dst=sid_end, hlim=64) / IPv6ExtHdrSegmentRouting(
            addresses=[sid_end], segleft=0, lastentry=0, nh=17) / udp
    if case == "sl-nonzero-at-dt6":
        # End.DT6 must be the last segment
        return IPv6(src=src, dst=sid_dt6, hlim=64) / IPv6ExtHdrSegmentRouting(
            addresses=[next_sid, sid_dt6], segleft=1, lastentry=1, nh=41) / IPv6(src=src, dst=inner_dst) / udp
    if case == "hop-limit-1-at-end":
        return IPv6(src=src, dst=sid_end, hlim=1) / IPv6ExtHdrSegmentRouting(
            addresses=[next_sid, sid_end], segleft=1, lastentry=1, nh=41) / IPv6(src=src, dst=inner_dst) / udp
    if case == "truncated-srh":
        # Hdr Ext Len 10 (88 octets) but the packet ends after 24 octets of SRH (payload length consistent)
        srh = bytes([17, 10, 4, 1, 1, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, sid_end)
        return IPv6(src=src, dst=sid_end, hlim=64, nh=43) / Raw(srh)
    raise SystemExit("unknown case " + case)


def main():
    case, iface, src_mac, dst_mac, src, count, sid_end, sid_dt6, inner_dst, next_sid = sys.argv[1:11]
    count = int(count)
    pkt = Ether(src=src_mac, dst=dst_mac) / build(case, src, sid_end, sid_dt6, inner_dst, next_sid)
    sniffer = AsyncSniffer(iface=iface, filter="icmp6 and ip6[40] < 128 and dst host " + src, store=True)
    sniffer.start()
    deadline = time.monotonic() + 5
    while not getattr(sniffer, "running", False) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    for _ in range(count):
        sendp(pkt, iface=iface)
        time.sleep(0.05)
    time.sleep(1.0)
    got = sniffer.stop() or []
    icmp = []
    for p in got:
        if IPv6 not in p:
            continue
        b = bytes(p[IPv6].payload)
        if len(b) < 8:
            continue
        quoted_dst = socket.inet_ntop(socket.AF_INET6, b[8 + 24:8 + 40]) if len(b) >= 48 else None
        icmp.append({"type": b[0], "code": b[1], "ptr": int.from_bytes(b[4:8], "big"),
                     "quoted_dst": quoted_dst, "src": p[IPv6].src})
    print(json.dumps({"case": case, "sent": count, "frame": bytes(pkt).hex(), "icmp": icmp}), flush=True)


if __name__ == "__main__":
    main()
