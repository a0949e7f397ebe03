"""Chinese digits (both scripts), shared by the money amounts the triage reads (bot/triage/entities.py)
and the deadlines a texter states (helpline/deadlines.py), so a digit is read the same way in both."""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
