#!/usr/bin/env python3
"""Results of the EPE lab's scenarios: tables, results.json and plots (matplotlib) from the raw data the lab
scripts leave in OUT/raw: the transfer manifest (one JSON line per iperf3 transfer), iperf3's JSON, the content
server encapsulator's SRv6 flow stats (`srv6 flows export --json`), the routers' route-event journals (`srv6
events export --json`) and, for route changes, the trial log and the client ISP's UPDATEs captured by tcpdump.

    report.py static|dynamic|route-change|demo --manifest F --flows F --out DIR [--json] [--quick] ...

Prints the table on stdout; with --json the last line of stdout is one JSON object (also in OUT/results.json).
Exits 0 when the report could be made, whether or not the targets were met (results.json says which); 1 when
the data is missing or no transfer succeeded.
"""
import argparse
import json
import math
import os
import re
import statistics
import sys

SERVER = {"fd00:10::10": "best", "fd00:10::a": "epe-a", "fd00:10::b": "epe-b"}
EGRESS_NAMES = {"best": "best path (via A)", "epe-a": "EPE Transit A", "epe-b": "EPE Transit B"}
CLIENT = "fd00:c0::c"
CLIENT_PREFIX = "fd00:c0::/64"
CBR_MBPS = 25.0
# The flow stats count each packet as the encapsulator sent it (outer IPv6 + SRH + inner packet); what each
# subflow puts on links a and b is the inner packet, so the encapsulation is subtracted per packet: H.Encaps.Red
# with one SID (the best path, Transit B) adds 40 octets, H.Encaps with one SID (Transit A) 40 + an 8 + 16 SRH.
ENCAP_OVERHEAD = {"best": 40, "epe-a": 64, "epe-b": 40}


def fail(msg):
    print("report: " + msg, file=sys.stderr)
    sys.exit(1)


def load_jsonl(path):
    rows = []
    if not path or not os.path.exists(path):
        return rows
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    pass
    return rows


def load_iperf(path):
    """(goodput Mbit/s, [(t_start, t_end, Mbit/s)], error) of a client-side iperf3 -J -R file."""
    try:
        with open(path) as f:
            d = json.load(f)
    except (OSError, ValueError) as ex:
        return None, [], "no iperf3 result (%s)" % ex
    if "error" in d and not d.get("end", {}).get("sum_received"):
        return None, [], d["error"]
    try:
        mbps = d["end"]["sum_received"]["bits_per_second"] / 1e6
    except KeyError:
        return None, [], "iperf3 result without end.sum_received"
    intervals = [(i["sum"]["start"], i["sum"]["end"], i["sum"]["bits_per_second"] / 1e6)
                 for i in d.get("intervals", [])]
    return mbps, intervals, d.get("error")


def stats(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0], v[0], v[0]]
    return {"n": len(v), "median": round(statistics.median(v), 3), "q1": round(q[0], 3), "q3": round(q[2], 3),
            "min": round(v[0], 3), "max": round(v[-1], 3)}


def subflows(manifest_row):
    """Distinct server addresses of the transfer's established TCP (sub)flows, as ss saw them half-way."""
    seen = set()
    for pair in manifest_row.get("subflows", "").split():
        m = re.match(r"\[([0-9a-f:]+)\]:\d+>", pair)
        if m:
            seen.add(SERVER.get(m.group(1), m.group(1)))
    return sorted(seen)


