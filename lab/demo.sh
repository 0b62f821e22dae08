#!/usr/bin/env bash
# srv6-epe demo: the paper's EPE lab in short (docs/LAB.md has the full scenarios). A content server with one
# default and two EPE source addresses, our forwarder as its SRv6 encapsulator (PBR by source address -> per-peer
# VRF -> H.Encaps / H.Encaps.Red), our forwarder as the ASBR (End.DT6 / End.DT46 into per-peer VRFs), two kernel
# transit routers whose links to the client are shaped with tc (links a and b), and a client running MPTCP.
# Static configuration only: no BGP daemon is needed. Every address is from fd00:: /8 and lives in namespaces this
# script creates and deletes (also on failure or Ctrl-C).
#
#   srv ---- cs (ours: encap) ---- asbr (ours: decap) ---- ta (kernel) ---- link a ---- cl (client)
#                                                    `---- tb (kernel) ---- link b ----'
#
# It shows (1) each egress path: each source address's VRF, SID and transit, and its TCP throughput alone; then
# (2) scenario 1 in short: a good pattern (links a/b 30/30 Mbit/s) and one where the BGP best path is poor (15/30),
# CBR 25 Mbit/s and bulk, plain TCP (BGP best path only) against MPTCP-EPE (one subflow per egress path).
#
# Usage: lab/demo.sh [--seconds N]   (length of each transfer, default 3)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
seconds=3
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "the demo builds network namespaces: run it as root" >&2; exit 1; }
# the work runs in a child shell, so that Ctrl-C stops it at once, even during a transfer (lab/epe/supervise.sh)
. "$root/lab/epe/supervise.sh"
epe_supervise "s6d@PID@" "${args[@]}"
"$root/lab/install-deps.sh" runtime
for c in iperf3 mptcpize tc; do
  command -v "$c" >/dev/null || { echo "the demo needs $c (lab/install-deps.sh runtime installs it)" >&2; exit 1; }
done
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3

. "$root/lab/lib.sh"
. "$root/lab/epe/topo.sh"
. "$root/lab/epe/traffic.sh"
trap lab_cleanup EXIT
trap 'exit 130' INT TERM
jar=$EPE_JAR
fail=0

epe_build static

echo
echo "== 1. the egress paths: ping and a $seconds s TCP transfer from each of the server's addresses (links a, b at 30 Mbit/s)"
rx() { lab_exec "$1" cat "/sys/class/net/$2/statistics/rx_packets"; }
lab_bg cl "$LAB_TMP/iperf3-server.log" iperf3 -s -B "$EPE_CLIENT"
sleep 0.5
printf '\n%-12s %-22s %-8s %-14s %-10s %-5s %s\n' "source" "role" "VRF" "SID" "egress" "ping" "TCP Mbit/s"
for row in "$EPE_SRV default best-path $EPE_SID_BEST" "$EPE_SRV_A epe-a EPE-Transit-A $EPE_SID_A" \
           "$EPE_SRV_B epe-b EPE-Transit-B $EPE_SID_B"; do
  set -- $row
  a0=$(rx ta ta0); b0=$(rx tb tb0)
  if lab_exec srv ping -6 -c 3 -i 0.2 -W 2 -I "$1" "$EPE_CLIENT" >"$LAB_TMP/ping.log" 2>&1; then ping=ok; else ping=FAIL; fail=1; fi
  a1=$(rx ta ta0); b1=$(rx tb tb0)
  if [ $((a1 - a0)) -ge 3 ] && [ $((b1 - b0)) -lt 3 ]; then egress=transit-a
  elif [ $((b1 - b0)) -ge 3 ] && [ $((a1 - a0)) -lt 3 ]; then egress=transit-b
  else egress="?"; fail=1; fi
  # the best path and EPE A must leave through Transit A, EPE B through Transit B
  case "$2:$egress" in default:transit-a|epe-a:transit-a|epe-b:transit-b) ;; *) fail=1 ;; esac
  mbps=$(lab_exec srv timeout $((seconds + 10)) iperf3 -6 -c "$EPE_CLIENT" -B "$1" -t "$seconds" -J 2>"$LAB_TMP/iperf3.err" |
         "$PY" -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))' 2>/dev/null) ||
    { mbps=FAIL; fail=1; }
  printf '%-12s %-22s %-8s %-14s %-10s %-5s %s\n' "$1" "${3//-/ }" "$2" "$4" "$egress" "$ping" "$mbps"
done

echo
echo "== 2. scenario 1 in short: L7 goodput in Mbit/s of a $seconds s transfer, server -> client"
echo "   TCP: one connection on the BGP best path (via Transit A). MPTCP-EPE: the client connects to the server's"
echo "   default address, the server announces its EPE addresses, one subflow per egress path."
echo
mkdir -p "$LAB_TMP/demo"
EPE_MANIFEST="$LAB_TMP/demo/manifest.jsonl"
: >"$EPE_MANIFEST"
for p in 1.1:30:30 1.3:15:30; do
  IFS=: read -r name a b <<<"$p"
  epe_shape a "$a"; epe_shape b "$b"
  for traffic in cbr bulk; do
    for transport in tcp mptcp; do
      epe_transfer "$name" "$transport" "$traffic" "$seconds" "$LAB_TMP/demo/$name-$traffic-$transport.json" \
        "\"pattern\":\"$name\",\"link_a_mbps\":$a,\"link_b_mbps\":$b" || true
    done
  done
done
sleep 0.3   # the flow sampler's last 100 ms
epe_export_flows "$LAB_TMP/demo/flows.jsonl" || fail=1
"$PY" "$root/lab/epe/report.py" demo --manifest "$EPE_MANIFEST" --flows "$LAB_TMP/demo/flows.jsonl" \
  --out "$LAB_TMP/demo" || fail=1

echo
echo "== 3. the ASBR's local SIDs (bin/srv6 show sids)"
java -jar "$jar" show sids --socket "$LAB_TMP/asbr.sock" || fail=1
echo
echo "== the encapsulator's EPE VRFs (bin/srv6 show route --vrf epe-a / epe-b)"
java -jar "$jar" show route --vrf epe-a --socket "$LAB_TMP/cs.sock" || fail=1
java -jar "$jar" show route --vrf epe-b --socket "$LAB_TMP/cs.sock" | tail -n +2 || fail=1
echo
echo "== the encapsulator's SRv6 flow stats of the last transfer (bin/srv6 flows top)"
java -jar "$jar" flows top --dir "$LAB_TMP/cs-journal" --window "${seconds}s" -n 6 || fail=1
echo
if [ "$fail" -eq 0 ]; then
  echo "demo: OK — each source address left through its own egress peer, and MPTCP-EPE used every egress path"
else
  echo "demo: FAILED (logs: cs, asbr below)"; tail -n 20 "$LAB_TMP/cs.log" "$LAB_TMP/asbr.log"
fi
[ -n "${LAB_KEEP:-}" ] && { echo "LAB_KEEP: namespaces kept for $LAB_KEEP s"; sleep "$LAB_KEEP"; }
exit $fail
