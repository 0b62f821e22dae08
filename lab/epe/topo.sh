# The EPE lab topology (the paper's Fig. 7) in network namespaces. Sourced after lab/lib.sh.
#
#   srv ---- cs ====== asbr ---- ta ---- link a ----.
#   content  ours:     ours:       `-- tb ---- link b ----+--- cl (client ISP, fd00:c0::/64)
#   server   H.Encaps  End.DT6/46
#                 \      /
#                  `-rr-'   route reflector (GoBGP), in the BGP control plane only
#
# Two control planes:
#   bgp     the paper's: the client ISP announces fd00:c0::/64 to Transit A and Transit B over eBGP (GoBGP),
#           the transits re-announce it to our ASBR (eBGP), the ASBR allocates one SID per egress-peer VRF and
#           exports VPNv6 + SRv6 to the route reflector (GoBGP), which reflects it to our content-server
#           encapsulator (iBGP). Needs gobgpd.
#   static  the same data plane from static configuration only (egress VRFs and SIDs configured at the ASBR,
#           encap routes at the content server): no daemon besides our two routers. Used by bin/srv6 demo.
#
# In both, the BGP best path (via Transit A) is static: the content server's default VRF sends the client prefix
# H.Encaps.Red to the ASBR's global-table SID (End.DT6 into the ASBR's default VRF), whose default VRF routes it
# to Transit A. Our speaker does not (yet) install an egress peer's best path in the ASBR's default VRF or
# advertise it as IPv6 unicast, so there is no BGP best path to follow; see docs/LAB.md.
#
# Every address and SID is listed in docs/LAB.md. Variables set here: EPE_MODE, EPE_SID_A, EPE_SID_B, EPE_SID_BEST.

EPE_JAR=${SRV6_EPE_JAR:-${root:?}/dataplane/target/srv6-epe.jar}
EPE_JAVA_OPTS=${SRV6_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC}

EPE_SRV=fd00:10::10          # the content server's default address (the BGP best path)
EPE_SRV_A=fd00:10::a         # its EPE address for Transit A
EPE_SRV_B=fd00:10::b         # its EPE address for Transit B
EPE_CLIENT=fd00:c0::c        # the client, in the client ISP's prefix
EPE_CLIENT_PREFIX=fd00:c0::/64
EPE_SID_A=fc00:a:0:1::       # End.DT6 into VRF peer-a (allocated by the ASBR from fc00:a::/48: function 1)
EPE_SID_B=fc00:a:0:2::       # End.DT46 into VRF peer-b (function 2)
EPE_SID_BEST=fc00:b::d6      # End.DT6 into the ASBR's default VRF (the best path, static)
EPE_MTU_CORE=1600            # the CSP core link carries 1500-byte server packets plus the SRv6 headers

epe_log() { echo "== $*" >&2; }

# epe_gobgpd NS NAME API_PORT: start gobgpd in NS with $LAB_TMP/gobgpd-NAME.toml, wait until its API answers.
epe_gobgpd() {
  local ns=$1 name=$2 api=$3 i
  lab_bg "$ns" "$LAB_TMP/gobgpd-$name.log" gobgpd -f "$LAB_TMP/gobgpd-$name.toml" -t toml \
    --api-hosts "127.0.0.1:$api" --pprof-disable
  for ((i = 0; i < 100; i++)); do
    lab_exec "$ns" gobgp -p "$api" global >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "gobgpd $name in $LAB_PREFIX-$ns did not answer on port $api:" >&2
  tail -n 20 "$LAB_TMP/gobgpd-$name.log" >&2
  return 1
}

