#!/usr/bin/env python3
"""The bonding lab's report (lab/bond/bond.sh): per transfer the L7 goodput, the receiver's out-of-order queueing
and the sender's retransmissions; the bond/single ratio; for the failure run the longest stall. Prints a table,
writes results.json, results.txt and bond.png (if matplotlib is there) to --out; with --json one JSON object on
the last line of stdout."""

import argparse
import json
import os
import statistics
import sys

STALL_FRACTION = 0.10   # an interval below 10 % of the run's median goodput is a stall


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def nstat(path):
    """nstat -a output: NAME VALUE RATE per line -> {NAME: VALUE}."""
    counters = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[1].isdigit():
                    counters[parts[0]] = int(parts[1])
    except OSError:
        pass
    return counters


def counter_diff(before, after, name):
    b, a = nstat(before), nstat(after)
    if name not in a or name not in b:
        return None
    return a[name] - b[name]


def intervals(iperf):
    """[(start_s, end_s, mbps)] of the receiver's (the client's, -R) intervals."""
    out = []
    for iv in (iperf or {}).get("intervals", []):
        s = iv.get("sum", {})
        start, end = s.get("start", 0.0), s.get("end", 0.0)
        if end - start < 0.02:   # a tail sliver
            continue
        out.append((start, end, s.get("bits_per_second", 0.0) / 1e6))
    return out


def longest_stall(ivs, seconds, completed):
    """Longest run of consecutive intervals below STALL_FRACTION of the median, in seconds. A transfer that did not
    complete stalled from its last interval to the end of the planned time."""
    if not ivs:
        return float(seconds), None
    med = statistics.median(m for _, _, m in ivs)
    threshold = STALL_FRACTION * med
    best = run = 0.0
    best_at = run_at = None
    for start, end, mbps in ivs:
        if mbps < threshold:
            if run == 0.0:
                run_at = start
            run += end - start
            if run > best:
                best, best_at = run, run_at
        else:
            run = 0.0
    if not completed:
        tail_start = ivs[-1][1] if run == 0.0 else run_at
        tail = seconds - tail_start
        if tail > best:
            best, best_at = tail, tail_start
    return round(best, 2), (None if best_at is None else round(best_at, 2))


def transfer(m, seconds):
    f = m["file"]
    iperf = load_json(f)
    err = None
    if iperf is None:
        err = "no iperf3 JSON"
    elif iperf.get("error"):
        err = iperf["error"]
    recv = ((iperf or {}).get("end") or {}).get("sum_received") or {}
    mbps = recv.get("bits_per_second", 0.0) / 1e6 if recv else 0.0
    got_s = recv.get("seconds", 0.0) if recv else 0.0
    completed = m["rc"] == 0 and err is None and recv.get("bytes", 0) > 0 and got_s >= 0.9 * seconds
    ivs = intervals(iperf)
    dur = max((m["end_ns"] - m["start_ns"]) / 1e9, 1e-9)
    r = {
        "mbps": round(mbps, 2),
        "ofo": counter_diff(f + ".cl.before", f + ".cl.after", "TcpExtTCPOFOQueue"),
        "retrans": counter_diff(f + ".srv.before", f + ".srv.after", "TcpRetransSegs"),
        "completed": completed,
        "seconds": round(got_s, 2),
        "relay_mbps": {"a": round(m["tx_a_bytes"] * 8 / dur / 1e6, 2), "b": round(m["tx_b_bytes"] * 8 / dur / 1e6, 2)},
        "intervals_mbps": [round(x, 2) for _, _, x in ivs],
    }
    if err:
        r["error"] = err
    fail_file = m.get("fail_file")
    if m["label"] == "failure":
        stall, at = longest_stall(ivs, seconds, completed)
        r["max_stall_s"] = stall
        r["stall_at_s"] = at
        r["median_interval_mbps"] = round(statistics.median(x for _, _, x in ivs), 2) if ivs else 0.0
        if fail_file and os.path.exists(fail_file):
            with open(fail_file) as ff:
                r["link_down_at_s"] = round((int(ff.read().strip()) - m["start_ns"]) / 1e9, 2)
            before = [x for s, _, x in ivs if s < r["link_down_at_s"] - 0.5]
            after = [x for s, _, x in ivs if s >= r["link_down_at_s"] + 1.0]
            r["mbps_before_down"] = round(statistics.mean(before), 2) if before else None
            r["mbps_after_down"] = round(statistics.mean(after), 2) if after else None
    return r


def show_bond(out, label):
    shown = {}
    for router in ("rs", "rc"):
        p = os.path.join(out, "raw", "%s-%s-bond.json" % (label, router))
        if os.path.exists(p):
            shown[router] = load_json(p)
    return shown


