#!/usr/bin/env bash
# srv6-epe demo: a content server with one default and two EPE source addresses, our forwarder as its
# SRv6 encapsulator (PBR by source address -> per-peer VRF -> H.Encaps / H.Encaps.Red), our forwarder
# as the ASBR (End.DT6 / End.DT46 into per-peer VRFs), two kernel transit routers and a client.
# Every address is from fd00::/8 and lives in namespaces this script creates and deletes.
#
#   srv ---- cs (ours: encap) ---- asbr (ours: decap) ---- ta (kernel) ---- cl
#                                                    `---- tb (kernel) ----'
#
# Usage: lab/demo.sh [--seconds N]   (TCP transfer length per path, default 2)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
seconds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "the demo builds network namespaces: run it as root" >&2; exit 1; }
"$root/lab/install-deps.sh" runtime
command -v iperf3 >/dev/null || { echo "the demo's TCP transfer needs iperf3 (apt-get install iperf3)" >&2; exit 1; }

. "$root/lab/lib.sh"
trap lab_cleanup EXIT
trap 'exit 130' INT TERM
jar="$root/dataplane/target/srv6-epe.jar"

echo "== building the topology in namespaces $LAB_PREFIX-*"
for n in srv cs asbr ta tb cl; do lab_ns $n; done
lab_veth srv srv0 cs cs0
lab_veth cs cs1 asbr as0
lab_veth asbr asa ta ta0
lab_veth asbr asb tb tb0
lab_veth ta ta1 cl cla
lab_veth tb tb1 cl clb
for l in "cs cs0" "cs cs1" "asbr as0" "asbr asa" "asbr asb"; do lab_router_iface $l; done
for l in "srv srv0" "ta ta0" "tb tb0"; do lab_kernel_peer $l; done

lab_exec srv ip -6 addr add fd00:10::10/64 dev srv0 nodad
lab_exec srv ip -6 addr add fd00:10::a/64 dev srv0 nodad
lab_exec srv ip -6 addr add fd00:10::b/64 dev srv0 nodad
lab_exec srv ip -6 route add default via fd00:10::1 src fd00:10::10
for t in a b; do
  lab_exec t$t sysctl -qw net.ipv6.conf.all.forwarding=1
  lab_exec t$t ip -6 addr add fd00:${t}1::2/64 dev t${t}0 nodad
  lab_exec t$t ip -6 addr add fd00:${t}2::1/64 dev t${t}1 nodad
  lab_exec t$t ip -6 route add fd00:c0::/64 via fd00:${t}2::2
  lab_exec t$t ip -6 route add fd00:10::/64 via fd00:${t}1::1
  lab_exec cl ip -6 addr add fd00:${t}2::2/64 dev cl$t nodad
done
lab_exec cl ip -6 addr add fd00:c0::c/128 dev lo
lab_exec cl ip -6 route add fd00:10::/64 via fd00:a2::1          # the BGP best path: transit A
lab_exec cl ip -6 route add fd00:10::b/128 via fd00:b2::1        # replies to the EPE-B address go back via B

cat >"$LAB_TMP/cs.yaml" <<YAML
router: { name: demo-cs, control-socket: $LAB_TMP/cs.sock, journal-dir: $LAB_TMP/cs-journal, encap-source: fd00:20::1 }
ports:
  - { name: server, interface: cs0, mac: "02:00:00:00:10:01", addresses: [fd00:10::1/64] }
  - { name: core, interface: cs1, mac: "02:00:00:00:20:01", addresses: [fd00:20::1/64] }
vrfs:
  - name: default
    table: 254
    routes:
      - { prefix: fd00:10::/64, port: server }
      - { prefix: fd00:20::/64, port: core }
      - { prefix: "fc00:a::/48", via: fd00:20::2, port: core }
      - { prefix: fd00:c0::/64, via: fd00:20::2, port: core }
  - name: epe-a
    table: 101
    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps, segments: ["fc00:a::a6"] } } ]
  - name: epe-b
    table: 102
    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps.Red, segments: ["fc00:a::b6"] } } ]
pbr:
  - { priority: 10, from: fd00:10::a/128, vrf: epe-a }
  - { priority: 20, from: fd00:10::b/128, vrf: epe-b }
YAML
cat >"$LAB_TMP/asbr.yaml" <<YAML
router: { name: demo-asbr, control-socket: $LAB_TMP/asbr.sock, journal-dir: $LAB_TMP/asbr-journal }
ports:
  - { name: core, interface: as0, mac: "02:00:00:00:20:02", addresses: [fd00:20::2/64] }
  - { name: transit-a, interface: asa, mac: "02:00:00:00:a1:01", addresses: [fd00:a1::1/64] }
  - { name: transit-b, interface: asb, mac: "02:00:00:00:b1:01", addresses: [fd00:b1::1/64] }
