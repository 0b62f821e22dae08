#!/usr/bin/env bash
# The EPE lab: the paper's virtual lab (Fig. 7) in network namespaces, with our router as the content server's
# SRv6 encapsulator and as the ASBR, and its three scenarios (Tables 1-3, Figs. 8-10). See docs/LAB.md.
#
#   lab/epe/epe.sh up [--static]              build the lab and leave it running (namespaces epe-*)
#   lab/epe/epe.sh run [--static] [--seconds N]  build it, keep it until Ctrl-C (or N s), remove it
#   lab/epe/epe.sh down [--orphans]           remove the lab `up` left, and what killed runs left behind
#                                             (--orphans: only the latter)
#   lab/epe/epe.sh static       [--quick] [--json] [--out DIR] [--reps N] [--seconds S]
#   lab/epe/epe.sh dynamic      [--quick] [--json] [--out DIR]
#   lab/epe/epe.sh route-change [--quick] [--json] [--out DIR] [--trials N]
#
# Each scenario builds its own lab (BGP control plane: GoBGP transits, client ISP and route reflector), runs,
# prints a table, writes results.json, a PNG plot and the raw data to the output directory, and removes the lab
# on every exit path (Ctrl-C included). --quick is the short CI form; --json prints one JSON object on the last
# line of stdout. The router jar is $SRV6_EPE_JAR (default dataplane/target/srv6-epe.jar).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
here="$root/lab/epe"
PY=${EPE_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
STATE_DIR=${EPE_STATE_DIR:-/run/srv6-epe-lab}
. "$here/supervise.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
args=("$@")
cmd=$1; shift
[ "$(id -u)" -eq 0 ] || { echo "the EPE lab builds network namespaces: run it as root" >&2; exit 1; }

quick=0 json=0 out="" reps="" seconds="" trials="" mode=bgp orphans=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --json) json=1; shift ;;
    --out) out=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
    --static) mode=static; shift ;;
    --orphans) orphans=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done

# --- down: the lab `up` left, and labs of runs that were killed (their owner PID is gone) ----------------------
if [ "$cmd" = down ]; then
  epe_lab_down "$STATE_DIR/epe" "$orphans" s6epe 'epe-*'
  exit 0
fi

# the work runs in a child shell, so that Ctrl-C and SIGTERM stop it at once (lab/epe/supervise.sh)
case "$cmd" in up|run|static|dynamic|route-change) ;; *) usage ;; esac
if [ "$cmd" = up ]; then
  EPE_SUPERVISED_ON_STOP='rm -rf "$STATE_DIR/epe"' epe_supervise epe "${args[@]}"
else
  epe_supervise "s6epe@PID@" "${args[@]}"
fi

case "$cmd" in
  up) LAB_PREFIX=epe
      if ip netns list | grep -q '^epe-'; then echo "an EPE lab is up already (bin/srv6 lab epe down removes it)" >&2; exit 1; fi
      mkdir -p "$STATE_DIR"; rm -rf "$STATE_DIR/epe"; mkdir -p "$STATE_DIR/epe"; LAB_TMP="$STATE_DIR/epe" ;;
  run|static|dynamic|route-change) LAB_PREFIX=s6epe$$ ;;
  *) usage ;;
esac

. "$root/lab/lib.sh"
. "$here/topo.sh"
. "$here/traffic.sh"

