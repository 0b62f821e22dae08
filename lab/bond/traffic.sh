# Traffic for the bonding lab: one TCP download (iperf3 -R: the server sends, the client receives), with the
# TCP counters of both ends around it. Sourced after lab/lib.sh and lab/bond/topo.sh.

BOND_IPERF_PORT=5201
BOND_MANIFEST=${BOND_MANIFEST:-}   # where bond_transfer appends one JSON line per transfer

# bond_nstat NS FILE: the namespace's absolute TCP counters (nstat -a: no history used, -s: none written)
bond_nstat() {
  NSTAT_HISTORY="$LAB_TMP/nstat-$1.hist" lab_exec "$1" nstat -asz >"$2" 2>&1 || true
}

# bond_transfer LABEL SECONDS OUT_JSON [EXTRA_JSON]
#   One TCP download of SECONDS (iperf3 -R, 0.1 s intervals, JSON into OUT_JSON) in the foreground; nstat of the
#   client (receiver) and the server (sender) before and after it (OUT_JSON.{cl,srv}.{before,after}); the bytes
#   each relay sent towards rc. Appends a manifest line (label, mode, file, times, exit status, counters' files,
#   EXTRA_JSON). Hook: if bond_transfer_hook is set, it is started in the background with the start time (ns)
#   and waited for after the transfer (the failure scenario takes relay-b's link down from it).
bond_transfer() {
  local label=$1 secs=$2 json_out=$3 extra=${4:-} spid i rc start end a0 b0 a1 b1 hookpid=""
  lab_exec srv iperf3 -s -1 -B "$BOND_SRV" -p "$BOND_IPERF_PORT" >"$json_out.server.log" 2>&1 &
  spid=$!
  for ((i = 0; i < 50; i++)); do
    lab_exec srv ss -ltnH "sport = :$BOND_IPERF_PORT" 2>/dev/null | grep -q LISTEN && break
    sleep 0.1
  done
  bond_nstat cl "$json_out.cl.before"
  bond_nstat srv "$json_out.srv.before"
  a0=$(bond_relay_tx_bytes a); b0=$(bond_relay_tx_bytes b)
  start=$(date +%s%N)
  if [ -n "${bond_transfer_hook:-}" ]; then "$bond_transfer_hook" "$start" & hookpid=$!; fi
  rc=0
  lab_exec cl timeout $((secs + 20)) iperf3 -c "$BOND_SRV" -p "$BOND_IPERF_PORT" -R -t "$secs" -i 0.1 \
    --connect-timeout 5000 --json >"$json_out" 2>"$json_out.err" || rc=$?
  end=$(date +%s%N)
  a1=$(bond_relay_tx_bytes a 2>/dev/null || echo "$a0"); b1=$(bond_relay_tx_bytes b 2>/dev/null || echo "$b0")
  bond_nstat cl "$json_out.cl.after"
  bond_nstat srv "$json_out.srv.after"
  [ -n "$hookpid" ] && { wait "$hookpid" || true; }
  kill "$spid" 2>/dev/null || true
  wait "$spid" 2>/dev/null || true
  [ -n "$BOND_MANIFEST" ] && printf '{"label":"%s","mode":"%s","seconds":%s,"file":"%s","start_ns":%s,"end_ns":%s,"rc":%s,"tx_a_bytes":%s,"tx_b_bytes":%s%s}\n' \
    "$label" "${BOND_ROUTER_MODE:-}" "$secs" "$json_out" "$start" "$end" "$rc" $((a1 - a0)) $((b1 - b0)) \
    "${extra:+,$extra}" >>"$BOND_MANIFEST"
  return "$rc"
}