vrfs:
  - name: default
    table: 254
    routes:
      - { prefix: fd00:10::/64, via: fd00:20::1, port: core }
      - { prefix: fd00:20::/64, port: core }
      - { prefix: fd00:a1::/64, port: transit-a }
      - { prefix: fd00:b1::/64, port: transit-b }
      - { prefix: fd00:c0::/64, via: fd00:a1::2, port: transit-a }
  - name: peer-a
    table: 101
    routes: [ { prefix: fd00:c0::/64, via: fd00:a1::2, port: transit-a } ]
  - name: peer-b
    table: 102
    routes: [ { prefix: fd00:c0::/64, via: fd00:b1::2, port: transit-b } ]
locators: [ { name: epe, prefix: "fc00:a::/48" } ]
sids:
  - { sid: "fc00:a::a6", behavior: End.DT6, vrf: peer-a }
  - { sid: "fc00:a::b6", behavior: End.DT46, vrf: peer-b }
YAML

echo "== starting our forwarder twice: content-server encapsulator (cs) and ASBR (asbr)"
lab_bg cs "$LAB_TMP/cs.log" java ${SRV6_JAVA_OPTS:-} -jar "$jar" run --config "$LAB_TMP/cs.yaml"
lab_bg asbr "$LAB_TMP/asbr.log" java ${SRV6_JAVA_OPTS:-} -jar "$jar" run --config "$LAB_TMP/asbr.yaml"
lab_wait_socket "$LAB_TMP/cs.sock" 30 || { cat "$LAB_TMP/cs.log"; exit 1; }
lab_wait_socket "$LAB_TMP/asbr.sock" 30 || { cat "$LAB_TMP/asbr.log"; exit 1; }

rx() { lab_exec "$1" cat "/sys/class/net/$2/statistics/rx_packets"; }
lab_bg cl "$LAB_TMP/iperf3-server.log" iperf3 -s -B fd00:c0::c

printf '\n%-14s %-8s %-12s %-13s %-6s %s\n' "source" "VRF" "SID" "egress" "ping" "TCP Mbit/s"
fail=0
for row in "fd00:10::10 default -" "fd00:10::a epe-a fc00:a::a6" "fd00:10::b epe-b fc00:a::b6"; do
  set -- $row
  a0=$(rx ta ta0); b0=$(rx tb tb0)
  if lab_exec srv ping -6 -c 3 -i 0.2 -W 2 -I "$1" fd00:c0::c >"$LAB_TMP/ping.log" 2>&1; then ping=ok; else ping=FAIL; fail=1; fi
  a1=$(rx ta ta0); b1=$(rx tb tb0)
  if [ $((a1 - a0)) -ge 3 ] && [ $((b1 - b0)) -lt 3 ]; then egress=transit-a
  elif [ $((b1 - b0)) -ge 3 ] && [ $((a1 - a0)) -lt 3 ]; then egress=transit-b
  else egress="?"; fail=1; fi
  mbps=$(lab_exec srv timeout $((seconds + 10)) iperf3 -6 -c fd00:c0::c -B "$1" -t "$seconds" -J 2>"$LAB_TMP/iperf3.err" | tee "$LAB_TMP/iperf3.json" |
         python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))' 2>/dev/null) || { mbps=FAIL; fail=1; }
  printf '%-14s %-8s %-12s %-13s %-6s %s\n' "$1" "$2" "$3" "$egress" "$ping" "$mbps"
done

echo
echo "== the ASBR's local SIDs (bin/srv6 show sids)"
java -jar "$jar" show sids --socket "$LAB_TMP/asbr.sock" || fail=1
echo
echo "== the encapsulator's VRF epe-b (bin/srv6 show route --vrf epe-b)"
java -jar "$jar" show route --vrf epe-b --socket "$LAB_TMP/cs.sock" || fail=1
echo
echo "== the encapsulator's SRv6 flow stats, last 30 s (bin/srv6 flows top)"
sleep 0.3   # one more 100 ms sample
java -jar "$jar" flows top --dir "$LAB_TMP/cs-journal" --window 30s -n 6 || fail=1
echo
if [ "$fail" -eq 0 ]; then echo "demo: OK — each source address left through its own egress peer"; else
  echo "demo: FAILED (logs: cs, asbr below)"; tail -n 20 "$LAB_TMP/cs.log" "$LAB_TMP/asbr.log"; fi
[ -n "${LAB_KEEP:-}" ] && { echo "LAB_KEEP: namespaces kept for $LAB_KEEP s"; sleep "$LAB_KEEP"; }
exit $fail
