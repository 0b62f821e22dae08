#!/usr/bin/env bash
# The bonding lab: one TCP flow over two SRv6 member paths through kernel relays of 20 and 10 Mbit/s, our router
# as head end and tail end (docs/BONDING.md), against the best single path. See docs/LAB.md, "Bonding lab".
#
#   lab/bond/bond.sh up [--bond]          build the lab and leave it running (namespaces bond-*; single mode, or
#                                         bond mode with --bond)
#   lab/bond/bond.sh down [--orphans]     remove the lab `up` left, and what killed runs left behind
#                                         (--orphans: only the latter)
#   lab/bond/bond.sh single   [--quick] [--json] [--out DIR]   one TCP download over the best single path
#   lab/bond/bond.sh bond     [--quick] [--json] [--out DIR]   the same download bonded over both relays
#   lab/bond/bond.sh failure  [--quick] [--json] [--out DIR]   bonded; relay-b's link to rc goes down half-way
#   lab/bond/bond.sh [run]    [--quick] [--json] [--out DIR]   single, bond and failure, one summary
#   options: --seconds S (transfer length; default 10, 5 with --quick), --rate-a M, --rate-b M (Mbit/s of the
#            relays towards rc; default 20 and 10)
#
# Each command builds its own lab, prints a table, writes results.json, results.txt, a plot and the raw data
# (iperf3 JSON, nstat before/after, show bond) to the output directory, and removes the lab on every exit path
# (Ctrl-C included). --json prints one JSON object on the last line of stdout. The router jar is $SRV6_EPE_JAR
# (default dataplane/target/srv6-epe.jar).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
here="$root/lab/bond"
PY=${BOND_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
STATE_DIR=${BOND_STATE_DIR:-/run/srv6-epe-lab}
# Ctrl-C / SIGTERM handling shared with the EPE lab: the work runs in a child shell (lab/epe/supervise.sh)
. "$root/lab/epe/supervise.sh"

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# no command (or options first): run
if [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- run "$@"; fi
args=("$@")
cmd=$1; shift
[ "$(id -u)" -eq 0 ] || { echo "the bonding lab builds network namespaces: run it as root" >&2; exit 1; }

quick=0 json=0 out="" seconds="" orphans=0 up_mode=single
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --json) json=1; shift ;;
    --out) out=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rate-a) export BOND_RATE_A=$2; shift 2 ;;
    --rate-b) export BOND_RATE_B=$2; shift 2 ;;
    --bond) up_mode=bond; shift ;;
    --orphans) orphans=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done

# --- down: the lab `up` left, and labs of runs that were killed (their owner PID is gone) ----------------------
if [ "$cmd" = down ]; then
  epe_lab_down "$STATE_DIR/bond" "$orphans" s6bond bond-srv bond-rs bond-ra bond-rb bond-rc bond-cl
  exit 0
fi

case "$cmd" in up|run|single|bond|failure) ;; *) usage ;; esac
if [ "$cmd" = up ]; then
  EPE_SUPERVISED_ON_STOP='rm -rf "$STATE_DIR/bond"' epe_supervise bond "${args[@]}"
else
  epe_supervise "s6bond@PID@" "${args[@]}"
fi

case "$cmd" in
  up) LAB_PREFIX=bond
      if ip netns list | grep -q '^bond-\(srv\|rs\|ra\|rb\|rc\|cl\)\b'; then
        echo "a bonding lab is up already (bin/srv6 lab bond down removes it)" >&2; exit 1
      fi
      mkdir -p "$STATE_DIR"; rm -rf "$STATE_DIR/bond"; mkdir -p "$STATE_DIR/bond"; LAB_TMP="$STATE_DIR/bond" ;;
  *) LAB_PREFIX=s6bond$$ ;;
esac

. "$root/lab/lib.sh"
. "$here/topo.sh"
. "$here/traffic.sh"