class Flows:
    """The encapsulator's flow samples towards the client, per server source address, in inner-packet bytes."""

    def __init__(self, path):
        self.samples = []  # (wall_ns, interval_ns, egress name, bytes)
        for r in load_jsonl(path):
            if r.get("dst") != CLIENT or r.get("src") not in SERVER:
                continue
            name = SERVER[r["src"]]
            inner = int(r["bytes"]) - int(r["packets"]) * ENCAP_OVERHEAD[name]
            self.samples.append((int(r["wallNs"]), int(r["intervalNs"]), name, inner))
        self.samples.sort()

    def bytes_between(self, start_ns, end_ns):
        out = {k: 0 for k in EGRESS_NAMES}
        for wall, _, name, b in self.samples:
            if start_ns < wall <= end_ns:
                out[name] += b
        return out

    def mbps_between(self, start_ns, end_ns):
        secs = max((end_ns - start_ns) / 1e9, 1e-9)
        return {k: round(v * 8 / secs / 1e6, 3) for k, v in self.bytes_between(start_ns, end_ns).items()}

    def series(self, start_ns, end_ns):
        """{egress: [(t_s, Mbit/s)]} over the sampling rounds between start and end (0 where a flow was idle)."""
        rounds = {}
        for wall, interval, name, b in self.samples:
            if start_ns < wall <= end_ns + 200_000_000:
                key = round(wall / 20e6)  # one sampling round: the sampler stamps its flows together
                r = rounds.setdefault(key, {"wall": wall, "interval": interval, "bytes": {}})
                r["bytes"][name] = r["bytes"].get(name, 0) + b
        out = {k: [] for k in EGRESS_NAMES}
        for key in sorted(rounds):
            r = rounds[key]
            t = (r["wall"] - start_ns) / 1e9
            for name in EGRESS_NAMES:
                out[name].append((round(t, 3), round(r["bytes"].get(name, 0) * 8 / r["interval"] * 1e3, 3)))
        return out


def emit(args, result, table_lines):
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "results.txt"), "w") as f:
        f.write("\n".join(table_lines) + "\n")
    print("\n".join(table_lines))
    print("results: %s/results.json, plot: %s" % (args.out, result.get("plot") or "none (matplotlib missing)"))
    if args.json:
        # the per-run detail stays in results.json
        brief = dict(result)
        if "patterns" in brief:
            brief["patterns"] = [{k: v for k, v in p.items() if k != "runs"} for p in result["patterns"]]
        print(json.dumps(brief, separators=(",", ":")))


def pyplot():
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        return plt
    except ImportError:
        print("report: matplotlib is not installed (python3-matplotlib): no plot", file=sys.stderr)
        return None


def fmt(v, nd=1):
    return "-" if v is None else ("%.*f" % (nd, v))


# --- scenario 1 ------------------------------------------------------------------------------------------
PATTERNS_1 = [("1.1", 30, 30), ("1.2", 30, 15), ("1.3", 15, 30), ("1.4", 15, 15)]


def static_target(traffic, a, b):
    if traffic == "cbr":
        return round(0.95 * min(CBR_MBPS, a + b), 3), "within 5 % of min(25, a+b)"
    return round(0.9 * (a + b), 3), ">= 90 % of a+b"


