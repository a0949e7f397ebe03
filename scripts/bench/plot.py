"""results/bench/latency.png: latency percentiles per load level and latency along one long conversation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

COLOURS = {"helpline": "tab:blue", "bare": "tab:orange", "helpline-2-workers": "tab:green"}


def rolling_median(values: list[float], window: int = 9) -> list[float]:
    half = window // 2
    out = []
    for index in range(len(values)):
        chunk = sorted(values[max(0, index - half) : index + half + 1])
        out.append(chunk[len(chunk) // 2])
    return out


def plot(report: dict[str, Any], path: Path) -> Path:
    targets: dict[str, Any] = report["targets"]
    fig, (levels_ax, long_ax) = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.8 / max(1, len(targets))
    for offset, (name, target) in enumerate(targets.items()):
        levels = target["levels"]
        xs = [i + (offset - (len(targets) - 1) / 2) * width for i in range(len(levels))]
        p50 = [lvl["p50_ms"] for lvl in levels]
        p95 = [lvl["p95_ms"] for lvl in levels]
        p99 = [lvl["p99_ms"] for lvl in levels]
        colour = COLOURS.get(name, "tab:gray")
        levels_ax.bar(xs, p95, width, color=colour, alpha=0.45, label=f"{name} p95")
        levels_ax.scatter(xs, p50, color=colour, marker="o", zorder=3, label=f"{name} p50")
        levels_ax.scatter(xs, p99, color=colour, marker="^", zorder=3, label=f"{name} p99")
        for x, lvl in zip(xs, levels, strict=True):
            levels_ax.annotate(
                f"{lvl['throughput_rps']:.0f}/s",
                (x, lvl["p95_ms"]),
                ha="center",
                fontsize=7,
                xytext=(0, 3),
                textcoords="offset points",
            )
        levels_ax.set_xticks(range(len(levels)), [f"{lvl['concurrency']} concurrent" for lvl in levels])
        long = target.get("long")
        if long and long["latencies_ms"]:
            turns = list(range(1, len(long["latencies_ms"]) + 1))
            long_ax.plot(turns, long["latencies_ms"], color=colour, alpha=0.25, linewidth=0.8)
            long_ax.plot(
                turns, rolling_median(long["latencies_ms"]), color=colour, label=f"{name} (median of 9)"
            )
    levels_ax.set_yscale("log")
    levels_ax.set_ylabel("latency (ms, log)")
    levels_ax.set_title("Latency per load level (label: throughput)")
    levels_ax.axhline(500, color="red", linestyle=":", linewidth=1, label="500 ms")
    levels_ax.legend(fontsize=7, ncol=2)
    long_ax.set_xlabel("turn of one conversation")
    long_ax.set_ylabel("latency (ms)")
    long_ax.set_title("One long conversation")
    for turn in (10, 200):
        long_ax.axvline(turn, color="gray", linestyle=":", linewidth=1)
    long_ax.set_ylim(bottom=0)
    if long_ax.get_legend_handles_labels()[0]:
        long_ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