finish() {
  local rc=$?
  if [ "$cmd" = up ] && [ "$rc" -eq 0 ]; then return; fi
  if [ "$rc" -ne 0 ] && [ -n "${LAB_TMP:-}" ] && [ -n "${out:-}" ] && [ -d "$out" ]; then
    # keep the logs of a failed run beside its results
    mkdir -p "$out/logs"; cp "$LAB_TMP"/*.log "$LAB_TMP"/*.yaml "$LAB_TMP"/*.check "$out/logs/" 2>/dev/null || true
  fi
  if [ -n "${LAB_KEEP:-}" ]; then echo "LAB_KEEP: namespaces $LAB_PREFIX-* kept for $LAB_KEEP s" >&2; sleep "$LAB_KEEP"; fi
  lab_cleanup
  if [ "$cmd" = up ]; then rm -rf "$STATE_DIR/bond"; fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

"$root/lab/install-deps.sh" runtime >&2
for c in iperf3 nstat tc ethtool; do
  command -v "$c" >/dev/null || { echo "the bonding lab needs $c (lab/install-deps.sh runtime)" >&2; exit 1; }
done

if [ "$cmd" = up ]; then
  bond_build
  bond_routers "$up_mode"
  printf '%s\n' "${LAB_PIDS[@]}" >"$LAB_TMP/pids"
  cat <<EOF
The bonding lab is up ($up_mode mode), namespaces $LAB_PREFIX-{srv,rs,ra,rb,rc,cl}:
  server $BOND_SRV -- rs (ours) -- relay-a $BOND_SID_A (${BOND_RATE_A} Mbit/s to rc) / relay-b $BOND_SID_B (${BOND_RATE_B} Mbit/s) -- rc (ours) -- client $BOND_CLIENT
  tail SIDs: rs $BOND_SID_RS, rc $BOND_SID_RC (End.DT46); bond sources rs $BOND_SRC_RS, rc $BOND_SRC_RC
Try:
  ip netns exec $LAB_PREFIX-srv iperf3 -s -1 &   ip netns exec $LAB_PREFIX-cl iperf3 -c $BOND_SRV -R -t 10
  java -jar $BOND_JAR show bond --socket $LAB_TMP/rs.sock        (and $LAB_TMP/rc.sock)
  ip netns exec $LAB_PREFIX-rb ip link set b1 down                 (relay-b's link to rc)
remove it with: bin/srv6 lab bond down
EOF
  exit 0
fi

# --- the measurements ---------------------------------------------------------------------------------------
secs=${seconds:-10}
[ "$quick" -eq 1 ] && secs=${seconds:-5}
[ -n "$out" ] || out="${TMPDIR:-/tmp}/srv6-epe-lab-results/bond-$cmd-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out/raw"
out=$(cd "$out" && pwd)
BOND_MANIFEST="$out/raw/manifest.jsonl"
: >"$BOND_MANIFEST"
report_args=(--manifest "$BOND_MANIFEST" --out "$out" --scenario "$cmd" --seconds "$secs"
             --rate-a "$BOND_RATE_A" --rate-b "$BOND_RATE_B")
[ "$json" -eq 1 ] && report_args+=(--json)
[ "$quick" -eq 1 ] && report_args+=(--quick)

# bond_show_json ROUTER FILE: show bond --json (tolerated to fail: a jar without bonding has no such topic)
bond_show_json() {
  if ! bond_show "$1" bond --json >"$2" 2>"$2.err"; then
    bond_log "show bond on $1 failed: $(head -c 200 "$2.err")"
  fi
}

measure() { # measure LABEL: one transfer in the current router mode
  local label=$1 f="$out/raw/$1.json"
  bond_log "$label: one TCP download of $secs s ($BOND_ROUTER_MODE mode; relays a $BOND_RATE_A, b $BOND_RATE_B Mbit/s)"
  bond_transfer "$label" "$secs" "$f" "\"fail_file\":\"$f.fail\"" ||
    bond_log "transfer $label failed (exit $?): $(tail -c 300 "$f.err" 2>/dev/null)"
  if [ "$BOND_ROUTER_MODE" = bond ]; then
    bond_show_json rs "$out/raw/$label-rs-bond.json"
    bond_show_json rc "$out/raw/$label-rc-bond.json"
  fi
}

# the failure scenario's hook: relay-b's link towards rc down at half the transfer
fail_hook() {
  local start=$1 now wait
  now=$(date +%s%N)
  wait=$(awk -v s="$start" -v n="$now" -v t="$secs" 'BEGIN { w = t / 2 - (n - s) / 1e9; print (w > 0 ? w : 0) }')
  sleep "$wait"
  lab_exec rb ip link set b1 down
  date +%s%N >"$out/raw/failure.json.fail"
  bond_log "relay-b's link towards rc is down"
}

# bond mode unavailable (the router refused the configuration or did not start): report what there is, fail
bond_unavailable() {
  local msg="bond mode: our routers refused the bonding configuration, did not start, or carried no ping (see above; logs in $out/logs)"
  bond_log "$msg"
  "$PY" "$here/report.py" "${report_args[@]}" --error "$msg" || true
  exit 1
}

scenario_single() { bond_routers single || return 1; sleep 1; measure single; }
scenario_bond() { bond_routers bond || bond_unavailable; sleep 2; measure bond; }
scenario_failure() {
  [ "${BOND_ROUTER_MODE:-}" = bond ] || { bond_routers bond || bond_unavailable; sleep 2; }
  bond_transfer_hook=fail_hook measure failure
}

bond_build
case "$cmd" in
  single) scenario_single ;;
  bond) scenario_bond ;;
  failure) scenario_failure ;;
  run) scenario_single; scenario_bond; scenario_failure ;;
esac
"$PY" "$here/report.py" "${report_args[@]}"
