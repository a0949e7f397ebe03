"""The benchmark report: results/bench/report.json and report.md (markdown tables)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scripts.bench.stats import TargetResult, comparison, target_checks


def build(
    meta: dict[str, Any],
    results: Sequence[TargetResult],
    profile: dict[str, Any] | None = None,
    top_level: int = 32,
) -> dict[str, Any]:
    """Every helpline configuration is compared with the bare assistant and checked against the targets."""
    bare = next((result for result in results if result.name == "bare"), None)
    helplines = [result for result in results if result.name.startswith("helpline")]
    report: dict[str, Any] = {"meta": meta, "targets": {r.name: r.to_dict() for r in results}}
    if helplines and bare:
        report["comparison"] = {h.name: comparison(h, bare) for h in helplines}
    if helplines:
        report["checks"] = {h.name: [vars(c) for c in target_checks(h, bare, top_level)] for h in helplines}
    if profile:
        report["profile"] = profile
    return report


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:g}{suffix}"
    return f"{value}{suffix}"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_fmt(cell) for cell in row) + " |" for row in rows]
    return lines


def _rss(rss: dict[str, float]) -> str:
    return " / ".join(f"{name} {mb:.0f}" for name, mb in rss.items()) or "n/a"


def load_table(targets: dict[str, Any]) -> list[str]:
    rows = [
        [
            name,
            lvl["concurrency"],
            lvl["requests"],
            lvl["conversations"],
            lvl["throughput_rps"],
            lvl["p50_ms"],
            lvl["p95_ms"],
            lvl["p99_ms"],
            lvl["errors"],
            lvl["empty"],
            _rss(lvl["rss_mb"]),
        ]
        for name, target in targets.items()
        for lvl in target["levels"]
    ]
    header = ["assistant", "concurrent", "requests", "conversations", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    return _table([*header, "errors", "empty", "RSS after (MB)"], rows)


def start_and_long_table(targets: dict[str, Any]) -> list[str]:
    rows = []
    for name, target in targets.items():
        long = target.get("long") or {}
        rows.append(
            [
                name,
                target["cold_start_s"],
                long.get("turns"),
                long.get("turn10_ms"),
                long.get("turn200_ms"),
                long.get("ratio"),
                long.get("errors"),
                _rss(target["rss_mb"]),
            ]
        )
    header = ["assistant", "cold start s", "turns", "turn 10 ms", "turn 200 ms", "200/10", "errors"]
    return _table([*header, "RSS at end (MB)"], rows)


def comparison_table(comp: dict[str, Any], name: str = "helpline") -> list[str]:
    rows = [[c, v["throughput_ratio"], v["p95_ratio"]] for c, v in comp["levels"].items()]
    lines = _table(["concurrent", f"throughput {name}/bare", f"p95 {name}/bare"], rows)
    lines += [
        "",
        f"turn 200/turn 10: {name} {_fmt(comp['turn_ratio_helpline'])},"
        f" bare {_fmt(comp['turn_ratio_bare'])}"
        f" ({name}/bare {_fmt(comp['turn_ratio_helpline_over_bare'])});"
        f" cold start {name}/bare {_fmt(comp['cold_start_ratio'])};"
        f" largest Rasa process RSS {name}/bare {_fmt(comp['rasa_rss_ratio'])}",
    ]
    return lines


def checks_table(checks: Sequence[dict[str, Any]]) -> list[str]:
    mark = {True: "yes", False: "NO", None: "n/a"}
    return _table(
        ["target (reported, not asserted)", "goal", "measured", "met"],
        [[c["name"], c["target"], c["value"], mark[c["met"]]] for c in checks],
    )


def markdown(report: dict[str, Any]) -> str:
    meta = report["meta"]
    lines = [
        "# Helpline benchmark",
        "",
        f"{meta.get('started', '')} · {meta.get('cpus')} CPUs · load average at start "
        f"{_fmt(meta.get('load_start'))}, at end {_fmt(meta.get('load_end'))} · other processes used "
        f"{_share(meta.get('other_cpu_share'))} of the CPU during the run · model {meta.get('model')}",
        "",
        f"Plan: concurrency {meta.get('levels')}, up to {meta.get('requests')} requests or "
        f"{meta.get('level_seconds')} s per level, long conversation of {meta.get('long_turns')} turns; "
        "loopback only. Latencies are client-side (request sent -> answer read).",
    ]
    if meta.get("bare_init_s") is not None:
        lines += [
            "",
            f"The bare assistant was created and trained by `rasa init` in this run "
            f"({meta['bare_init_s']} s).",
        ]
    elif "bare_init_s" in meta:
        lines += [
            "",
            "The bare assistant is a `rasa init` project from an earlier run (use --fresh-bare to redo).",
        ]
    if meta.get("warning"):
        lines += ["", f"**{meta['warning']}**"]
    lines += ["", "## Load", "", *load_table(report["targets"])]
    lines += ["", "## Cold start and one long conversation", "", *start_and_long_table(report["targets"])]
    notes = [f"- {name}: " + "; ".join(t["notes"]) for name, t in report["targets"].items() if t.get("notes")]
    if notes:
        lines += ["", *notes]
    for name, comp in report.get("comparison", {}).items():
        lines += ["", f"## {name} / bare Rasa", "", *comparison_table(comp, name)]
    for name, checks in report.get("checks", {}).items():
        lines += ["", f"## Targets: {name}", "", *checks_table(checks)]
    if report.get("profile", {}).get("markdown"):
        lines += ["", report["profile"]["markdown"]]
    return "\n".join(lines) + "\n"


def write(out_dir: Path, report: dict[str, Any]) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "report.json", out_dir / "report.md"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(report))
    return json_path, md_path