# epe_gobgp_conf FILE AS ROUTER_ID LOCAL_ADDRESSES -- NEIGHBOR_SPEC...
#   NEIGHBOR_SPEC = ADDRESS,PEER_AS,LOCAL_ADDRESS,MODE,FAMILIES   MODE passive|active|rr  FAMILIES ipv6|vpn
epe_gobgp_conf() {
  local file=$1 as=$2 rid=$3 locals=$4 spec addr pas local mode fam f
  shift 4
  {
    echo "[global.config]"
    echo "  as = $as"
    echo "  router-id = \"$rid\""
    echo "  port = 179"
    echo "  local-address-list = [$(printf '"%s",' ${locals//,/ } | sed 's/,$//')]"
    for spec in "$@"; do
      IFS=, read -r addr pas local mode fam <<<"$spec"
      echo "[[neighbors]]"
      echo "  [neighbors.config]"
      echo "    neighbor-address = \"$addr\""
      echo "    peer-as = $pas"
      echo "  [neighbors.timers.config]"
      echo "    connect-retry = 1"
      echo "    hold-time = 9"
      echo "    keepalive-interval = 3"
      echo "  [neighbors.transport.config]"
      echo "    local-address = \"$local\""
      [ "$mode" = active ] || echo "    passive-mode = true"
      if [ "$mode" = rr ]; then
        echo "  [neighbors.route-reflector.config]"
        echo "    route-reflector-client = true"
        echo "    route-reflector-cluster-id = \"$rid\""
      fi
      for f in ${fam//+/ }; do
        echo "  [[neighbors.afi-safis]]"
        echo "    [neighbors.afi-safis.config]"
        case $f in
          ipv6) echo "      afi-safi-name = \"ipv6-unicast\"" ;;
          vpn) echo "      afi-safi-name = \"l3vpn-ipv6-unicast\"" ;;
        esac
      done
    done
  } >"$file"
}

epe_cs_yaml() {
  local mode=$1
  cat <<YAML
router: { name: epe-cs, control-socket: $LAB_TMP/cs.sock, journal-dir: $LAB_TMP/cs-journal, encap-source: "fd00:20::1",
          metrics: { listen: "off" } }
ports:
  - { name: server, interface: cs0, mac: "02:00:00:00:10:01", addresses: ["fd00:10::1/64"] }
  - { name: core, interface: cs1, mac: "02:00:00:00:20:01", addresses: ["fd00:20::1/64"], mtu: $EPE_MTU_CORE }
vrfs:
  - name: default
    table: 254
    routes:
      - { prefix: "fc00:b::/48", via: "fd00:20::2", port: core }
      - { prefix: "$EPE_CLIENT_PREFIX", encap: { mode: H.Encaps.Red, segments: ["$EPE_SID_BEST"] } }
YAML
  if [ "$mode" = static ]; then
    cat <<YAML
      - { prefix: "fc00:a::/48", via: "fd00:20::2", port: core }
  - name: epe-a
    table: 101
    routes: [ { prefix: "$EPE_CLIENT_PREFIX", encap: { mode: H.Encaps, segments: ["$EPE_SID_A"] } } ]
  - name: epe-b
    table: 102
    routes: [ { prefix: "$EPE_CLIENT_PREFIX", encap: { mode: H.Encaps.Red, segments: ["$EPE_SID_B"] } } ]
YAML
  else
    cat <<YAML
  - { name: epe-a, table: 101 }
  - { name: epe-b, table: 102 }
YAML
  fi
  cat <<YAML
pbr:
  - { priority: 10, from: "$EPE_SRV_A/128", vrf: epe-a }
  - { priority: 20, from: "$EPE_SRV_B/128", vrf: epe-b }
YAML
  if [ "$mode" = bgp ]; then
    cat <<YAML
bgp:
  asn: 65000
  router-id: 198.18.0.1
  neighbors:
    - { address: "fd00:31::2", remote-as: 65000, role: ibgp, local-address: "fd00:31::1", hold-time: 9,
        connect-retry: 1 }
  content-server:
    unicast-vrf: default
    import-vrfs:
      - { vrf: epe-a, route-targets: ["65000:101"], mode: H.Encaps, underlay-vrf: default }
      - { vrf: epe-b, route-targets: ["65000:102"], mode: H.Encaps.Red, underlay-vrf: default }
YAML
  fi
}