def report_static(args, manifest, flows):
    scenario = "static"
    rows = {}
    for m in manifest:
        key = (m["pattern"], m["traffic"], m["transport"])
        mbps, _, err = load_iperf(m["file"])
        ok = m["rc"] == 0 and mbps is not None
        egress = flows.mbps_between(m["start_ns"], m["end_ns"])
        secs = max((m["end_ns"] - m["start_ns"]) / 1e9, 1e-9)
        rows.setdefault(key, []).append({
            "rep": m.get("rep", 1), "ok": ok, "mbps": round(mbps, 3) if ok else None,
            "error": None if ok else (err or "exit %d" % m["rc"]),
            "subflows": subflows(m), "subflow_mbps": egress,
            "transit_tx_mbps": {"a": round(m["tx_a_bytes"] * 8 / secs / 1e6, 3),
                                "b": round(m["tx_b_bytes"] * 8 / secs / 1e6, 3)}})
    if not any(r["ok"] for runs in rows.values() for r in runs):
        fail("no transfer succeeded; see the .err files in %s/raw" % args.out)
    patterns = []
    names = [p for p in PATTERNS_1 if any(k[0] == p[0] for k in rows)]
    for name, a, b in names:
        for traffic in ("cbr", "bulk"):
            tcp = rows.get((name, traffic, "tcp"), [])
            mp = rows.get((name, traffic, "mptcp"), [])
            if not tcp and not mp:
                continue
            ts = stats([r["mbps"] for r in tcp])
            ms = stats([r["mbps"] for r in mp])
            target, target_text = static_target(traffic, a, b)
            egress = {k: round(statistics.median([r["subflow_mbps"][k] for r in mp if r["ok"]]), 3)
                      for k in EGRESS_NAMES} if any(r["ok"] for r in mp) else None
            links = {k: round(statistics.median([r["transit_tx_mbps"][k] for r in mp if r["ok"]]), 3)
                     for k in ("a", "b")} if any(r["ok"] for r in mp) else None
            patterns.append({
                "name": name, "link_a_mbps": a, "link_b_mbps": b, "traffic": traffic,
                "tcp_mbps": ts and ts["median"], "mptcp_mbps": ms and ms["median"],
                "tcp": ts, "mptcp": ms,
                "tcp_failed": sum(1 for r in tcp if not r["ok"]), "mptcp_failed": sum(1 for r in mp if not r["ok"]),
                "mptcp_subflow_paths_min": min((len(r["subflows"]) for r in mp if r["ok"]), default=0),
                "mptcp_subflow_mbps": egress, "mptcp_link_use_mbps": links,
                "target_mbps": target, "target": target_text,
                "target_met": bool(ms and ms["median"] >= target),
                # within 3 %: where the 25 Mbit/s CBR caps both, they tie up to run-to-run noise
                "mptcp_ge_tcp": bool(ms and ts and ms["median"] >= 0.97 * ts["median"]),
                "runs": {"tcp": tcp, "mptcp": mp}})
    reps = max((len(v) for v in rows.values()), default=0)
    lines = ["Scenario 1, static quality (the paper's Table 1, Fig. 8): L7 goodput in Mbit/s, median of %d run(s)"
             " of %s s [min-max];\nMPTCP-EPE's subflows in IPv6 Mbit/s (SRv6 flow stats) and what links a and b carried (transit tx"
             " counters, Ethernet Mbit/s)" % (reps, args.seconds),
             "",
             "%-7s %-6s %-6s %-7s %-19s %-19s %-20s %-13s %s" % ("pattern", "link a", "link b", "traffic", "TCP",
                                                                "MPTCP-EPE", "subflows best/A/B", "links a / b", "target (MPTCP-EPE)")]
    for p in patterns:
        def cell(s):
            return "-" if not s else "%.1f [%.1f-%.1f]" % (s["median"], s["min"], s["max"])
        e = p["mptcp_subflow_mbps"]
        u = p["mptcp_link_use_mbps"]
        lines.append("%-7s %-6s %-6s %-7s %-19s %-19s %-20s %-13s %s %s" % (
            p["name"], p["link_a_mbps"], p["link_b_mbps"], p["traffic"], cell(p["tcp"]), cell(p["mptcp"]),
            "-" if not e else "%.1f/%.1f/%.1f" % (e["best"], e["epe-a"], e["epe-b"]),
            "-" if not u else "%.1f / %.1f" % (u["a"], u["b"]),
            ">= %.1f" % p["target_mbps"], "met" if p["target_met"] else "NOT met"))
    failed = sum(p["tcp_failed"] + p["mptcp_failed"] for p in patterns)
    if failed:
        lines.append("%d transfer(s) failed: see runs[].error in results.json" % failed)
    result = {"scenario": scenario, "quick": args.quick, "seconds": args.seconds, "reps": args.reps,
              "patterns": patterns,
              "all_targets_met": all(p["target_met"] for p in patterns),
              "mptcp_ge_tcp_everywhere": all(p["mptcp_ge_tcp"] for p in patterns),
              "out": args.out, "plot": None}
    plt = pyplot()
    if plt and patterns:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
        for ax, traffic, title in ((axes[0], "cbr", "CBR 25 Mbit/s"), (axes[1], "bulk", "Bulk (BI)")):
            ps = [p for p in patterns if p["traffic"] == traffic]
            xs = range(len(ps))
            for off, kind, label, color in ((-0.2, "tcp", "TCP", "#888888"), (0.2, "mptcp", "MPTCP EPE", "#3b6fb6")):
                med = [p[kind]["median"] if p[kind] else 0 for p in ps]
                lo = [p[kind]["median"] - p[kind]["min"] if p[kind] else 0 for p in ps]
                hi = [p[kind]["max"] - p[kind]["median"] if p[kind] else 0 for p in ps]
                ax.bar([x + off for x in xs], med, 0.38, yerr=[lo, hi], capsize=3, label=label, color=color)
            if traffic == "cbr":
                ax.axhline(CBR_MBPS, color="green", linestyle=":", label="25 Mbit/s")
            ax.set_xticks(list(xs))
            ax.set_xticklabels(["%s\na %d / b %d" % (p["name"], p["link_a_mbps"], p["link_b_mbps"]) for p in ps])
            ax.set_ylabel("L7 goodput [Mbit/s]")
            ax.set_title(title)
            ax.legend(loc="lower left", fontsize=8)
        fig.suptitle("Scenario 1: static link quality (median, min-max of %d run(s))" % reps)
        fig.tight_layout()
        result["plot"] = os.path.join(args.out, "%s.png" % scenario)
        fig.savefig(result["plot"], dpi=110)
    emit(args, result, lines)


