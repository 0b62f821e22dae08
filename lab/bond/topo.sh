# The bonding lab topology (docs/BONDING.md, docs/LAB.md "Bonding lab") in network namespaces. Sourced after
# lab/lib.sh.
#
#   srv ---- rs ====== relay-a (kernel End fc00:a::1, tbf 20 Mbit/s towards rc) ====== rc ---- cl
#   iperf3   ours:  `== relay-b (kernel End fc00:b::1, tbf 10 Mbit/s towards rc) ==='  ours:    iperf3
#   server   head end of "down", tail of "up"                        tail of "down", head of "up"  client
#
# Two router modes (the same topology; bond_routers MODE restarts our two routers with the mode's configs):
#   single  the baseline: the best single path, H.Encaps via relay-a only, plain End.DT46 tail SIDs;
#   bond    rs bonds the download over relay-a and relay-b (bond "down", id 1), rc bonds the upload the same way
#           (bond "up", id 2); the tail SIDs resequence and send feedback along both relays.
#
# Variables set here: BOND_* (addresses, SIDs, rates). Every address and SID is listed in docs/LAB.md.

BOND_JAR=${SRV6_EPE_JAR:-${root:?}/dataplane/target/srv6-epe.jar}
BOND_JAVA_OPTS=${SRV6_JAVA_OPTS:--Xms32m -Xmx256m -XX:+UseSerialGC}

BOND_SRV=fd00:51::2            # the iperf3 server (behind rs)
BOND_CLIENT=fd00:c1::2         # the iperf3 client (behind rc)
BOND_SRV_PREFIX=fd00:51::/64
BOND_CLIENT_PREFIX=fd00:c1::/64
BOND_SID_A=fc00:a::1           # relay-a's End SID (kernel seg6local)
BOND_SID_B=fc00:b::1           # relay-b's End SID
BOND_SID_RS=fc00:5::b1         # rs's End.DT46 (tail of "up"), locator fc00:5::/48
BOND_SID_RC=fc00:6::b1         # rc's End.DT46 (tail of "down"), locator fc00:6::/48
BOND_SRC_RS=fd00:f5::1         # rs's encap / bond source (feedback for "down" arrives here)
BOND_SRC_RC=fd00:f6::1         # rc's encap / bond source (feedback for "up" arrives here)
BOND_RATE_A=${BOND_RATE_A:-20} # Mbit/s of relay-a towards rc (download)
BOND_RATE_B=${BOND_RATE_B:-10} # Mbit/s of relay-b towards rc
# the relay links carry 1500-byte packets plus outer IPv6 (40), an SRH of two segments (40) and the bond TLV (24)
BOND_MTU_RELAY=1700

bond_log() { echo "== $*" >&2; }

# bond_rs_yaml single|bond / bond_rc_yaml single|bond: our two routers' configurations (docs/BONDING.md)
bond_rs_yaml() {
  local mode=$1
  cat <<YAML
router: { name: bond-rs, control-socket: $LAB_TMP/rs.sock, journal-dir: $LAB_TMP/rs-journal,
          encap-source: "$BOND_SRC_RS", metrics: { listen: "off" } }
ports:
  - { name: server, interface: rs0, mac: "02:00:00:00:51:01", addresses: ["fd00:51::1/64"] }
  - { name: ra, interface: rsa, mac: "02:00:00:00:5a:01", addresses: ["fd00:5a::1/64"], mtu: $BOND_MTU_RELAY }
  - { name: rb, interface: rsb, mac: "02:00:00:00:5b:01", addresses: ["fd00:5b::1/64"], mtu: $BOND_MTU_RELAY }
YAML
  bond_routing "$mode" down 1 "$BOND_SRC_RS" "$BOND_SID_RC" fd00:5a::2 fd00:5b::2 "$BOND_CLIENT_PREFIX" H.Encaps \
    rs fc00:5::/48 "$BOND_SID_RS"
}

bond_rc_yaml() {
  local mode=$1
  cat <<YAML
router: { name: bond-rc, control-socket: $LAB_TMP/rc.sock, journal-dir: $LAB_TMP/rc-journal,
          encap-source: "$BOND_SRC_RC", metrics: { listen: "off" } }
ports:
  - { name: ra, interface: rca, mac: "02:00:00:00:6a:01", addresses: ["fd00:6a::1/64"], mtu: $BOND_MTU_RELAY }
  - { name: rb, interface: rcb, mac: "02:00:00:00:6b:01", addresses: ["fd00:6b::1/64"], mtu: $BOND_MTU_RELAY }
  - { name: client, interface: rc0, mac: "02:00:00:00:c1:01", addresses: ["fd00:c1::1/64"] }
YAML
  bond_routing "$mode" up 2 "$BOND_SRC_RC" "$BOND_SID_RS" fd00:6a::2 fd00:6b::2 "$BOND_SRV_PREFIX" H.Encaps \
    rc fc00:6::/48 "$BOND_SID_RC"
}