epe_asbr_yaml() {
  local mode=$1
  cat <<YAML
router: { name: epe-asbr, control-socket: $LAB_TMP/asbr.sock, journal-dir: $LAB_TMP/asbr-journal,
          metrics: { listen: "off" } }
ports:
  - { name: core, interface: as0, mac: "02:00:00:00:20:02", addresses: ["fd00:20::2/64"], mtu: $EPE_MTU_CORE }
  - { name: transit-a, interface: asa, mac: "02:00:00:00:a1:01", addresses: ["fd00:a1::1/64"] }
  - { name: transit-b, interface: asb, mac: "02:00:00:00:b1:01", addresses: ["fd00:b1::1/64"] }
vrfs:
  - name: default
    table: 254
    routes:
      - { prefix: "fd00:10::/64", via: "fd00:20::1", port: core }
      - { prefix: "$EPE_CLIENT_PREFIX", via: "fd00:a1::2", port: transit-a }
YAML
  if [ "$mode" = static ]; then
    cat <<YAML
  - name: peer-a
    table: 101
    routes: [ { prefix: "$EPE_CLIENT_PREFIX", via: "fd00:a1::2", port: transit-a } ]
  - name: peer-b
    table: 102
    routes: [ { prefix: "$EPE_CLIENT_PREFIX", via: "fd00:b1::2", port: transit-b } ]
locators: [ { name: epe, prefix: "fc00:a::/48" }, { name: global, prefix: "fc00:b::/48" } ]
sids:
  - { sid: "$EPE_SID_A", behavior: End.DT6, vrf: peer-a }
  - { sid: "$EPE_SID_B", behavior: End.DT46, vrf: peer-b }
  - { sid: "$EPE_SID_BEST", behavior: End.DT6, vrf: default }
YAML
  else
    cat <<YAML
  - { name: peer-a, table: 101 }
  - { name: peer-b, table: 102 }
locators: [ { name: global, prefix: "fc00:b::/48" } ]
sids:
  - { sid: "$EPE_SID_BEST", behavior: End.DT6, vrf: default }
bgp:
  asn: 65000
  router-id: 198.18.0.2
  neighbors:
    - { address: "fd00:a1::2", remote-as: 65010, role: egress-peer, families: [ipv6-unicast],
        local-address: "fd00:a1::11", hold-time: 9, connect-retry: 1 }
    - { address: "fd00:b1::2", remote-as: 65020, role: egress-peer, families: [ipv6-unicast],
        local-address: "fd00:b1::11", hold-time: 9, connect-retry: 1 }
    - { address: "fd00:32::2", remote-as: 65000, role: ibgp, local-address: "fd00:32::1", hold-time: 9,
        connect-retry: 1 }
  asbr:
    dataplane-address: "fd00:20::2"
    locator: { prefix: "fc00:a::/48", block-length: 32, function-length: 16 }
    egress-peers:
      - { neighbor: "fd00:a1::2", vrf: peer-a, rd: "65000:101", export-route-targets: ["65000:101"],
          behavior: End.DT6, next-hop: "fd00:a1::2", port: transit-a }
      - { neighbor: "fd00:b1::2", vrf: peer-b, rd: "65000:102", export-route-targets: ["65000:102"],
          behavior: End.DT46, next-hop: "fd00:b1::2", port: transit-b }
YAML
  fi
}