# --- scenario 2 ------------------------------------------------------------------------------------------
def mean_between(intervals, t0, t1):
    v = [m for s, e, m in intervals if s >= t0 - 1e-6 and e <= t1 + 1e-6]
    return round(sum(v) / len(v), 3) if v else None


def series_mean(series, t0, t1):
    v = [m for t, m in series if t0 < t <= t1]
    return round(sum(v) / len(v), 3) if v else None


def report_dynamic(args, manifest, flows):
    runs = []
    for m in manifest:
        mbps, intervals, err = load_iperf(m["file"])
        ok = m["rc"] == 0 and mbps is not None
        try:
            with open(m["change_file"]) as f:
                change = (int(f.read().strip()) - m["start_ns"]) / 1e9
        except (OSError, ValueError):
            change = None
        secs = m["seconds"]
        series = flows.series(m["start_ns"], m["end_ns"])
        total = [(t, round(sum(series[k][i][1] for k in EGRESS_NAMES), 3))
                 for i, (t, _) in enumerate(series["best"])]
        at = change if change is not None else m["change_at_s"]
        run = {"pattern": m["pattern"], "traffic": m["traffic"], "transport": m["transport"],
               "link_a_mbps": m["link_a_mbps"], "link_b_mbps": m["link_b_mbps"], "seconds": secs,
               "change_at_s": m["change_at_s"], "change_measured_s": change and round(change, 3),
               "ok": ok, "error": None if ok else (err or "exit %d" % m["rc"]),
               "mbps": round(mbps, 3) if ok else None,
               "before_mbps": mean_between(intervals, 0, math.floor(at * 2) / 2),
               "after_mbps": mean_between(intervals, math.ceil(at * 2) / 2 + 1.0, secs),
               "subflow_mbps": {k: {"before": series_mean(series[k], 0.5, at),
                                         "after": series_mean(series[k], at + 1.0, secs)} for k in EGRESS_NAMES},
               "subflows": subflows(m),
               "l7_series": [(round(e, 3), round(v, 3)) for s, e, v in intervals],
               "series": {k: v for k, v in series.items()}, "series_total": total}
        runs.append(run)
    if not any(r["ok"] for r in runs):
        fail("no transfer succeeded; see the .err files in %s/raw" % args.out)
    patterns = []
    for r in runs:
        p = next((p for p in patterns if p["name"] == r["pattern"] and p["traffic"] == r["traffic"]), None)
        if p is None:
            p = {"name": r["pattern"], "traffic": r["traffic"], "link_a_mbps": r["link_a_mbps"],
                 "link_b_mbps": r["link_b_mbps"], "change_at_s": r["change_at_s"], "seconds": r["seconds"]}
            patterns.append(p)
        p[r["transport"]] = {k: r[k] for k in ("ok", "error", "mbps", "before_mbps", "after_mbps",
                                                 "subflow_mbps", "subflows", "change_measured_s")}
    lines = ["Scenario 2, quality changes mid-flow (the paper's Table 2, Fig. 9): L7 goodput in Mbit/s, mean before the"
             " change / from 1 s after it; per subflow (MPTCP-EPE, IPv6 Mbit/s from the SRv6 flow stats) before -> after", "",
             "%-7s %-7s %-9s %-9s %-15s %-15s %s" % ("pattern", "traffic", "link a", "link b", "TCP",
                                                     "MPTCP-EPE", "MPTCP subflows best / A / B")]
    for p in patterns:
        def ba(x):
            return "-" if not x or not x.get("ok") else "%s / %s" % (fmt(x["before_mbps"]), fmt(x["after_mbps"]))
        sf = p.get("mptcp", {}).get("subflow_mbps") if p.get("mptcp", {}).get("ok") else None
        lines.append("%-7s %-7s %-9s %-9s %-15s %-15s %s" % (
            p["name"], p["traffic"], "%d->%d" % tuple(p["link_a_mbps"]), "%d->%d" % tuple(p["link_b_mbps"]),
            ba(p.get("tcp")), ba(p.get("mptcp")),
            "-" if not sf else " / ".join("%s->%s" % (fmt(sf[k]["before"]), fmt(sf[k]["after"])) for k in EGRESS_NAMES)))
    result = {"scenario": "dynamic", "quick": args.quick, "patterns": patterns, "out": args.out, "plot": None}
    with open(os.path.join(args.out, "series.json"), "w") as f:
        json.dump(runs, f)
    plt = pyplot()
    if plt:
        traffics = [t for t in ("cbr", "bulk") if any(r["traffic"] == t for r in runs)]
        names = sorted({r["pattern"] for r in runs})
        cols = [(t, tr) for t in traffics for tr in ("tcp", "mptcp")]
        fig, axes = plt.subplots(len(names), len(cols), figsize=(4.2 * len(cols), 2.6 * len(names)), squeeze=False)
        colors = {"best": "#d62728", "epe-a": "#1f3fb4", "epe-b": "#5bc0de"}
        for i, name in enumerate(names):
            for j, (traffic, transport) in enumerate(cols):
                ax = axes[i][j]
                r = next((r for r in runs if r["pattern"] == name and r["traffic"] == traffic
                          and r["transport"] == transport), None)
                if r is None:
                    ax.axis("off")
                    continue
                for k in EGRESS_NAMES:
                    if any(v for _, v in r["series"][k]):
                        ax.plot(*zip(*r["series"][k]), color=colors[k], lw=1, label=EGRESS_NAMES[k])
                if r["series_total"] and transport == "mptcp":
                    ax.plot(*zip(*r["series_total"]), color="#7b3fa0", lw=1.4, label="sum")
                ax.axvline(r["change_measured_s"] or r["change_at_s"], color="black", ls="--", lw=0.8)
                ax.set_xlim(0, r["seconds"])
                ax.set_ylim(0, 65)
                ax.set_title("%s %s %s: avg %s Mbit/s" % (name, traffic.upper(), "MPTCP EPE" if transport == "mptcp"
                                                          else "TCP", fmt(r["mbps"])), fontsize=9)
                if j == 0:
                    ax.set_ylabel("Mbit/s (IPv6)")
                if i == len(names) - 1:
                    ax.set_xlabel("time [s]")
                if i == 0 and j == 1:
                    ax.legend(fontsize=7, loc="upper right")
        fig.tight_layout()
        result["plot"] = os.path.join(args.out, "dynamic.png")
        fig.savefig(result["plot"], dpi=75)
    emit(args, result, lines)


