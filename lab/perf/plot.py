#!/usr/bin/env python3
"""Plots perf compare results: throughput per scenario and frame size, ours beside the kernel's.

usage: plot.py results.csv throughput.png   (the CSV written by `bin/srv6 perf compare --out DIR`)
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(csv_path, png_path):
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("no rows in " + csv_path)
    labels = [f"{r['scenario']}\n{r['frame_size']} B" for r in rows]
    java = [float(r["java_pps"]) / 1e3 for r in rows]
    kernel = [float(r["kernel_pps"]) / 1e3 if r["kernel_pps"] else 0.0 for r in rows]
    x = range(len(rows))
    width = 0.38
    fig, ax = plt.subplots(figsize=(max(6, 1.4 * len(rows)), 4.5))
    ax.bar([i - width / 2 for i in x], java, width, label="srv6-epe (Java, af-packet)")
    ax.bar([i + width / 2 for i in x], kernel, width, label="Linux kernel seg6 / seg6local")
    for i, r in enumerate(rows):
        if not r["kernel_pps"]:
            ax.text(i + width / 2, 0, "n/a", ha="center", va="bottom", fontsize=8)
        elif r["ratio"]:
            ax.text(i, max(java[i], kernel[i]), f"x{float(r['ratio']):.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel("forwarded kpps (median)")
    ax.set_title("perf compare: throughput per scenario and inner frame size")
    ax.set_ylim(0, max(java + kernel + [0.001]) * 1.15)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8)
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
