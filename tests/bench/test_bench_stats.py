"""The benchmark's statistics and report code (no servers, no timings asserted)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from scripts.bench import profile_report, report
from scripts.bench.stats import (
    LongConversation,
    Sample,
    TargetResult,
    comparison,
    percentile,
    safe_ratio,
    summarize_level,
    summarize_long,
    target_checks,
    window_median,
)


def samples(latencies_ms: list[float], status: int = 200, messages: int = 1) -> list[Sample]:
    return [Sample(i * 0.1, ms / 1000, status, messages) for i, ms in enumerate(latencies_ms)]


def test_percentile_interpolates_like_numpy() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(values, 0) == 10
    assert percentile(values, 50) == 30
    assert percentile(values, 100) == 50
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile([7.0], 99) == 7
    assert percentile(list(reversed(values)), 25) == 20
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_errors_are_failures_non_200_and_missing_replies() -> None:
    ok, empty, failed, server_error = (
        Sample(0, 0.01, 200, 1),
        Sample(0, 0.01, 200, 0),
        Sample(0, 0.01, 0, 0),
        Sample(0, 0.01, 500, 0),
    )
    assert not ok.error and not ok.empty
    assert empty.error and empty.empty
    assert Sample(0, 0.01, 200, 1, failed=True).error
    assert failed.error and server_error.error and not failed.empty
    silent_allowed = Sample(0, 0.01, 200, 0, expected_reply=False)
    assert silent_allowed.empty and not silent_allowed.error


def test_level_summary() -> None:
    runs = samples([10.0] * 90 + [100.0] * 10) + samples([5.0], status=500)
    level = summarize_level(8, runs, duration_s=2.0, conversations=12, rss_kb={"rasa": 512 * 1024})
    assert level.requests == 101 and level.errors == 1 and level.empty == 0
    assert level.throughput_rps == 50.5
    assert level.p50_ms == 10.0 and level.max_ms == 100.0
    assert level.p99_ms == 100.0
    assert level.rss_mb == {"rasa": 512.0}


def test_long_conversation_windows_and_ratio() -> None:
    latencies = [10.0] * 100 + [15.0] * 110
    assert window_median(latencies, 5, 15) == 10.0
    assert window_median(latencies, 195, 205) == 15.0
    assert window_median(latencies[:150], 195, 205) is None
    long = summarize_long(samples(latencies))
    assert (long.turn10_ms, long.turn200_ms, long.ratio, long.turns) == (10.0, 15.0, 1.5, 210)
    short = summarize_long(samples([10.0] * 30))
    assert short.turn200_ms is None and short.ratio is None


def test_safe_ratio() -> None:
    assert safe_ratio(3, 2) == 1.5
    assert safe_ratio(None, 2) is None and safe_ratio(1, 0) is None


def result(name: str, rps: float, p95: float, ratio: float | None, cold: float, rss: float) -> TargetResult:
    level = summarize_level(32, samples([p95] * 20), duration_s=20 / rps, conversations=5)
    long = LongConversation(210, 0, [], 10.0, None if ratio is None else 10.0 * ratio, ratio)
    return TargetResult(name, cold, {"rasa": cold}, [level], long, {"rasa": rss})


def test_comparison_and_target_checks() -> None:
    helpline = result("helpline", rps=60, p95=300, ratio=1.2, cold=9.0, rss=700)
    bare = result("bare", rps=20, p95=900, ratio=2.0, cold=40.0, rss=1100)
    comp = comparison(helpline, bare)
    assert comp["levels"][32] == {"throughput_ratio": 3.0, "p95_ratio": 0.33}
    assert comp["turn_ratio_helpline"] == 1.2 and comp["turn_ratio_bare"] == 2.0
    assert comp["turn_ratio_helpline_over_bare"] == 0.6
    checks = {c.name: c for c in target_checks(helpline, bare)}
    assert all(c.met for c in checks.values()), checks
    slow = result("helpline", rps=30, p95=800, ratio=2.0, cold=20.0, rss=1300)
    assert not any(c.met for c in target_checks(slow, bare) if not c.name.startswith("errors"))
    unmeasured = target_checks(helpline, None)
    assert unmeasured[0].met is None and unmeasured[0].value == "n/a"


def test_report_files_and_markdown(tmp_path: Path) -> None:
    helpline = result("helpline", rps=60, p95=300, ratio=1.2, cold=9.0, rss=700)
    bare = result("bare", rps=20, p95=900, ratio=2.0, cold=40.0, rss=1100)
    meta = {"cpus": 2, "levels": [32], "requests": 20, "long_turns": 210, "warning": "busy machine"}
    data = report.build(meta, [helpline, bare])
    json_path, md_path = report.write(tmp_path, data)
    loaded = json.loads(json_path.read_text())
    assert set(loaded["targets"]) == {"helpline", "bare"}
    assert loaded["comparison"]["helpline"]["levels"]["32"]["throughput_ratio"] == 3.0
    assert [c["met"] for c in loaded["checks"]["helpline"]] == [True] * 6
    text = md_path.read_text()
    assert "| helpline | 32 | 20 |" in text
    assert "**busy machine**" in text
    assert "| cold start | < 15 s | 9.0 s | yes |" in text


def test_report_without_bare_has_no_comparison() -> None:
    data = report.build({"cpus": 2}, [result("helpline", 60, 300, None, 9.0, 700)])
    assert "comparison" not in data
    assert "n/a" in report.markdown(data)


def test_plot_writes_a_png(tmp_path: Path) -> None:
    from scripts.bench import plot

    helpline = result("helpline", rps=60, p95=300, ratio=1.2, cold=9.0, rss=700)
    helpline.long.latencies_ms = [10.0 + i / 50 for i in range(210)]
    path = plot.plot(report.build({"cpus": 2}, [helpline]), tmp_path / "latency.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_profile_stage_table() -> None:
    record = {
        "total": 0.050,
        "rasa.handle_message": 0.040,
        "db.receive": 0.004,
        "db.erasure_check": 0.002,
        "tracker.retrieve": 0.005,
        "rasa.action_server_call": 0.020,
    }
    derived = profile_report.with_derived(record)
    assert derived["rasa.other"] == pytest.approx(0.015)
    assert derived["connector.db"] == pytest.approx(0.006)
    assert derived["connector.other"] == pytest.approx(0.004)
    long = [dict(record, total=0.050 + i / 10_000) for i in range(210)]
    early, late, label = profile_report.windows(long)
    assert (len(early), len(late), label) == (11, 11, "195-205")
    assert profile_report.windows(long[:30])[2] == "20-30"
    hot = {"groups": {"JSON": 0.3}, "selected_ms_per_message": {"json.dumps": 1.0}, "messages": 3}
    concurrent = {"records": [dict(record, total=0.4)] * 4, "throughput_rps": 60.0, "concurrency": 4}
    summary = profile_report.summarize([record] * 3, long, {}, {"short": hot}, concurrent)
    assert summary["short_mean_ms"]["total"] == 50.0
    assert summary["sequential_throughput_rps"] == 20.0
    assert summary["concurrent_mean_ms"]["total"] == 400.0
    assert "| rasa.action_server_call | 20.0 | 40% |" in summary["markdown"]
    assert "60 msg/s with 4 conversations at once" in summary["markdown"]
    assert "error notice" not in summary["markdown"]
    failing = profile_report.summarize([dict(record, failed=1.0)], long, {}, {}, concurrent)
    assert failing["failed_turns"] == 1 and "error notice" in failing["markdown"]
    assert "JSON 30%" in summary["markdown"]


def test_profile_groups() -> None:
    assert profile_report.group_of("/x/site-packages/jsonschema/validators.py", "iter_errors") == "jsonschema"
    assert profile_report.group_of("/usr/lib/python3.10/json/encoder.py", "iterencode") == "JSON"
    assert profile_report.group_of("~", "<method 'poll' of 'select.epoll' objects>").startswith("event loop")
    assert profile_report.group_of(f"{profile_report.REPO_ROOT}/bot/triage/crisis.py", "f") == "helpline code"
    assert profile_report.group_of("/x/.venv/site-packages/rasa/core/agent.py", "f") == "Rasa (other)"


def test_timers_keep_concurrent_messages_apart() -> None:
    import asyncio

    from scripts.bench.timers import Timers

    class Store:
        def load(self) -> int:
            return 1

        async def fetch(self) -> int:
            await asyncio.sleep(0)
            return await asyncio.to_thread(self.load)

    store, timers = Store(), Timers()
    timers.wrap(store, "load", "load")
    timers.wrap(store, "fetch", "fetch")

    async def message() -> dict[str, float]:
        timers.begin()
        await store.fetch()
        return timers.end_message(total=1.0)

    async def both() -> list[dict[str, float]]:
        return await asyncio.gather(message(), message())

    records = asyncio.run(both())
    assert all(set(r) == {"load", "fetch", "total"} for r in records)
    assert timers.counts == {"load": 2, "fetch": 2}
    timers.restore()
    assert "load" not in vars(store) and "fetch" not in vars(store)


def test_what_if_table_marks_fixes_already_in_the_helpline() -> None:
    row = {
        "name": "as is",
        "sequential_ms": {"total": 30.0, "rasa.handle_message": 20.0, "connector.db": 8.0},
        "validate_ms": 0.5,
        "tracker_save_ms": 4.0,
        "sequential_rps": 33.3,
        "concurrent_rps": 40.0,
        "concurrency": 32,
    }
    text = profile_report.what_if_markdown(
        [row, {"name": "cached jsonschema validator", "already_applied": True}]
    )
    assert "| as is | 30.0 | 20.0 | 8.0 | 0.5 | 4.0 | 33.3 | 40.0 (32 conversations) |" in text
    assert "| cached jsonschema validator | already in the helpline" in text


def test_the_triage_speed_bench_measures_every_component() -> None:
    from scripts.bench.triage_speed import BUDGETS_MS, measure

    figures = measure(runs=1, messages=10)
    assert set(figures) == set(BUDGETS_MS)
    assert all(ms > 0 for ms in figures.values())  # measured, never judged here: see `make bench-triage`