# --- scenario 3 ------------------------------------------------------------------------------------------
def route_events(path, vrf):
    """(wall_ns, 'add'|'del') of the client prefix in VRF vrf."""
    out = []
    for e in load_jsonl(path):
        if e.get("vrf") == vrf and e.get("key") == CLIENT_PREFIX:
            out.append((int(e["wallNs"]), "del" if not e.get("new") else "add"))
    return sorted(out)


def first_after(events, t0, t_limit, kind=None):
    for t, k in events:
        if t0 <= t < t_limit and (kind is None or k == kind):
            return t
    return None


def report_route_change(args, manifest, flows):
    trials = load_jsonl(args.trials)
    if not trials:
        fail("no route-change trials in %s" % args.trials)
    cs = route_events(args.cs_events, "epe-a")
    asbr = route_events(args.asbr_events, "peer-a")
    updates = []
    if args.updates and os.path.exists(args.updates):
        with open(args.updates) as f:
            for line in f:
                m = re.match(r"(\d+)\.(\d{9}) ", line)
                if m:
                    updates.append(int(m.group(1)) * 1_000_000_000 + int(m.group(2)))
    trials.sort(key=lambda t: t["t0_ns"])
    per = {"announce": [], "withdraw": []}
    for i, t in enumerate(trials):
        limit = trials[i + 1]["t0_ns"] if i + 1 < len(trials) else t["t0_ns"] + 30_000_000_000
        kind = "add" if t["change"] == "announce" else "del"
        c = first_after(cs, t["t0_ns"], limit, kind)
        a = first_after(asbr, t["t0_ns"], limit, kind)
        u = next((x for x in updates if t["t0_ns"] <= x < limit), None)
        per[t["change"]].append({
            "trial": t["trial"], "timeout": bool(t.get("timeout")),
            "epe_ms": None if c is None else (c - t["t0_ns"]) / 1e6,
            "asbr_ms": None if a is None else (a - t["t0_ns"]) / 1e6,
            "epe_from_update_ms": None if c is None or u is None else (c - u) / 1e6,
            "asbr_from_update_ms": None if a is None or u is None else (a - u) / 1e6,
            "cli_ms": (t["cli_done_ns"] - t["t0_ns"]) / 1e6})
    patterns = []
    for name, change in (("3.1", "announce"), ("3.2", "withdraw")):
        ts = per[change]
        epe = stats([t["epe_ms"] for t in ts])
        patterns.append({
            "name": name, "change": change, "trials": len(ts),
            "missed": sum(1 for t in ts if t["epe_ms"] is None),
            "epe_ms": epe, "asbr_bgp_ms": stats([t["asbr_ms"] for t in ts]),
            "epe_from_update_ms": stats([t["epe_from_update_ms"] for t in ts]),
            "asbr_from_update_ms": stats([t["asbr_from_update_ms"] for t in ts]),
            "cli_ms": stats([t["cli_ms"] for t in ts]),
            "target_ms": 50, "target_met": bool(epe and epe["median"] <= 50),
            "trial_ms": [[round(t["epe_ms"], 3) if t["epe_ms"] is not None else None,
                          round(t["asbr_ms"], 3) if t["asbr_ms"] is not None else None] for t in ts]})

    # the transfer under withdrawal
    under = None
    m = next((m for m in manifest if m["label"] == "under-withdraw"), None)
    if m is not None:
        mbps, intervals, err = load_iperf(m["file"])
        try:
            with open(args.withdraw) as f:
                w0 = int(f.read().strip())
        except (OSError, ValueError):
            w0 = None
        removed = first_after(cs, w0, m["end_ns"] + 1, "del") if w0 else None
        under = {"ok": m["rc"] == 0 and mbps is not None, "error": err if m["rc"] else None,
                 "mbps": mbps and round(mbps, 3), "seconds": m["seconds"],
                 "withdraw_at_s": w0 and round((w0 - m["start_ns"]) / 1e9, 3),
                 "route_removed_at_s": removed and round((removed - m["start_ns"]) / 1e9, 3)}
        if w0 and removed:
            before = flows.mbps_between(m["start_ns"] + 1_000_000_000, w0)
            after = flows.mbps_between(removed + 500_000_000, m["end_ns"])
            rel_removed = (removed - m["start_ns"]) / 1e9
            l7_after = mean_between(intervals, math.ceil(rel_removed * 2) / 2 + 0.5, m["seconds"])
            under.update({
                "subflow_mbps_before": before, "subflow_mbps_after": after,
                "epe_a_bytes_after": flows.bytes_between(removed + 500_000_000, m["end_ns"])["epe-a"],
                "l7_mbps_after": l7_after,
                "session_survived": bool(under["ok"] and l7_after and l7_after > 1.0),
                "withdrawn_subflow_stopped": flows.bytes_between(removed + 500_000_000, m["end_ns"])["epe-a"] == 0
                and before["epe-a"] > 0})
    lines = ["Scenario 3, route changes (the paper's Table 3, Fig. 10): ms from the client ISP's change at Transit A"
             " (the gobgp command) to the route change; median [q1-q3] (min-max), n trials", "",
             "%-7s %-9s %-34s %-34s %s" % ("pattern", "change", "EPE route at the content server",
                                         "BGP route at the ASBR (peer VRF)", "target (EPE median)")]
    for p in patterns:
        def cell(s):
            return "-" if not s else "%.1f [%.1f-%.1f] (%.1f-%.1f) n=%d" % (
                s["median"], s["q1"], s["q3"], s["min"], s["max"], s["n"])
        lines.append("%-7s %-9s %-34s %-34s <= 50 ms %s" % (p["name"], p["change"], cell(p["epe_ms"]),
                                                            cell(p["asbr_bgp_ms"]),
                                                            "met" if p["target_met"] else "NOT met"))
    for p in patterns:
        s, c = p["epe_from_update_ms"], p["cli_ms"]
        lines.append("  %s: from the client's UPDATE on the wire: EPE median %s ms; the gobgp command itself: median %s ms%s"
                     % (p["name"], fmt(s and s["median"]), fmt(c and c["median"]),
                        "; %d trial(s) missed" % p["missed"] if p["missed"] else ""))
    if under:
        lines.append("")
        if "session_survived" in under:
            b, a = under["subflow_mbps_before"], under["subflow_mbps_after"]
            lines.append("Withdrawal under traffic (MPTCP-EPE bulk, Transit A withdrawn at %.1f s, gone from epe-a at %.1f s):"
                         % (under["withdraw_at_s"], under["route_removed_at_s"]))
            lines.append("  subflows before: best %.1f, A %.1f, B %.1f Mbit/s; after: best %.1f, A %.1f, B %.1f; "
                         "session %s (%s Mbit/s L7 after)" % (b["best"], b["epe-a"], b["epe-b"], a["best"], a["epe-a"],
                                                              a["epe-b"], "survived" if under["session_survived"]
                                                              else "DID NOT survive", fmt(under["l7_mbps_after"])))
        else:
            lines.append("Withdrawal under traffic: no data (%s)" % (under.get("error") or "route not removed"))
    result = {"scenario": "route-change", "quick": args.quick, "patterns": patterns, "withdraw_under_traffic": under,
              "all_targets_met": all(p["target_met"] for p in patterns), "out": args.out, "plot": None}
    plt = pyplot()
    if plt:
        fig, ax = plt.subplots(figsize=(7, 4))
        data, labels, pos = [], [], []
        for i, p in enumerate(patterns):
            for j, (key, label) in enumerate((("epe", "EPE route\n(content server)"), ("asbr", "BGP route\n(ASBR)"))):
                v = [t["epe_ms" if key == "epe" else "asbr_ms"] for t in per[p["change"]]]
                data.append([x for x in v if x is not None] or [float("nan")])
                labels.append("%s %s\n%s" % (p["name"], p["change"], label))
                pos.append(i * 3 + j)
        ax.boxplot(data, positions=pos, widths=0.7)
        ax.set_xticks(pos)
        ax.set_xticklabels(labels, fontsize=7)
        ax.set_ylabel("time after the client ISP's change [ms]")
        ax.set_title("Scenario 3: route changes at Transit A (%d trials each)" % max(p["trials"] for p in patterns))
        fig.tight_layout()
        result["plot"] = os.path.join(args.out, "route-change.png")
        fig.savefig(result["plot"], dpi=110)
    emit(args, result, lines)


