# Traffic for the EPE lab: one iperf3 transfer from the content server to the client, plain TCP or MPTCP-EPE,
# CBR (25 Mbit/s of TCP, iperf3 -b) or bulk. Sourced after lab/lib.sh and lab/epe/topo.sh.
#
# The client connects to the server's default address and asks it to send (iperf3 -R): the content flows from
# the server to the client, as in the paper. For MPTCP both ends run under mptcpize (Debian's mptcpize: socket()
# becomes MPTCP through LD_PRELOAD); the server announces its EPE addresses (epe_build), so the client opens one
# subflow to each of them, and our encapsulator steers each subflow's packets by their source address.

EPE_IPERF_PORT=5201
EPE_CBR_RATE=25M
EPE_MANIFEST=${EPE_MANIFEST:-}    # where epe_transfer appends one JSON line per transfer

# epe_transfer LABEL TRANSPORT TRAFFIC SECONDS OUT_JSON [EXTRA_JSON]
#   TRANSPORT tcp|mptcp, TRAFFIC cbr|bulk. Runs one transfer in the foreground and appends a manifest line:
#   label, transport, traffic, seconds, the iperf3 JSON file, wall-clock start/end (ns), exit status, the bytes
#   each transit sent towards the client, and the server's TCP (sub)flows of the transfer seen half-way.
#   EXTRA_JSON (e.g. '"pattern":"1.1","link_a_mbps":30') is added to the manifest line.
#   Hook: if epe_transfer_hook is set, it is started in the background with the start time (ns) as argument and
#   waited for after the transfer (the dynamic scenario changes the shaping from it).
epe_transfer() {
  local label=$1 transport=$2 traffic=$3 secs=$4 json_out=$5 extra=${6:-} pre=() rate=() spid i rc start end
  local a0 b0 a1 b1 sspid hookpid="" ssfile="$json_out.ss"
  [ "$transport" = mptcp ] && pre=(mptcpize run)
  [ "$traffic" = cbr ] && rate=(-b "$EPE_CBR_RATE")
  lab_exec srv "${pre[@]}" iperf3 -s -1 -p "$EPE_IPERF_PORT" >"$json_out.server.log" 2>&1 &
  spid=$!
  for ((i = 0; i < 50; i++)); do
    lab_exec srv ss -ltnH "sport = :$EPE_IPERF_PORT" 2>/dev/null | grep -q LISTEN && break
    sleep 0.1
  done
  a0=$(epe_tx_bytes a); b0=$(epe_tx_bytes b)
  start=$(date +%s%N)
  ( sleep "$(awk -v s="$secs" 'BEGIN { print s / 2 }')"
    lab_exec srv ss -tnH state established "( sport = :$EPE_IPERF_PORT )" >"$ssfile" 2>&1 ) &
  sspid=$!
  if [ -n "${epe_transfer_hook:-}" ]; then "$epe_transfer_hook" "$start" & hookpid=$!; fi
  rc=0
  lab_exec cl timeout $((secs + 20)) "${pre[@]}" iperf3 -c "$EPE_SRV" -p "$EPE_IPERF_PORT" -B "$EPE_CLIENT" -R \
    -t "$secs" "${rate[@]}" -i 0.5 --connect-timeout 5000 -J >"$json_out" 2>"$json_out.err" || rc=$?
  end=$(date +%s%N)
  a1=$(epe_tx_bytes a); b1=$(epe_tx_bytes b)
  [ -n "$hookpid" ] && { wait "$hookpid" || true; }
  wait "$sspid" 2>/dev/null || true
  kill "$spid" 2>/dev/null || true
  wait "$spid" 2>/dev/null || true
  [ -n "$EPE_MANIFEST" ] && printf '{"label":"%s","transport":"%s","traffic":"%s","seconds":%s,"file":"%s","start_ns":%s,"end_ns":%s,"rc":%s,"tx_a_bytes":%s,"tx_b_bytes":%s,"subflows":"%s"%s}\n' \
    "$label" "$transport" "$traffic" "$secs" "$json_out" "$start" "$end" "$rc" $((a1 - a0)) $((b1 - b0)) \
    "$(awk '{ printf "%s>%s ", $3, $4 }' "$ssfile" 2>/dev/null)" "${extra:+,$extra}" >>"$EPE_MANIFEST"
  return "$rc"
}

# epe_export_flows FILE: the encapsulator's SRv6 flow stats (bin/srv6 flows export --json) into FILE
epe_export_flows() { java -jar "$EPE_JAR" flows export --dir "$LAB_TMP/cs-journal" --json >"$1"; }
# epe_export_events ROUTER FILE: a router's route-event journal (bin/srv6 events export --json) into FILE
epe_export_events() { java -jar "$EPE_JAR" events export --dir "$LAB_TMP/$1-journal" --json >"$2"; }