# epe_router NS NAME: start our router in NS with $LAB_TMP/NAME.yaml and wait for its control socket.
epe_router() {
  local ns=$1 name=$2
  java -jar "$EPE_JAR" config check "$LAB_TMP/$name.yaml" >"$LAB_TMP/$name.check" 2>&1 ||
    { echo "the $name configuration is invalid:" >&2; cat "$LAB_TMP/$name.check" >&2; return 1; }
  # shellcheck disable=SC2086
  lab_bg "$ns" "$LAB_TMP/$name.log" java $EPE_JAVA_OPTS -jar "$EPE_JAR" run --config "$LAB_TMP/$name.yaml"
  lab_wait_socket "$LAB_TMP/$name.sock" 60 || { echo "router $name did not start:" >&2; tail -n 30 "$LAB_TMP/$name.log" >&2; return 1; }
}

# epe_show ROUTER ARGS...: bin/srv6 show ARGS on router cs|asbr (text, or add --json)
epe_show() {
  local r=$1; shift
  java -jar "$EPE_JAR" show "$@" --socket "$LAB_TMP/$r.sock"
}

# epe_shape a|b MBIT: shape the link from the transit towards the client (tbf; see docs/LAB.md for why not netem)
epe_shape() {
  local link=$1 rate=$2 burst limit
  # bucket: 2 ms at the rate, at least 8 full-size frames; queue: 25 ms at the rate beyond the bucket
  burst=$((rate * 1000000 / 8 / 500)); [ "$burst" -ge 12500 ] || burst=12500
  limit=$((rate * 1000000 / 8 / 40 + burst))
  lab_exec "t$link" tc qdisc replace dev "t${link}1" root tbf rate "${rate}mbit" burst "$burst" limit "$limit"
}