finish() {
  local rc=$?
  if [ "$cmd" = up ] && [ "$rc" -eq 0 ]; then return; fi
  if [ "$rc" -ne 0 ] && [ -n "${LAB_TMP:-}" ] && [ -n "${out:-}" ] && [ -d "$out" ]; then
    # keep the logs of a failed run beside its results
    mkdir -p "$out/logs"; cp "$LAB_TMP"/*.log "$LAB_TMP"/*.yaml "$out/logs/" 2>/dev/null || true
  fi
  if [ -n "${LAB_KEEP:-}" ]; then echo "LAB_KEEP: namespaces $LAB_PREFIX-* kept for $LAB_KEEP s" >&2; sleep "$LAB_KEEP"; fi
  lab_cleanup
  if [ "$cmd" = up ]; then rm -rf "$STATE_DIR/epe"; fi
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

info() {
  cat <<EOF
The EPE lab is up ($EPE_MODE control plane), namespaces $LAB_PREFIX-{srv,cs,asbr,ta,tb,cl$([ "$EPE_MODE" = bgp ] && echo ,rr)}:
  content server   fd00:10::10 (default), fd00:10::a (EPE Transit A), fd00:10::b (EPE Transit B)
  client           $EPE_CLIENT in $EPE_CLIENT_PREFIX
  SIDs at the ASBR $EPE_SID_A End.DT6 peer-a, $EPE_SID_B End.DT46 peer-b, $EPE_SID_BEST End.DT6 default (best path)
Try:
  ip netns exec $LAB_PREFIX-cl mptcpize run iperf3 -c $EPE_SRV -B $EPE_CLIENT -R -t 5   (after: ip netns exec $LAB_PREFIX-srv mptcpize run iperf3 -s &)
  java -jar $EPE_JAR show route --socket $LAB_TMP/cs.sock
  java -jar $EPE_JAR flows top --dir $LAB_TMP/cs-journal
  ip netns exec $LAB_PREFIX-ta tc qdisc replace dev ta1 root tbf rate 15mbit burst 12500 limit 59375   (link a)
EOF
}

case "$cmd" in
  up)
    "$root/lab/install-deps.sh" test >&2
    epe_build "$mode"
    printf '%s\n' "${LAB_PIDS[@]}" >"$LAB_TMP/pids"
    info
    echo "remove it with: bin/srv6 lab epe down"
    exit 0 ;;
  run)
    "$root/lab/install-deps.sh" test >&2
    epe_build "$mode"
    info
    # sleep in the background and wait: a trapped signal interrupts wait at once (not a foreground sleep)
    if [ -n "$seconds" ]; then echo "removing it in $seconds s"; sleep "$seconds" & wait $!
    else echo "Ctrl-C removes it"; while :; do sleep 3600 & wait $!; done; fi
    exit 0 ;;
esac

# --- the scenarios ------------------------------------------------------------------------------------------
"$root/lab/install-deps.sh" test >&2
[ -n "$out" ] || out="${TMPDIR:-/tmp}/srv6-epe-lab-results/$cmd-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out/raw"
out=$(cd "$out" && pwd)
EPE_MANIFEST="$out/raw/manifest.jsonl"
: >"$EPE_MANIFEST"
report_args=(--out "$out")
[ "$json" -eq 1 ] && report_args+=(--json)
[ "$quick" -eq 1 ] && report_args+=(--quick)

scenario_static() {
  local secs=${seconds:-10} n=${reps:-5} rep p name a b traffic transport
  [ "$quick" -eq 1 ] && { secs=${seconds:-4}; n=${reps:-1}; }
  epe_build bgp
  epe_log "scenario 1 (static quality): 4 patterns x cbr/bulk x TCP/MPTCP-EPE, $n repetition(s) of $secs s"
  for ((rep = 1; rep <= n; rep++)); do
    for p in 1.1:30:30 1.2:30:15 1.3:15:30 1.4:15:15; do
      IFS=: read -r name a b <<<"$p"
      epe_shape a "$a"; epe_shape b "$b"
      for traffic in cbr bulk; do
        for transport in tcp mptcp; do
          epe_log "rep $rep pattern $name (a $a, b $b Mbit/s) $traffic $transport"
          epe_transfer "$name" "$transport" "$traffic" "$secs" "$out/raw/$name-$traffic-$transport-$rep.json" \
            "\"pattern\":\"$name\",\"link_a_mbps\":$a,\"link_b_mbps\":$b,\"rep\":$rep" ||
            epe_log "transfer failed (exit $?): $(tail -c 300 "$out/raw/$name-$traffic-$transport-$rep.json.err" 2>/dev/null)"
        done
      done
    done
  done
  epe_export_flows "$out/raw/flows.jsonl"
  "$PY" "$here/report.py" static --manifest "$EPE_MANIFEST" --flows "$out/raw/flows.jsonl" \
    --seconds "$secs" --reps "$n" "${report_args[@]}"
}

# the dynamic scenario's hook: change link (EPE_CHANGE_LINK) to EPE_CHANGE_RATE at EPE_CHANGE_AT s after the start
epe_change_hook() {
  local start=$1 now wait
  now=$(date +%s%N)
  wait=$(awk -v s="$start" -v n="$now" -v at="$EPE_CHANGE_AT" 'BEGIN { w = at - (n - s) / 1e9; print (w > 0 ? w : 0) }')
  sleep "$wait"
  epe_shape "$EPE_CHANGE_LINK" "$EPE_CHANGE_RATE"
  date +%s%N >"$EPE_CHANGE_FILE"
}

scenario_dynamic() {
  local p name a0 a1 b0 b1 traffic transport secs at link rate f patterns=(2.1:30:15:15:15 2.2:15:30:15:15 2.3:15:15:15:30 2.4:30:30:30:15)
  local traffics=(cbr bulk)
  [ "$quick" -eq 1 ] && { patterns=(2.1:30:15:15:15); traffics=(cbr); }
  epe_build bgp
  epe_log "scenario 2 (quality changes mid-flow): ${#patterns[@]} patterns x ${traffics[*]} x TCP/MPTCP-EPE"
  for p in "${patterns[@]}"; do
    IFS=: read -r name a0 a1 b0 b1 <<<"$p"
    for traffic in "${traffics[@]}"; do
      if [ "$traffic" = cbr ]; then secs=10; at=4; else secs=20; at=9; fi
      [ -n "$seconds" ] && secs=$seconds
      if [ "$a0" != "$a1" ]; then link=a; rate=$a1; else link=b; rate=$b1; fi
      for transport in tcp mptcp; do
        epe_shape a "$a0"; epe_shape b "$b0"
        sleep 1   # let the previous transfer's queues drain
        f="$out/raw/$name-$traffic-$transport.json"
        EPE_CHANGE_LINK=$link EPE_CHANGE_RATE=$rate EPE_CHANGE_AT=$at EPE_CHANGE_FILE="$f.change"
        export EPE_CHANGE_LINK EPE_CHANGE_RATE EPE_CHANGE_AT EPE_CHANGE_FILE
        epe_log "pattern $name $traffic $transport: a $a0 -> $a1, b $b0 -> $b1 Mbit/s at $at s of $secs s"
        epe_transfer_hook=epe_change_hook epe_transfer "$name" "$transport" "$traffic" "$secs" "$f" \
          "\"pattern\":\"$name\",\"link_a_mbps\":[$a0,$a1],\"link_b_mbps\":[$b0,$b1],\"change_at_s\":$at,\"change_file\":\"$f.change\"" ||
          epe_log "transfer failed (exit $?): $(tail -c 300 "$f.err" 2>/dev/null)"
      done
    done
  done
  epe_export_flows "$out/raw/flows.jsonl"
  "$PY" "$here/report.py" dynamic --manifest "$EPE_MANIFEST" --flows "$out/raw/flows.jsonl" "${report_args[@]}"
}

# route-change helpers: the count of lines in the content server's event tail that concern VRF epe-a's client prefix
epa_events() { grep -c "\"vrf\":\"epe-a\",\"key\":\"$EPE_CLIENT_PREFIX\"" "$LAB_TMP/cs-events.tail" 2>/dev/null || true; }
wait_epa_event() { # BEFORE_COUNT SECONDS: until a new event for epe-a's client prefix arrives
  local end=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$end" ]; do
    [ "$(epa_events)" -gt "$1" ] && return 0
    sleep 0.02
  done
  return 1
}

scenario_route_change() {
  local n=${trials:-100} i before t0 t1 kind secs tail_pid dump_pid
  [ "$quick" -eq 1 ] && n=${trials:-10}
  epe_build bgp
  lab_bg cs "$LAB_TMP/cs-events.tail" java -jar "$EPE_JAR" events tail --dir "$LAB_TMP/cs-journal" --json -n 0
  tail_pid=${LAB_PIDS[-1]}
  # the client ISP's UPDATEs to Transit A, time-stamped by the kernel (a second reference for the delays)
  lab_bg cl "$out/raw/updates.txt" tcpdump -i cla -n -l -tt --time-stamp-precision=nano \
    "src host fd00:a2::2 and tcp dst port 179 and ip6[4:2] > 60"
  dump_pid=${LAB_PIDS[-1]}
  sleep 3   # both listeners running
  epe_log "scenario 3 (route changes): $n trials of withdraw (3.2) and announce (3.1) at Transit A"
  : >"$out/raw/trials.jsonl"
  for ((i = 1; i <= n; i++)); do
    for kind in withdraw announce; do
      before=$(epa_events)
      t0=$(date +%s%N)
      "epe_$kind" a
      t1=$(date +%s%N)
      if ! wait_epa_event "$before" 10; then
        epe_log "trial $i $kind: no change of epe-a at the content server within 10 s"
        printf '{"trial":%d,"change":"%s","t0_ns":%s,"cli_done_ns":%s,"timeout":true}\n' "$i" "$kind" "$t0" "$t1" >>"$out/raw/trials.jsonl"
        [ "$kind" = announce ] && { epe_wait_route epe-a present 20 || return 1; }
        [ "$kind" = withdraw ] && { epe_wait_route epe-a absent 20 || return 1; }
        continue
      fi
      printf '{"trial":%d,"change":"%s","t0_ns":%s,"cli_done_ns":%s}\n' "$i" "$kind" "$t0" "$t1" >>"$out/raw/trials.jsonl"
      sleep "0.$((RANDOM % 4 + 3))"   # 0.3-0.6 s apart, so that no trial runs in step with BGP's timers
    done
    [ $((i % 10)) -eq 0 ] && epe_log "$i of $n trials"
  done

  # the session survives a withdrawal under traffic, and the subflow through that egress stops carrying traffic
  secs=12; [ "$quick" -eq 1 ] && secs=9
  epe_log "withdrawal under traffic: MPTCP-EPE bulk for $secs s, Transit A withdrawn at $((secs / 3)) s"
  epe_shape a 30; epe_shape b 30
  withdraw_hook() {
    sleep "$(( secs / 3 ))"
    date +%s%N >"$out/raw/withdraw.t0"
    epe_withdraw a
  }
  epe_transfer_hook=withdraw_hook epe_transfer under-withdraw mptcp bulk "$secs" "$out/raw/under-withdraw.json" \
    "\"withdraw_file\":\"$out/raw/withdraw.t0\"" || epe_log "the transfer under withdrawal failed (exit $?)"
  epe_announce a
  sleep 1
  kill "$tail_pid" "$dump_pid" 2>/dev/null || true
  epe_export_events cs "$out/raw/cs-events.jsonl"
  epe_export_events asbr "$out/raw/asbr-events.jsonl"
  epe_export_flows "$out/raw/flows.jsonl"
  "$PY" "$here/report.py" route-change --manifest "$EPE_MANIFEST" --flows "$out/raw/flows.jsonl" \
    --trials "$out/raw/trials.jsonl" --cs-events "$out/raw/cs-events.jsonl" \
    --asbr-events "$out/raw/asbr-events.jsonl" --updates "$out/raw/updates.txt" \
    --withdraw "$out/raw/withdraw.t0" "${report_args[@]}"
}

case "$cmd" in
  static) scenario_static ;;
  dynamic) scenario_dynamic ;;
  route-change) scenario_route_change ;;
esac
