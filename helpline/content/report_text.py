"""The report facts as text, in the texter's language: the SMS summary (actions/report.py) and the
printable page (dashboard/report_page.py) use the same labels and lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

LABELS = {
    "en": {
        "title": "Your report summary. None of this is your fault.",
        "platforms": "Platform",
        "handles": "Their account",
        "asked": "They asked for",
        "paid": "You paid",
        "pay": "Payment",
        "deadline": "Their deadline",
        "started": "Started",
        "shared": "Shared with",
        "shared_yes": "yes",
        "app": "App installed: yes",
        "sep": ": ",
        "join": ", ",
    },
    "yue": {
        "title": "你嘅報案摘要。呢件事唔係你嘅錯。",
        "platforms": "平台",
        "handles": "對方帳戶",
        "asked": "對方要求",
        "paid": "你已付",
        "pay": "付款方法",
        "deadline": "對方期限",
        "started": "開始",
        "shared": "已發俾",
        "shared_yes": "有",
        "app": "有裝對方嘅程式",
        "sep": "：",
        "join": "、",
    },
    "cmn": {
        "title": "你的报案摘要。这不是你的错。",
        "platforms": "平台",
        "handles": "对方账号",
        "asked": "对方要求",
        "paid": "你已付",
        "pay": "付款方式",
        "deadline": "对方期限",
        "started": "开始",
        "shared": "已发给",
        "shared_yes": "有",
        "app": "安装了对方的程序",
        "sep": "：",
        "join": "、",
    },
}
# (label, fields joined) in the order the police ask for them.
LINES = (
    ("platforms", ("platforms",)),
    ("handles", ("handles", "phones")),
    ("asked", ("amounts_asked",)),
    ("paid", ("amounts_paid",)),
    ("pay", ("payment_methods", "accounts")),
)


def local_deadline(value: str, region: str | None) -> str:
    """'2026-12-03 23:59' in the region's time zone (UTC when unknown); the value itself if unreadable."""
    try:
        at = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    try:
        from helpline.content.hours import get_hours

        zone = get_hours().regions[str(region).upper()].zone
        label = ""
    except Exception:  # noqa: BLE001 - region without hours: say UTC
        zone, label = dt.timezone.utc, " UTC"
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") + label


def fact_lines(facts: dict[str, Any], language: str, region: str | None, limit: int | None) -> list[str]:
    words = LABELS.get(language, LABELS["en"])
    lines = []
    for label, fields in LINES:
        items = [item for field in fields for item in facts.get(field) or []]
        if limit is not None:
            items = items[-limit:]
        if items:
            lines.append(words[label] + words["sep"] + words["join"].join(items))
    if facts.get("deadline"):
        lines.append(words["deadline"] + words["sep"] + local_deadline(facts["deadline"], region))
    if facts.get("started"):
        lines.append(words["started"] + words["sep"] + facts["started"])
    if facts.get("content_shared"):
        who = (facts.get("shared_with") or [])[-(limit or 6) :]
        lines.append(
            words["shared"] + words["sep"] + (words["join"].join(who) if who else words["shared_yes"])
        )
    if facts.get("app_installed"):
        lines.append(words["app"])
    return lines