# --- the demo -------------------------------------------------------------------------------------------
def report_demo(args, manifest, flows):
    """A short scenario 1 for newcomers: TCP vs MPTCP-EPE per pattern, with the subflows; exit 3 if a check fails."""
    rows, problems = [], []
    for name, a, b in PATTERNS_1:
        for traffic in ("cbr", "bulk"):
            got = {}
            for transport in ("tcp", "mptcp"):
                m = next((m for m in manifest if m["pattern"] == name and m["traffic"] == traffic
                          and m["transport"] == transport), None)
                if m is None:
                    continue
                mbps, _, err = load_iperf(m["file"])
                ok = m["rc"] == 0 and mbps is not None
                got[transport] = {"ok": ok, "mbps": round(mbps, 3) if ok else None,
                                  "error": None if ok else (err or "exit %d" % m["rc"]),
                                  "subflows": subflows(m), "subflow_mbps": flows.mbps_between(m["start_ns"], m["end_ns"])}
            if not got:
                continue
            rows.append({"name": name, "link_a_mbps": a, "link_b_mbps": b, "traffic": traffic, **got})
    lines = ["%-8s %-15s %-12s %-8s %-10s %-6s %s" % ("pattern", "links a / b", "traffic", "TCP", "MPTCP-EPE", "gain",
                                                      "MPTCP-EPE subflows: best path (A) / EPE A / EPE B")]
    for r in rows:
        t, m = r.get("tcp", {}), r.get("mptcp", {})
        label = "%s %s" % (r["name"], "(best path poor)" if r["link_a_mbps"] < 25 else "(good)")
        gain = "-" if not (t.get("ok") and m.get("ok")) else "x%.2f" % (m["mbps"] / max(t["mbps"], 0.001))
        sf = m.get("subflow_mbps") if m.get("ok") else None
        lines.append("%-8s %-15s %-12s %-8s %-10s %-6s %s" % (
            r["name"], "%d / %d Mbit/s" % (r["link_a_mbps"], r["link_b_mbps"]),
            "CBR 25M" if r["traffic"] == "cbr" else "bulk", fmt(t.get("mbps")), fmt(m.get("mbps")), gain,
            "-" if not sf else "%.1f / %.1f / %.1f Mbit/s" % (sf["best"], sf["epe-a"], sf["epe-b"])))
        for k, x in (("TCP", t), ("MPTCP-EPE", m)):
            if x and not x["ok"]:
                problems.append("%s %s %s failed: %s" % (label, r["traffic"], k, x["error"]))
        if t.get("ok") and m.get("ok"):
            # CBR within 8 %: where link a alone carries 25 Mbit/s both are capped and tie, up to noise
            if m["mbps"] < (0.92 if r["traffic"] == "cbr" else 1.0) * t["mbps"]:
                problems.append("%s %s: MPTCP-EPE %.1f < TCP %.1f Mbit/s" % (label, r["traffic"], m["mbps"], t["mbps"]))
            if len(m["subflows"]) < 3:
                problems.append("%s %s: MPTCP subflows only from %s" % (label, r["traffic"], m["subflows"]))
            if r["traffic"] == "cbr" and r["link_a_mbps"] < 25 and m["mbps"] < 0.9 * CBR_MBPS:
                problems.append("%s: MPTCP-EPE CBR %.1f < 90 %% of 25 Mbit/s" % (label, m["mbps"]))
    result = {"scenario": "demo", "patterns": rows, "problems": problems, "ok": not problems, "out": args.out}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(result, f, indent=2)
    print("\n".join(lines))
    for p in problems:
        print("  problem: " + p)
    if args.json:
        print(json.dumps(result, separators=(",", ":")))
    sys.exit(0 if not problems else 3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["static", "dynamic", "route-change", "demo"])
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--flows", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seconds", type=float)
    ap.add_argument("--reps", type=int)
    ap.add_argument("--trials")
    ap.add_argument("--cs-events")
    ap.add_argument("--asbr-events")
    ap.add_argument("--updates")
    ap.add_argument("--withdraw")
    args = ap.parse_args()
    manifest = load_jsonl(args.manifest)
    if not manifest and args.scenario != "route-change":
        fail("no transfers in %s" % args.manifest)
    flows = Flows(args.flows)
    if args.scenario == "demo":
        report_demo(args, manifest, flows)
    elif args.scenario == "static":
        report_static(args, manifest, flows)
    elif args.scenario == "dynamic":
        report_dynamic(args, manifest, flows)
    else:
        report_route_change(args, manifest, flows)


if __name__ == "__main__":
    main()
