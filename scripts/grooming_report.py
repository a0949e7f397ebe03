"""Grooming recall and false alarms per language on the grooming dev sets (issue 15).

    PYTHONPATH=$PWD .venv/bin/python scripts/grooming_report.py [--misses] [--json out.json]

Reads tests/nlu/grooming/dev_grooming_*.yml (written before the grooming rules were tuned; never the
sealed set). The grooming decision is rule-based (no model needed): the parse's `triage` from
`triage_for`, and, as in a conversation where the age came in another message, the case's `minor`
as what the conversation already knows. A case counts as flagged when `triage["grooming"]` is true, or
the message carries a grooming signal (`grooming_signal`) and the conversation knows the person is a
minor. Figures: recall on `grooming: true` cases, false-alarm rate on `grooming: false` cases, and
meeting recall / false alarms on the `meeting` field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

DEV_GLOB = "tests/nlu/grooming/dev_grooming_*.yml"


def load(pattern: str = DEV_GLOB) -> list[dict[str, Any]]:
    """The grooming cases of every file matching `pattern`, each with its language (from the file name)."""
    from scripts.risk_report import load_set

    return load_set(pattern)


def flagged(case: dict[str, Any]) -> tuple[bool, bool]:
    """(grooming, meeting) as the conversation would see them after this message."""
    from bot.components.triage import triage_for

    triage, _ = triage_for(case["text"], {})
    minor = bool(triage.get("minor") or case.get("minor"))
    grooming = bool(triage.get("grooming") or (triage.get("grooming_signal") and minor))
    return grooming, bool(triage.get("meeting"))


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def figures(rows: list[tuple[dict[str, Any], bool, bool]]) -> dict[str, Any]:
    positives = [r for r in rows if r[0]["grooming"]]
    negatives = [r for r in rows if not r[0]["grooming"]]
    meetings = [r for r in rows if r[0].get("meeting")]
    no_meetings = [r for r in rows if not r[0].get("meeting")]
    return {
        "n": len(rows),
        "grooming_recall": _ratio(sum(1 for r in positives if r[1]), len(positives)),
        "grooming_false_alarm_rate": _ratio(sum(1 for r in negatives if r[1]), len(negatives)),
        "meeting_recall": _ratio(sum(1 for r in meetings if r[2]), len(meetings)),
        "meeting_false_alarm_rate": _ratio(sum(1 for r in no_meetings if r[2]), len(no_meetings)),
    }


def report(cases: list[dict[str, Any]]) -> tuple[dict[str, Any], list[tuple[dict[str, Any], bool, bool]]]:
    rows = [(case, *flagged(case)) for case in cases]
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row[0]["language"]].append(row)
    return {"all": figures(rows), **{k: figures(v) for k, v in sorted(groups.items())}}, rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--misses", action="store_true", help="list the misses and false alarms")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--glob", default=DEV_GLOB)
    args = parser.parse_args()
    figures_by_language, rows = report(load(args.glob))
    for name, values in figures_by_language.items():
        print(f"{name:4} " + " ".join(f"{k}={v}" for k, v in values.items()))
    if args.misses:
        for case, grooming, meeting in rows:
            if grooming != case["grooming"] or meeting != bool(case.get("meeting")):
                print(
                    f"  want grooming={case['grooming']} meeting={bool(case.get('meeting'))} "
                    f"got grooming={grooming} meeting={meeting}: {case['text']}"
                )
    if args.json:
        Path(args.json).write_text(
            json.dumps(figures_by_language, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