# epe_build static|bgp: the whole topology, routers started; in bgp mode the sessions are up and the client
# ISP announces its prefix to both transits, and the EPE routes are installed at the content server.
epe_build() {
  EPE_MODE=$1
  local n l t
  [ -f "$EPE_JAR" ] || { echo "router jar not found: $EPE_JAR (build it, or set SRV6_EPE_JAR)" >&2; return 1; }
  epe_log "building the EPE lab ($EPE_MODE control plane) in namespaces $LAB_PREFIX-*"
  for n in srv cs asbr ta tb cl; do lab_ns $n; done
  lab_veth srv srv0 cs cs0
  lab_veth cs cs1 asbr as0
  lab_veth asbr asa ta ta0
  lab_veth asbr asb tb tb0
  lab_veth ta ta1 cl cla
  lab_veth tb tb1 cl clb
  lab_exec cs ip link set cs1 mtu "$EPE_MTU_CORE"
  lab_exec asbr ip link set as0 mtu "$EPE_MTU_CORE"
  for l in "cs cs0" "cs cs1" "asbr as0"; do lab_router_iface $l; done
  if [ "$EPE_MODE" = bgp ]; then
    # the kernel keeps an address beside our router's on the eBGP links, for its BGP sessions
    lab_exec asbr ip link set asa promisc on
    lab_exec asbr ip link set asb promisc on
    lab_exec asbr ip -6 addr add fd00:a1::11/64 dev asa nodad
    lab_exec asbr ip -6 addr add fd00:b1::11/64 dev asb nodad
    lab_ns rr
    lab_veth cs csr rr rrc
    lab_veth asbr asr rr rra
    lab_exec cs ip -6 addr add fd00:31::1/64 dev csr nodad
    lab_exec rr ip -6 addr add fd00:31::2/64 dev rrc nodad
    lab_exec asbr ip -6 addr add fd00:32::1/64 dev asr nodad
    lab_exec rr ip -6 addr add fd00:32::2/64 dev rra nodad
  else
    lab_router_iface asbr asa
    lab_router_iface asbr asb
  fi
  # kernel interfaces that send through our routers finish their own checksums (lab_kernel_peer)
  for l in "srv srv0" "ta ta0" "tb tb0"; do lab_kernel_peer $l; done

  # the content server: a default address and one EPE address per egress peer
  for a in "$EPE_SRV" "$EPE_SRV_A" "$EPE_SRV_B"; do lab_exec srv ip -6 addr add "$a/64" dev srv0 nodad; done
  lab_exec srv ip -6 route add default via fd00:10::1 dev srv0 src "$EPE_SRV"
  # the transits: kernel routers; the client ISP behind both
  for t in a b; do
    lab_exec t$t sysctl -qw net.ipv6.conf.all.forwarding=1
    lab_exec t$t ip -6 addr add fd00:${t}1::2/64 dev t${t}0 nodad
    lab_exec t$t ip -6 addr add fd00:${t}2::1/64 dev t${t}1 nodad
    lab_exec t$t ip -6 route add "$EPE_CLIENT_PREFIX" via fd00:${t}2::2 dev t${t}1
    lab_exec t$t ip -6 route add fd00:10::/64 via fd00:${t}1::1 dev t${t}0
    lab_exec cl ip -6 addr add fd00:${t}2::2/64 dev cl$t nodad
  done
  lab_exec cl ip -6 addr add "$EPE_CLIENT/128" dev lo nodad   # usable at once as a route source
  # back to the server via Transit A, but to its EPE-B address via B; always from the client's address (also the
  # MPTCP subflows the client opens to the addresses the server announces)
  lab_exec cl ip -6 route add fd00:10::/64 via fd00:a2::1 dev cla src "$EPE_CLIENT"
  lab_exec cl ip -6 route add "$EPE_SRV_B/128" via fd00:b2::1 dev clb src "$EPE_CLIENT"
  epe_shape a 30
  epe_shape b 30

  # MPTCP: the server announces its EPE addresses; both ends accept that many subflows
  lab_exec srv ip mptcp limits set subflow 4 add_addr_accepted 4
  lab_exec cl ip mptcp limits set subflow 4 add_addr_accepted 4
  lab_exec srv ip mptcp endpoint add "$EPE_SRV_A" dev srv0 signal
  lab_exec srv ip mptcp endpoint add "$EPE_SRV_B" dev srv0 signal

  if [ "$EPE_MODE" = bgp ]; then
    command -v gobgpd >/dev/null || { echo "the bgp lab needs gobgpd (lab/install-deps.sh test)" >&2; return 1; }
    epe_gobgp_conf "$LAB_TMP/gobgpd-ta.toml" 65010 198.18.0.21 fd00:a1::2,fd00:a2::1 \
      fd00:a1::11,65000,fd00:a1::2,passive,ipv6 fd00:a2::2,65100,fd00:a2::1,passive,ipv6
    epe_gobgp_conf "$LAB_TMP/gobgpd-tb.toml" 65020 198.18.0.22 fd00:b1::2,fd00:b2::1 \
      fd00:b1::11,65000,fd00:b1::2,passive,ipv6 fd00:b2::2,65100,fd00:b2::1,passive,ipv6
    # the client ISP's router: one speaker per upstream, so that its announcement to each transit can be
    # switched on its own (GoBGP applies per-neighbor export policies only in route-server mode)
    epe_gobgp_conf "$LAB_TMP/gobgpd-cla.toml" 65100 198.18.0.31 fd00:a2::2 fd00:a2::1,65010,fd00:a2::2,active,ipv6
    epe_gobgp_conf "$LAB_TMP/gobgpd-clb.toml" 65100 198.18.0.32 fd00:b2::2 fd00:b2::1,65020,fd00:b2::2,active,ipv6
    epe_gobgp_conf "$LAB_TMP/gobgpd-rr.toml" 65000 198.18.0.10 fd00:31::2,fd00:32::2 \
      fd00:31::1,65000,fd00:31::2,rr,ipv6+vpn fd00:32::1,65000,fd00:32::2,rr,ipv6+vpn
    epe_gobgpd ta ta 50051
    epe_gobgpd tb tb 50051
    epe_gobgpd rr rr 50051
    epe_gobgpd cl cla 50051
    epe_gobgpd cl clb 50052
  fi
  epe_asbr_yaml "$EPE_MODE" >"$LAB_TMP/asbr.yaml"
  epe_cs_yaml "$EPE_MODE" >"$LAB_TMP/cs.yaml"
  epe_log "starting our router twice: the ASBR and the content server's SRv6 encapsulator"
  epe_router asbr asbr
  epe_router cs cs
  if [ "$EPE_MODE" = bgp ]; then
    epe_wait_sessions ${EPE_BGP_WAIT:-60} || return 1
    epe_announce a
    epe_announce b
    epe_wait_route epe-a present 30 || return 1
    epe_wait_route epe-b present 30 || return 1
  fi
  epe_wait_path 30 || return 1
}

