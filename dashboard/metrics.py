"""Supervisor figures from the handoffs table: volumes per day, waiting times, crisis and minor counts."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter

from sqlalchemy import select
from sqlalchemy.engine import Engine

from helpline.store.db import handoffs, surveys, utcnow


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    if low == high:
        return float(ordered[low])
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def _flag(reason: str, summary: dict, key: str) -> bool:
    return reason == key or bool(summary.get(key))


def compute(engine: Engine, days: int = 30, now: dt.datetime | None = None) -> dict:
    now = now or utcnow()
    days = max(1, min(days, 366))
    start_day = (now - dt.timedelta(days=days - 1)).date()
    since = dt.datetime.combine(start_day, dt.time())
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                handoffs.c.created_at,
                handoffs.c.claimed_at,
                handoffs.c.language,
                handoffs.c.reason,
                handoffs.c.summary,
                handoffs.c.status,
            ).where(handoffs.c.created_at >= since)
        ).all()
        ratings = conn.execute(select(surveys.c.rating).where(surveys.c.asked_at >= since)).all()

    per_day: dict[str, dict] = {}
    for offset in range(days):
        day = (start_day + dt.timedelta(days=offset)).isoformat()
        per_day[day] = {"date": day, "total": 0, "by_language": Counter(), "by_reason": Counter()}
    by_language: Counter = Counter()
    by_reason: Counter = Counter()
    by_status: Counter = Counter()
    waits: list[float] = []
    crisis = minor = 0
    for row in rows:
        try:
            summary = json.loads(row.summary or "{}")
        except ValueError:
            summary = {}
        if not isinstance(summary, dict):
            summary = {}
        language = row.language or "unknown"
        reason = row.reason or "unknown"
        bucket = per_day.get(row.created_at.date().isoformat())
        if bucket is not None:
            bucket["total"] += 1
            bucket["by_language"][language] += 1
            bucket["by_reason"][reason] += 1
        by_language[language] += 1
        by_reason[reason] += 1
        by_status[row.status] += 1
        if row.claimed_at is not None:
            waits.append(max(0.0, (row.claimed_at - row.created_at).total_seconds()))
        crisis += _flag(reason, summary, "crisis")
        minor += _flag(reason, summary, "minor")

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "days": days,
        "since": since.isoformat() + "Z",
        "total": len(rows),
        "per_day": [
            {**d, "by_language": dict(d["by_language"]), "by_reason": dict(d["by_reason"])}
            for d in per_day.values()
        ],
        "by_language": dict(by_language),
        "by_reason": dict(by_reason),
        "by_status": dict(by_status),
        "waiting_seconds": {
            "count": len(waits),
            "p50": rounded(percentile(waits, 0.50)),
            "p95": rounded(percentile(waits, 0.95)),
        },
        "crisis": crisis,
        "minor": minor,
        "survey": survey_figures([row.rating for row in ratings]),
    }


def survey_figures(ratings: list[int | None]) -> dict:
    """The post-contact question: how many were asked, answered, each rating 1-5 and the mean."""
    answered = [int(r) for r in ratings if r is not None]
    counts = Counter(answered)
    return {
        "asked": len(ratings),
        "answered": len(answered),
        "by_rating": {str(value): counts.get(value, 0) for value in range(1, 6)},
        "mean": round(sum(answered) / len(answered), 2) if answered else None,
        "helped": sum(1 for r in answered if r >= 4),
    }


def bar_chart(items: list[tuple[str, int]], width: int = 480, bar_height: int = 22, gap: int = 6) -> dict:
    """Geometry for a horizontal SVG bar chart rendered by the template (no JS, no library)."""
    label_width = 110
    value_width = 48
    top = max((value for _, value in items), default=0) or 1
    usable = width - label_width - value_width
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (bar_height + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "y": y,
                "text_y": y + bar_height * 0.7,
                "x": label_width,
                "width": max(1 if value else 0, round(usable * value / top)),
                "value_x": label_width + max(1 if value else 0, round(usable * value / top)) + 6,
            }
        )
    return {
        "width": width,
        "height": max(bar_height, len(items) * (bar_height + gap) - gap),
        "bar_height": bar_height,
        "label_width": label_width,
        "bars": bars,
    }


def column_chart(series: list[tuple[str, int]], width: int = 960, height: int = 200) -> dict:
    """Geometry for a vertical SVG column chart (one column per day)."""
    bottom_margin = 22
    side = 24  # room for the first and last labels
    top = max((value for _, value in series), default=0) or 1
    count = max(1, len(series))
    step = (width - 2 * side) / count
    column = max(2.0, step * 0.7)
    usable = height - bottom_margin - 14
    columns = []
    for index, (label, value) in enumerate(series):
        column_height = round(usable * value / top, 1)
        columns.append(
            {
                "label": label,
                "value": value,
                "x": round(side + index * step + (step - column) / 2, 1),
                "y": round(height - bottom_margin - column_height, 1),
                "width": round(column, 1),
                "height": column_height,
                "show_label": count <= 14 or index % max(1, count // 10) == 0 or index == count - 1,
                "label_x": round(side + index * step + step / 2, 1),
            }
        )
    return {
        "width": width,
        "height": height,
        "baseline": height - bottom_margin,
        "top": top,
        "columns": columns,
    }
