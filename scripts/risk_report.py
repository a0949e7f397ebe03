"""Risk recognition figures (issue 12) on labelled sets, through a trained model.

    PYTHONPATH=$PWD .venv/bin/python scripts/risk_report.py --model M [--misses] [GLOB ...]

Default sets: the held-out cases (tests/nlu/cases_*.yml), the fresh crisis set (tests/nlu/fresh/), the
early recognition dev sets (tests/nlu/dev_risk_*.yml, dev2_risk_*.yml, dev3/dev3_*.yml) and every opened
recognition set bot/config.yml trains on (its `recognition_sets`: each held out until reported, or written as
a development set); the held-out tests/nlu/hold54/ only when named, once, at the end.
A case's expected level is its `risk`, else "crisis" when `crisis` is true, else "none". Per set and language:
recall of crisis-or-concern on risk cases, crisis recall on crisis cases, who-is-at-risk accuracy,
crisis false alarms and concern rate on cases without risk, and false alarms on idioms (tag or family
`idiom`, family `violence`). Parses made before the `risk` key existed count as crisis when `crisis`
is true. Sets whose cases carry a `family` also get crisis-or-concern recall per risk family
(`by_family`), and sets whose cases carry an `intent` get the intent macro-F1 (`intent_macro_f1`,
over the cases with an intent, for the set and for each language).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
# The sets read by default besides the opened recognition sets (default_sets()).
OTHER_SETS = (
    "tests/nlu/cases_*.yml",
    "tests/nlu/fresh/cases_*.yml",
    "tests/nlu/dev_risk_*.yml",
    "tests/nlu/dev2_risk_*.yml",
    "tests/nlu/dev3/dev3_*.yml",
)


def default_sets() -> list[str]:
    """The fixed sets, then every opened recognition set bot/config.yml trains on, in its order: one list
    to keep when a held-out set is opened (a copy kept here stopped at hold18 when hold19 was opened)."""
    sys.path.insert(0, str(REPO_ROOT))
    from service.model import recognition_sets

    opened = recognition_sets(REPO_ROOT / "bot" / "config.yml")
    return [*OTHER_SETS, *(f"{name}/{Path(name).name}_*.yml" for name in opened)]


def expected_risk(case: dict[str, Any]) -> str:
    return case.get("risk") or ("crisis" if case.get("crisis") else "none")


def parsed_risk(parse: dict[str, Any]) -> tuple[str, str | None]:
    triage = parse.get("triage") or {}
    risk = triage.get("risk") or ("crisis" if triage.get("crisis") else "none")
    return risk, triage.get("risk_about")


def is_idiom(case: dict[str, Any]) -> bool:
    return "idiom" in (case.get("tags") or []) or case.get("family") in {
        "idiom",
        "violence",
        "violence_to_others",
    }


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def family_recall(rows: list[tuple[dict[str, Any], str, str | None]]) -> dict[str, Any]:
    """Crisis-or-concern recall per risk family: "hits/total" for each family of the risk cases."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case, risk, _ in rows:
        if expected_risk(case) != "none" and case.get("family"):
            totals[case["family"]][0] += risk != "none"
            totals[case["family"]][1] += 1
    return {family: f"{hits}/{total}" for family, (hits, total) in sorted(totals.items())}


def intent_f1(cases: list[dict[str, Any]], intents: list[str | None]) -> float | None:
    from scripts.evaluate import macro_f1

    pairs = [(c["intent"], i or "") for c, i in zip(cases, intents, strict=True) if c.get("intent")]
    return macro_f1([g for g, _ in pairs], [p for _, p in pairs]) if pairs else None