def fmt(v, spec="%.1f"):
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return spec % v
    return str(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--rate-a", type=float, default=20)
    ap.add_argument("--rate-b", type=float, default=10)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--error")
    a = ap.parse_args()

    manifest = []
    with open(a.manifest) as f:
        for line in f:
            if line.strip():
                manifest.append(json.loads(line))
    cap = a.rate_a + a.rate_b
    res = {"scenario": a.scenario, "quick": a.quick, "seconds": a.seconds,
           "rate_a_mbps": a.rate_a, "rate_b_mbps": a.rate_b, "capacity_mbps": cap}
    detail = {}
    for m in manifest:
        t = transfer(m, a.seconds)
        detail[m["label"]] = dict(t, show_bond=show_bond(a.out, m["label"]))
        if m["label"] == "failure":
            res["failure"] = {k: t.get(k) for k in ("mbps", "max_stall_s", "completed", "ofo", "retrans",
                                                    "link_down_at_s", "stall_at_s", "mbps_before_down",
                                                    "mbps_after_down", "relay_mbps")}
        else:
            res[m["label"]] = {k: t.get(k) for k in ("mbps", "ofo", "retrans", "completed", "relay_mbps")}
    if "single" in res and "bond" in res and res["single"]["mbps"] > 0:
        res["ratio"] = round(res["bond"]["mbps"] / res["single"]["mbps"], 3)
    if a.error:
        res["error"] = a.error

    lines = ["bonding lab (%s%s): relays a %g / b %g Mbit/s towards the client (capacity %g), TCP download of %g s"
             % (a.scenario, ", quick" if a.quick else "", a.rate_a, a.rate_b, cap, a.seconds), "",
             "%-8s %9s %10s %9s %9s %14s %10s" % ("mode", "Mbit/s", "OFO(rcv)", "retrans", "complete",
                                                 "relays a/b", "max stall"),
             ]
    for label in ("single", "bond", "failure"):
        if label not in detail:
            continue
        t = detail[label]
        lines.append("%-8s %9s %10s %9s %9s %14s %10s" % (
            label, fmt(t["mbps"]), fmt(t["ofo"]), fmt(t["retrans"]), fmt(t["completed"]),
            "%s / %s" % (fmt(t["relay_mbps"]["a"]), fmt(t["relay_mbps"]["b"])),
            (fmt(t["max_stall_s"], "%.2f") + " s") if "max_stall_s" in t else ""))
    lines.append("")
    if "ratio" in res:
        lines.append("bond / single: %.2f  (capacity / best single link: %.2f)" % (res["ratio"], cap / a.rate_a))
    if "failure" in res and res["failure"].get("link_down_at_s") is not None:
        f = res["failure"]
        lines.append("failure: relay-b's link down at %.1f s; %s -> %s Mbit/s; longest stall %.2f s%s; %s" % (
            f["link_down_at_s"], fmt(f["mbps_before_down"]), fmt(f["mbps_after_down"]), f["max_stall_s"],
            "" if f["stall_at_s"] is None else " (from %.1f s)" % f["stall_at_s"],
            "completed" if f["completed"] else "did NOT complete"))
    for label in ("bond", "failure"):
        if label in detail:
            for router, shown in sorted(detail[label]["show_bond"].items()):
                if shown is None:
                    lines.append("show bond (%s, after %s): not available" % (router, label))
    lines.append("OFO(rcv): TcpExtTCPOFOQueue at the client; retrans: TcpRetransSegs at the server (nstat diffs); "
                 "relays: Mbit/s each relay sent towards the client")
    if a.error:
        lines.append("ERROR: " + a.error)
    text = "\n".join(lines)

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(dict(res, detail=detail), f, indent=1)
    with open(os.path.join(a.out, "results.txt"), "w") as f:
        f.write(text + "\n")
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(8, 4))
        for label in ("single", "bond", "failure"):
            if label in detail and detail[label]["intervals_mbps"]:
                ys = detail[label]["intervals_mbps"]
                ax.plot([0.1 * (i + 1) for i in range(len(ys))], ys, label=label, linewidth=1)
        if "failure" in res and res["failure"].get("link_down_at_s") is not None:
            ax.axvline(res["failure"]["link_down_at_s"], color="grey", linestyle=":", label="relay-b down")
        ax.axhline(a.rate_a, color="lightgrey", linestyle="--", linewidth=0.8)
        ax.axhline(cap, color="lightgrey", linestyle="--", linewidth=0.8)
        ax.set_xlabel("s")
        ax.set_ylabel("Mbit/s (L7, 0.1 s intervals)")
        ax.set_title("bonding lab: TCP download, relays %g + %g Mbit/s" % (a.rate_a, a.rate_b))
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(a.out, "bond.png"), dpi=100)
    except Exception as ex:  # the plot is a convenience
        print("no plot: %s" % ex, file=sys.stderr)

    print(text)
    print("results in %s" % a.out)
    if a.json:
        print(json.dumps(res, separators=(",", ":")))


if __name__ == "__main__":
    main()
