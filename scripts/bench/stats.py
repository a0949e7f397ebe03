"""Statistics of a benchmark run: latency percentiles, throughput, long-conversation windows, ratios."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sample:
    """One request: when it started (s from the level's start), how long it took, what came back."""

    started_s: float
    latency_s: float
    status: int  # HTTP status, 0 when the request failed (timeout, connection)
    messages: int  # bot messages in the answer
    expected_reply: bool = True
    failed: bool = False  # answered with the assistant's error notice (an action or the turn failed)

    @property
    def empty(self) -> bool:
        return self.status == 200 and self.messages == 0

    @property
    def error(self) -> bool:
        """A failed or non-200 request, an error notice, or an empty answer where a reply was expected."""
        return self.status != 200 or self.failed or (self.expected_reply and self.messages == 0)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile out of range: {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class LevelSummary:
    concurrency: int
    requests: int
    conversations: int
    errors: int
    empty: int
    duration_s: float
    throughput_rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    rss_mb: dict[str, float] = field(default_factory=dict)


def summarize_level(
    concurrency: int,
    samples: Sequence[Sample],
    duration_s: float,
    conversations: int,
    rss_kb: dict[str, int] | None = None,
) -> LevelSummary:
    latencies_ms = [s.latency_s * 1000 for s in samples]
    return LevelSummary(
        concurrency=concurrency,
        requests=len(samples),
        conversations=conversations,
        errors=sum(s.error for s in samples),
        empty=sum(s.empty for s in samples),
        duration_s=round(duration_s, 3),
        throughput_rps=round(len(samples) / duration_s, 2) if duration_s > 0 else float("nan"),
        p50_ms=round(percentile(latencies_ms, 50), 1),
        p95_ms=round(percentile(latencies_ms, 95), 1),
        p99_ms=round(percentile(latencies_ms, 99), 1),
        max_ms=round(max(latencies_ms), 1) if latencies_ms else float("nan"),
        rss_mb=megabytes(rss_kb or {}),
    )


def megabytes(rss_kb: dict[str, int]) -> dict[str, float]:
    return {name: round(kb / 1024, 1) for name, kb in rss_kb.items()}


def window_median(latencies_ms: Sequence[float], first: int, last: int) -> float | None:
    """Median latency of turns first..last (1-based, inclusive); None if the run was shorter."""
    if len(latencies_ms) < last:
        return None
    return statistics.median(latencies_ms[first - 1 : last])


@dataclass
class LongConversation:
    turns: int
    errors: int
    latencies_ms: list[float]
    turn10_ms: float | None  # median of turns 5-15
    turn200_ms: float | None  # median of turns 195-205
    ratio: float | None  # turn200 / turn10
    rss_mb: dict[str, float] = field(default_factory=dict)


def summarize_long(samples: Sequence[Sample], rss_kb: dict[str, int] | None = None) -> LongConversation:
    latencies = [round(s.latency_s * 1000, 2) for s in samples]
    early, late = window_median(latencies, 5, 15), window_median(latencies, 195, 205)
    return LongConversation(
        turns=len(samples),
        errors=sum(s.error for s in samples),
        latencies_ms=latencies,
        turn10_ms=round(early, 1) if early is not None else None,
        turn200_ms=round(late, 1) if late is not None else None,
        ratio=safe_ratio(late, early, digits=2),
        rss_mb=megabytes(rss_kb or {}),
    )


def safe_ratio(numerator: float | None, denominator: float | None, digits: int = 2) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return round(numerator / denominator, digits)


@dataclass
class TargetResult:
    """Everything measured on one assistant (the helpline or the bare Rasa one)."""

    name: str
    cold_start_s: float
    ready_s: dict[str, float]
    levels: list[LevelSummary]
    long: LongConversation | None
    rss_mb: dict[str, float]
    notes: list[str] = field(default_factory=list)

    def level(self, concurrency: int) -> LevelSummary | None:
        return next((lvl for lvl in self.levels if lvl.concurrency == concurrency), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def comparison(helpline: TargetResult, bare: TargetResult) -> dict[str, Any]:
    """Helpline / bare ratios per concurrency level and for the long conversation."""
    per_level = {}
    for mine in helpline.levels:
        theirs = bare.level(mine.concurrency)
        if theirs is None:
            continue
        per_level[mine.concurrency] = {
            "throughput_ratio": safe_ratio(mine.throughput_rps, theirs.throughput_rps),
            "p95_ratio": safe_ratio(mine.p95_ms, theirs.p95_ms),
        }
    turn_mine = helpline.long.ratio if helpline.long else None
    turn_theirs = bare.long.ratio if bare.long else None
    return {
        "levels": per_level,
        "turn_ratio_helpline": turn_mine,
        "turn_ratio_bare": turn_theirs,
        "turn_ratio_helpline_over_bare": safe_ratio(turn_mine, turn_theirs),
        "cold_start_ratio": safe_ratio(helpline.cold_start_s, bare.cold_start_s),
        "rasa_rss_ratio": safe_ratio(helpline.rss_mb.get("rasa"), bare.rss_mb.get("rasa")),
    }


@dataclass(frozen=True)
class Check:
    name: str
    target: str
    value: str
    met: bool | None  # None when not measured


def target_checks(helpline: TargetResult, bare: TargetResult | None, top_level: int = 32) -> list[Check]:
    """The issue's targets, reported (never asserted)."""
    checks: list[Check] = []
    top = helpline.level(top_level)
    theirs = bare.level(top_level) if bare else None
    ratio = safe_ratio(top.throughput_rps, theirs.throughput_rps) if top and theirs else None
    checks.append(
        Check(
            f"throughput at {top_level} concurrent vs bare Rasa",
            ">= 2x",
            f"{ratio}x" if ratio is not None else "n/a",
            None if ratio is None else ratio >= 2,
        )
    )
    checks.append(
        Check(
            f"p95 at {top_level} concurrent",
            "< 500 ms",
            f"{top.p95_ms} ms" if top else "n/a",
            None if top is None else top.p95_ms < 500,
        )
    )
    checks.append(
        Check(
            f"errors at {top_level} concurrent",
            "0",
            str(top.errors) if top else "n/a",
            None if top is None else top.errors == 0,
        )
    )
    turn = helpline.long.ratio if helpline.long else None
    checks.append(
        Check(
            "turn 200 / turn 10 latency",
            "<= 1.5x",
            f"{turn}x" if turn is not None else "n/a",
            None if turn is None else turn <= 1.5,
        )
    )
    checks.append(Check("cold start", "< 15 s", f"{helpline.cold_start_s:.1f} s", helpline.cold_start_s < 15))
    rasa_mb = helpline.rss_mb.get("rasa")
    checks.append(
        Check(
            "Rasa server RSS (largest process)",
            "< 1.2 GB",
            f"{rasa_mb:.0f} MB" if rasa_mb is not None else "n/a",
            None if rasa_mb is None else rasa_mb < 1200,
        )
    )
    return checks