# bond_routing MODE BOND ID SOURCE FAR_SID NH_A NH_B PREFIX ENCAP_MODE LOCATOR_NAME LOCATOR OWN_SID: the part of a
# router's configuration after its ports: in bond mode the bond towards FAR_SID over both relays and PREFIX routed into
# it, else PREFIX H.Encaps'ed over relay A alone (the best single path); the routes to the relays' SIDs, the locator
# and the tail SID
bond_routing() {
  local mode=$1 bond=$2 id=$3 source=$4 far=$5 nh_a=$6 nh_b=$7 prefix=$8 encap=$9 loc_name=${10} loc=${11} own=${12}
  if [ "$mode" = bond ]; then
    cat <<YAML
bonds:
  - name: $bond
    id: $id
    source: "$source"
    members:
      - { name: a, segments: ["$BOND_SID_A", "$far"] }
      - { name: b, segments: ["$BOND_SID_B", "$far"] }
YAML
  fi
  cat <<YAML
vrfs:
  - name: default
    table: 254
    routes:
      - { prefix: "fc00:a::/48", via: "$nh_a", port: ra }
      - { prefix: "fc00:b::/48", via: "$nh_b", port: rb }
YAML
  if [ "$mode" = bond ]; then
    echo "      - { prefix: \"$prefix\", bond: $bond }"
  else
    echo "      - { prefix: \"$prefix\", encap: { mode: $encap, segments: [\"$BOND_SID_A\", \"$far\"] } }"
  fi
  cat <<YAML
locators: [ { name: $loc_name, prefix: "$loc" } ]
sids:
YAML
  bond_tail_sid "$mode" "$own"
}

# bond_tail_sid MODE SID: the End.DT46 tail SID; in bond mode with its bond section (feedback along both relays)
bond_tail_sid() {
  if [ "$1" = bond ]; then
    cat <<YAML
  - sid: "$2"
    behavior: End.DT46
    vrf: default
    bond:
      feedback-paths: [["$BOND_SID_A"], ["$BOND_SID_B"]]
YAML
  else
    echo "  - { sid: \"$2\", behavior: End.DT46, vrf: default }"
  fi
}

# bond_router NS NAME: check $LAB_TMP/NAME.yaml, start our router in NS with it and wait for its
# "forwarding on N port(s)" line (and its control socket). Fails fast, with the reason, if the configuration is
# refused or the router exits.
bond_router() {
  local ns=$1 name=$2 pid i
  if ! timeout 60 java -jar "$BOND_JAR" config check "$LAB_TMP/$name.yaml" >"$LAB_TMP/$name.check" 2>&1; then
    echo "the router refuses the $name configuration ($LAB_TMP/$name.yaml):" >&2
    sed 's/^/  /' "$LAB_TMP/$name.check" >&2
    if grep -q '^bonds:' "$LAB_TMP/$name.yaml" && grep -qi 'bond' "$LAB_TMP/$name.check"; then
      echo "(bond mode needs a router jar with multipath bonding, docs/BONDING.md; SRV6_EPE_JAR=$BOND_JAR)" >&2
    fi
    return 1
  fi
  rm -f "$LAB_TMP/$name.sock"
  # shellcheck disable=SC2086
  lab_bg "$ns" "$LAB_TMP/$name.log" java $BOND_JAVA_OPTS -jar "$BOND_JAR" run --config "$LAB_TMP/$name.yaml"
  pid=${LAB_PIDS[-1]}
  eval "BOND_PID_$name=$pid"
  for ((i = 0; i < 600; i++)); do
    if grep -q "forwarding on [0-9]* port(s)" "$LAB_TMP/$name.log" 2>/dev/null && [ -S "$LAB_TMP/$name.sock" ]; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then echo "router $name did not start within 60 s:" >&2
  else echo "router $name exited:" >&2; fi
  tail -n 30 "$LAB_TMP/$name.log" >&2
  return 1
}

