#!/usr/bin/env bash
# Installs what srv6-epe needs on a Debian machine, idempotently (root).
#   lab/install-deps.sh runtime   what `bin/srv6 run` and `bin/srv6 demo` need (the demo: iperf3, mptcpize, python3)
#   lab/install-deps.sh test      that, plus what the test suite and the EPE lab (bin/srv6 lab epe) use as real
#                                 peers, decoders and plotters (gobgpd, tcpdump, python3-matplotlib, ...). The
#                                 tests run their own GoBGP and FRR daemons in namespaces; the frr package's own
#                                 service is left as Debian sets it up
set -euo pipefail

want=(openjdk-17-jdk-headless maven libpcap0.8 iproute2 procps iputils-ping iperf3 ethtool mptcpize python3)
case "${1:-runtime}" in
  runtime) ;;
  test) want+=(gobgpd frr tshark tcpdump iperf3 python3-scapy python3-prometheus-client python3-matplotlib) ;;
  *) echo "usage: $0 runtime|test" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A JDK or Maven that is already on PATH (e.g. from another package) is good enough.
if command -v javac >/dev/null 2>&1; then missing=("${missing[@]/openjdk-17-jdk-headless}"); fi
if command -v mvn >/dev/null 2>&1; then missing=("${missing[@]/maven}"); fi
read -r -a missing <<< "${missing[*]:-}"

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
