# Ctrl-C and SIGTERM for lab scripts (sourced, before lab/lib.sh).
#
# bash runs an INT trap only if the foreground command died of SIGINT; iperf3, java and gobgp catch SIGINT and
# exit, so a Ctrl-C during a transfer is swallowed and the script goes on. epe_supervise therefore runs the script
# again as a child shell (in the background: SIGINT is ignored there) and only waits for it. On Ctrl-C or SIGTERM
# it sends SIGTERM to the child, stops the processes in the child's namespaces (so that the child's current command
# ends and its EXIT trap removes the lab), waits up to 30 s for it, and removes whatever is still left.

# epe_lab_down STATE ORPHANS RUN_PREFIX UP_GLOB...: a lab script's `down`. Unless ORPHANS is 1, stops the PIDs
# that `up` recorded in STATE/pids, removes the namespaces matching an UP_GLOB and STATE; always removes the
# namespaces RUN_PREFIX<pid>-* of runs whose owner PID is gone (killed runs). Prints what it removed.
epe_lab_down() {
  local state=$1 orphans=$2 prefix=$3 ns owner glob
  shift 3
  local gone=()
  if [ "$orphans" -eq 0 ] && [ -f "$state/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$state/pids"
  fi
  for ns in $(ip netns list | awk '{print $1}'); do
    if [[ $ns == "$prefix"[0-9]*-* ]]; then
      owner=${ns#"$prefix"}; owner=${owner%%-*}
      kill -0 "$owner" 2>/dev/null || gone+=("$ns")
    elif [ "$orphans" -eq 0 ]; then
      for glob in "$@"; do
        # shellcheck disable=SC2053 # the glob is a pattern on purpose
        if [[ $ns == $glob ]]; then gone+=("$ns"); break; fi
      done
    fi
  done
  epe_remove_namespaces "${gone[@]}"
  [ "$orphans" -eq 1 ] || rm -rf "$state"
  echo "removed ${#gone[@]} namespaces${gone[*]:+: ${gone[*]}}"
}

# epe_remove_namespaces NS...: stop the processes inside each (by PID: SIGTERM, then SIGKILL), then delete it
epe_remove_namespaces() {
  local ns pid
  [ $# -gt 0 ] || return 0
  for ns in "$@"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  done
  sleep 1
  for ns in "$@"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}

# epe_namespaces PREFIX: the namespaces named PREFIX-*
epe_namespaces() { ip netns list | awk '{print $1}' | grep "^$1-" || true; }

# epe_supervise PREFIX ARGS...: unless this is already the child, run "$0" ARGS... as the child, wait, and exit
# with its status. PREFIX names the child's namespaces; @PID@ in it stands for the child's PID (the child's $$).
epe_supervise() {
  local pattern=$1 child rc=0
  shift
  [ -z "${EPE_WORKER:-}" ] || return 0
  EPE_WORKER=1 bash "$0" "$@" &
  child=$!
  EPE_SUPERVISED_PREFIX=${pattern//@PID@/$child}
  EPE_SUPERVISED_CHILD=$child
  trap 'epe_supervise_stop 130' INT
  trap 'epe_supervise_stop 143' TERM
  wait "$child" || rc=$?
  exit "$rc"
}

epe_supervise_stop() {
  local ns pid i=0 child=$EPE_SUPERVISED_CHILD prefix=$EPE_SUPERVISED_PREFIX
  trap '' INT TERM
  echo "stopping: removing the lab ($prefix-*)" >&2
  kill -TERM "$child" 2>/dev/null || true
  for ns in $(epe_namespaces "$prefix"); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  done
  while kill -0 "$child" 2>/dev/null && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  kill -9 "$child" 2>/dev/null || true
  # shellcheck disable=SC2046
  epe_remove_namespaces $(epe_namespaces "$prefix")
  [ -z "${EPE_SUPERVISED_ON_STOP:-}" ] || eval "$EPE_SUPERVISED_ON_STOP"
  exit "$1"
}