# bond_router_stop NAME: stop our router NAME (by its PID) and wait for it
bond_router_stop() {
  local var="BOND_PID_$1" pid i
  pid=${!var:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  eval "BOND_PID_$1="
}

# bond_routers single|bond: (re)start rs and rc with the mode's configurations; wait until the client answers
bond_routers() {
  BOND_ROUTER_MODE=$1
  bond_router_stop rs
  bond_router_stop rc
  bond_rs_yaml "$1" >"$LAB_TMP/rs.yaml"
  bond_rc_yaml "$1" >"$LAB_TMP/rc.yaml"
  bond_log "starting our two routers in $1 mode: rs (server side) and rc (client side)"
  bond_router rs rs || return 1
  bond_router rc rc || return 1
  bond_wait_path 30
}

# bond_show ROUTER ARGS...: bin/srv6 show ARGS on router rs|rc
bond_show() {
  local r=$1; shift
  timeout 30 java -jar "$BOND_JAR" show "$@" --socket "$LAB_TMP/$r.sock"
}

# bond_shape a|b MBIT: shape the relay's link towards rc (the download direction); tbf as in the EPE lab
bond_shape() {
  local relay=$1 rate=$2 burst limit
  # bucket: 2 ms at the rate, at least 8 full-size frames; queue: 25 ms at the rate beyond the bucket
  burst=$((rate * 1000000 / 8 / 500)); [ "$burst" -ge 12500 ] || burst=12500
  limit=$((rate * 1000000 / 8 / 40 + burst))
  lab_exec "r$relay" tc qdisc replace dev "${relay}1" root tbf rate "${rate}mbit" burst "$burst" limit "$limit"
}

# bond_build: the namespaces, links, kernel hosts and relays (our routers are started by bond_routers)
bond_build() {
  local n r l
  [ -f "$BOND_JAR" ] || { echo "router jar not found: $BOND_JAR (build it, or set SRV6_EPE_JAR)" >&2; return 1; }
  bond_log "building the bonding lab in namespaces $LAB_PREFIX-{srv,rs,ra,rb,rc,cl}"
  for n in srv rs ra rb rc cl; do lab_ns $n; done
  lab_veth srv srv0 rs rs0
  lab_veth rs rsa ra a0
  lab_veth rs rsb rb b0
  lab_veth ra a1 rc rca
  lab_veth rb b1 rc rcb
  lab_veth rc rc0 cl cl0
  for l in "rs rsa" "rs rsb" "ra a0" "ra a1" "rb b0" "rb b1" "rc rca" "rc rcb"; do
    lab_exec ${l% *} ip link set "${l#* }" mtu "$BOND_MTU_RELAY"
  done
  # our routers own their links; the kernel stays off them
  for l in "rs rs0" "rs rsa" "rs rsb" "rc rca" "rc rcb" "rc rc0"; do lab_router_iface $l; done
  # kernel interfaces that send through our routers finish their own checksums (lab_kernel_peer)
  for l in "srv srv0" "cl cl0" "ra a0" "ra a1" "rb b0" "rb b1"; do lab_kernel_peer $l; done

  lab_exec srv ip -6 addr add "$BOND_SRV/64" dev srv0 nodad
  lab_exec srv ip -6 route add default via fd00:51::1 dev srv0
  lab_exec cl ip -6 addr add "$BOND_CLIENT/64" dev cl0 nodad
  lab_exec cl ip -6 route add default via fd00:c1::1 dev cl0

  # the relays: kernel SRv6 End nodes
  for r in a b; do
    lab_exec r$r sysctl -qw net.ipv6.conf.all.forwarding=1 net.ipv6.conf.all.seg6_enabled=1 \
      net.ipv6.conf.default.seg6_enabled=1 "net.ipv6.conf.${r}0.seg6_enabled=1" "net.ipv6.conf.${r}1.seg6_enabled=1"
    lab_exec r$r ip -6 addr add "fd00:5$r::2/64" dev "${r}0" nodad
    lab_exec r$r ip -6 addr add "fd00:6$r::2/64" dev "${r}1" nodad
    lab_exec r$r ip -6 route add "fc00:$r::1/128" encap seg6local action End dev "${r}0"
    lab_exec r$r ip -6 route add fc00:5::/48 via "fd00:5$r::1" dev "${r}0"
    lab_exec r$r ip -6 route add "$BOND_SRC_RS/128" via "fd00:5$r::1" dev "${r}0"
    lab_exec r$r ip -6 route add fc00:6::/48 via "fd00:6$r::1" dev "${r}1"
    lab_exec r$r ip -6 route add "$BOND_SRC_RC/128" via "fd00:6$r::1" dev "${r}1"
  done
  bond_shape a "$BOND_RATE_A"
  bond_shape b "$BOND_RATE_B"
}

# bond_wait_path SECONDS: the client answers the server's ping (routers, relays and neighbors resolved end to end)
bond_wait_path() {
  local end=$((SECONDS + $1))
  while [ "$SECONDS" -lt "$end" ]; do
    lab_exec srv ping -6 -c 1 -W 1 "$BOND_CLIENT" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the client does not answer the server's ping after $1 s" >&2
  bond_show rs errors >&2 || true
  bond_show rc errors >&2 || true
  return 1
}

# bond_relay_tx_bytes a|b: bytes the relay sent towards rc
bond_relay_tx_bytes() { lab_exec "r$1" cat "/sys/class/net/${1}1/statistics/tx_bytes"; }