def figures(rows: list[tuple[dict[str, Any], str, str | None]]) -> dict[str, Any]:
    risky = [(c, r, a) for c, r, a in rows if expected_risk(c) != "none"]
    crisis = [(c, r, a) for c, r, a in rows if expected_risk(c) == "crisis"]
    harmless = [(c, r, a) for c, r, a in rows if expected_risk(c) == "none"]
    idioms = [(c, r, a) for c, r, a in harmless if is_idiom(c)]
    with_about = [(c, r, a) for c, r, a in risky if c.get("about")]
    other = [(c, r, a) for c, r, a in risky if c.get("about") == "other"]
    return {
        "cases": len(rows),
        "risk_cases": len(risky),
        "recall_crisis_or_concern": _ratio(sum(r != "none" for _, r, _ in risky), len(risky)),
        "crisis_recall": _ratio(sum(r == "crisis" for _, r, _ in crisis), len(crisis)),
        "about_accuracy": _ratio(
            sum(r != "none" and a == c["about"] for c, r, a in with_about), len(with_about)
        ),
        "other_caught": _ratio(sum(r != "none" and a == "other" for _, r, a in other), len(other)),
        "harmless": len(harmless),
        "crisis_false_alarms": _ratio(sum(r == "crisis" for _, r, _ in harmless), len(harmless)),
        "concern_on_harmless": _ratio(sum(r == "concern" for _, r, _ in harmless), len(harmless)),
        "idioms": len(idioms),
        "idiom_false_alarms": _ratio(sum(r == "crisis" for _, r, _ in idioms), len(idioms)),
    }


async def parse_all(agent: Any, texts: list[str]) -> list[dict[str, Any]]:
    return [await agent.parse_message(text) for text in texts]


def load_set(pattern: str) -> list[dict[str, Any]]:
    """The cases of every file matching `pattern` (relative to the repository), each with its language."""
    cases: list[dict[str, Any]] = []
    for path in sorted(REPO_ROOT.glob(pattern)):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case.setdefault("language", path.stem.split("_")[-1])
            cases.append(case)
    return cases


def set_report(agent: Any, cases: list[dict[str, Any]]) -> tuple[dict[str, Any], list[tuple]]:
    """The figures of one set (all, per language, per family, intent macro-F1) and its rows
    (case, risk, about, "intent:confidence")."""
    parses = asyncio.run(parse_all(agent, [c["text"] for c in cases]))
    rows = [(c, *parsed_risk(p)) for c, p in zip(cases, parses, strict=True)]
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row[0]["language"]].append(row)
    report: dict[str, Any] = {"all": figures(rows), **{k: figures(v) for k, v in sorted(groups.items())}}
    by_family = family_recall(rows)
    read = [(p.get("intent") or {}).get("name") for p in parses]
    f1 = intent_f1(cases, read)
    if by_family:
        report["by_family"] = by_family
    if f1 is not None:
        report["intent_macro_f1"] = f1
        # per language too: the goal (issue 12) is >= 0.90 in each language, not on the mix
        for language in groups:
            pairs = [(c, i) for c, i in zip(cases, read, strict=True) if c["language"] == language]
            report[language]["intent_macro_f1"] = intent_f1([c for c, _ in pairs], [i for _, i in pairs])
    intents = [
        f"{(p.get('intent') or {}).get('name')}:{(p.get('intent') or {}).get('confidence', 0):.2f}"
        for p in parses
    ]
    return report, [(*row, intent) for row, intent in zip(rows, intents, strict=True)]


def print_report(title: str, report: dict[str, Any]) -> None:
    print(f"\n== {title}")
    for name, values in report.items():
        if isinstance(values, dict):
            print(f"  {name:4} " + " ".join(f"{k}={v}" for k, v in values.items()))
        else:
            print(f"  {name} {values}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", required=True)
    parser.add_argument("--misses", action="store_true", help="list the misses and false alarms")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("sets", nargs="*", default=default_sets())
    args = parser.parse_args()
    sys.path.insert(0, str(REPO_ROOT))
    from scripts.evaluate import load_agent

    agent = load_agent(Path(args.model))
    report: dict[str, Any] = {}
    for pattern in args.sets:
        cases = load_set(pattern)
        if not cases:
            continue
        report[pattern], rows = set_report(agent, cases)
        print_report(pattern, report[pattern])
        if args.misses:
            for case, risk, about, intent in rows:
                want = expected_risk(case)
                wrong_intent = case.get("intent") and intent.split(":")[0] != case["intent"]
                if (
                    (want != "none" and (risk == "none" or (case.get("about") and about != case["about"])))
                    or (want == "none" and risk != "none")
                    or wrong_intent
                ):
                    print(
                        f"    want {want}/{case.get('about')}/{case.get('intent')} got {risk}/{about} "
                        f"[{intent}]: {case['text']}"
                    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
