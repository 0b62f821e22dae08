# Shared helpers for the lab scripts (sourced). Everything a script creates is named with
# $LAB_PREFIX and removed by lab_cleanup, which the caller installs as an EXIT trap.
# Addresses come from fd00::/8 only; traffic stays inside the namespaces created here.

LAB_PREFIX=${LAB_PREFIX:-s6d$$}
LAB_NS=()
LAB_PIDS=()
LAB_TMP=${LAB_TMP:-$(mktemp -d /tmp/srv6-epe-lab.XXXXXX)}

lab_ns() { # lab_ns NAME -> creates namespace $LAB_PREFIX-NAME with lo up
  local ns="$LAB_PREFIX-$1"
  ip netns add "$ns"
  LAB_NS+=("$ns")
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

lab_veth() { # lab_veth NS_A IF_A NS_B IF_B
  ip link add "$2" netns "$LAB_PREFIX-$1" type veth peer name "$4" netns "$LAB_PREFIX-$3"
  ip -n "$LAB_PREFIX-$1" link set "$2" up
  ip -n "$LAB_PREFIX-$3" link set "$4" up
}

lab_exec() { # lab_exec NS CMD...
  local ns="$LAB_PREFIX-$1"; shift
  ip netns exec "$ns" "$@"
}

lab_router_iface() { # lab_router_iface NS IF: a link our forwarder owns; the kernel stays off it
  ip netns exec "$LAB_PREFIX-$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1"
  ip -n "$LAB_PREFIX-$1" link set "$2" promisc on
}

lab_kernel_peer() { # lab_kernel_peer NS IF: a kernel interface whose link peer is our forwarder
  # The kernel leaves TCP/UDP checksums of locally sent (or veth-forwarded) packets to the "hardware"
  # (CHECKSUM_PARTIAL); a veth hands such a packet to its peer unfinished, and pcap reads it that way. A
  # user-space forwarder that reads it from pcap and sends it on would send a wrong checksum, so the kernel
  # must finish the checksum itself on links towards our forwarder.
  ip netns exec "$LAB_PREFIX-$1" ethtool -K "$2" tx off >/dev/null
}

lab_bg() { # lab_bg NS LOGFILE CMD... : start in background, remember the PID
  local ns="$LAB_PREFIX-$1" log="$2"; shift 2
  ip netns exec "$ns" "$@" >"$log" 2>&1 &
  LAB_PIDS+=($!)
}

lab_cleanup() {
  local pid ns
  for pid in "${LAB_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${LAB_PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  for ns in "${LAB_NS[@]:-}"; do
    [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null || true
  done
  LAB_NS=(); LAB_PIDS=()
  [ -n "${LAB_TMP:-}" ] && [ -d "$LAB_TMP" ] && rm -rf "$LAB_TMP"
}

lab_wait_socket() { # lab_wait_socket PATH SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ -S "$1" ] && return 0
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2
  return 1
}