# epe_announce a|b / epe_withdraw a|b: the client ISP starts / stops announcing its prefix to transit a|b
epe_announce() { lab_exec cl gobgp -p "$(epe_cl_api "$1")" global rib add -a ipv6 "$EPE_CLIENT_PREFIX" >/dev/null; }
epe_withdraw() { lab_exec cl gobgp -p "$(epe_cl_api "$1")" global rib del -a ipv6 "$EPE_CLIENT_PREFIX" >/dev/null; }
epe_cl_api() { if [ "$1" = a ]; then echo 50051; else echo 50052; fi; }

# epe_wait_sessions SECONDS: every BGP session of the lab Established
epe_wait_sessions() {
  local end=$((SECONDS + $1))
  while [ "$SECONDS" -lt "$end" ]; do
    if [ "$(epe_show asbr bgp summary --json 2>/dev/null | grep -o '"Established"' | wc -l)" -eq 3 ] &&
       [ "$(epe_show cs bgp summary --json 2>/dev/null | grep -o '"Established"' | wc -l)" -eq 1 ] &&
       lab_exec cl gobgp -p 50051 neighbor 2>/dev/null | grep -q Establ &&
       lab_exec cl gobgp -p 50052 neighbor 2>/dev/null | grep -q Establ; then
      return 0
    fi
    sleep 0.5
  done
  echo "BGP sessions not all Established after $1 s:" >&2
  epe_show asbr bgp summary >&2 || true
  epe_show cs bgp summary >&2 || true
  lab_exec rr gobgp neighbor >&2 || true
  return 1
}

# epe_wait_route VRF present|absent SECONDS: the client prefix in / not in the content server's VRF
epe_wait_route() {
  local vrf=$1 want=$2 end=$((SECONDS + $3))
  while [ "$SECONDS" -lt "$end" ]; do
    if epe_show cs route --vrf "$vrf" --json 2>/dev/null | grep -q "\"$EPE_CLIENT_PREFIX\""; then
      [ "$want" = present ] && return 0
    else
      [ "$want" = absent ] && return 0
    fi
    sleep 0.2
  done
  echo "the client prefix is not $want in the content server's VRF $vrf after $3 s:" >&2
  epe_show cs route --vrf "$vrf" >&2 || true
  return 1
}

# epe_wait_path SECONDS: ping from each source address reaches the client (neighbors resolved end to end)
epe_wait_path() {
  local a ok end=$((SECONDS + $1))
  while [ "$SECONDS" -lt "$end" ]; do
    ok=1
    for a in "$EPE_SRV" "$EPE_SRV_A" "$EPE_SRV_B"; do
      lab_exec srv ping -6 -c 1 -W 1 -I "$a" "$EPE_CLIENT" >/dev/null 2>&1 || ok=0
    done
    [ "$ok" -eq 1 ] && return 0
    sleep 0.5
  done
  echo "no path from every server address to the client after $1 s" >&2
  epe_show cs errors >&2 || true
  epe_show asbr errors >&2 || true
  return 1
}

# epe_tx_bytes a|b: bytes the transit sent towards the client on its shaped link
epe_tx_bytes() { lab_exec "t$1" cat "/sys/class/net/t${1}1/statistics/tx_bytes"; }
