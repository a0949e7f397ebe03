"""`make eval`: the held-out test set through the trained model, with the triage figures.

Reads tests/nlu/cases_*.yml (never trained on) and writes results/eval/report.json, report.md and
confusion.png: intent accuracy and macro-F1 per language and script, crisis recall and false
positives on idiom negatives, minor recall and precision, age exactness, language and script accuracy,
and (issue 15) grooming recall and false alarms per language on tests/nlu/grooming/
(scripts/grooming_report.py).

`--sealed` also scores the sealed set (tests/nlu/sealed/, written before any tuning) into
results/eval/sealed_report.{json,md}: crisis-or-concern recall per language and per signal family,
third-party risk, concern and crisis false alarms on harmless texts and idioms, intent macro-F1,
minor and grooming figures. Run it once, at the end; never tune on it (`--sealed-only` skips the
held-out report). `--holdout` scores the current held-out recognition set (HOLD_GLOB: tests/nlu/hold54/)
the same way (figures only, no misses) into results/eval/holdout_report.json. (hold4 to hold13, each
reported before it was opened, are development sets since: their READMEs.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

CASES_GLOB = "tests/nlu/cases_*.yml"
# Written after the detectors were tuned and never looked at for tuning: the unbiased crisis figures.
FRESH_GLOB = "tests/nlu/fresh/cases_*.yml"
# The current held-out recognition set, never tuned on (its README); the round's development sets are
# scripts/risk_report.py's defaults.
HOLD_GLOB = "tests/nlu/hold54/hold54_*.yml"
TARGETS = {
    "macro_f1": 0.92,
    "crisis_recall": 1.0,
    "crisis_idiom_fp_rate": 0.03,
    "minor_recall": 0.97,
    "language_accuracy": 0.98,
}


def load_cases(root: Path = REPO_ROOT, pattern: str = CASES_GLOB) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(root.glob(pattern)):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return cases


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def score(cases: list[dict[str, Any]], parses: list[dict[str, Any]]) -> dict[str, Any]:
    """All figures of the report from the cases and the model's parses of their texts."""
    rows = []
    for case, parse in zip(cases, parses, strict=True):
        triage = parse.get("triage") or {}
        rows.append(
            {
                "case": case,
                "intent": (parse.get("intent") or {}).get("name"),
                "triage": triage,
            }
        )
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        case = row["case"]
        groups[case["language"]].append(row)
        groups[f"{case['language']}/{case['script']}"].append(row)

    def intent_figures(group: list[dict]) -> dict[str, Any]:
        gold = [r["case"]["intent"] for r in group]
        predicted = [r["intent"] or "none" for r in group]
        return {
            "cases": len(group),
            "intent_accuracy": _ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(group)),
            "macro_f1": macro_f1(gold, predicted),
            "language_accuracy": _ratio(
                sum(r["triage"].get("language") == r["case"]["language"] for r in group), len(group)
            ),
            "script_accuracy": _ratio(
                sum(r["triage"].get("script") == r["case"]["script"] for r in group), len(group)
            ),
        }

    crisis = [r for r in rows if r["case"]["crisis"]]
    idioms = [r for r in rows if "idiom" in (r["case"].get("tags") or [])]
    not_crisis = [r for r in rows if not r["case"]["crisis"]]
    minors = [r for r in rows if r["case"]["minor"]]
    flagged_minor = [r for r in rows if r["triage"].get("minor")]
    aged = [r for r in rows if r["case"].get("age") is not None]
    report = {
        "cases": len(rows),
        "overall": intent_figures(rows),
        "by_group": {name: intent_figures(group) for name, group in sorted(groups.items())},
        "crisis_recall": _ratio(sum(bool(r["triage"].get("crisis")) for r in crisis), len(crisis)),
        "crisis_idiom_fp_rate": _ratio(sum(bool(r["triage"].get("crisis")) for r in idioms), len(idioms)),
        "crisis_fp_rate": _ratio(sum(bool(r["triage"].get("crisis")) for r in not_crisis), len(not_crisis)),
        "minor_recall": _ratio(sum(bool(r["triage"].get("minor")) for r in minors), len(minors)),
        "minor_precision": _ratio(sum(bool(r["case"]["minor"]) for r in flagged_minor), len(flagged_minor)),
        "age_exactness": _ratio(sum(r["triage"].get("age") == r["case"]["age"] for r in aged), len(aged)),
        "age_exactness_all": _ratio(
            sum(r["triage"].get("age") == r["case"].get("age") for r in rows), len(rows)
        ),
        "misses": {
            "crisis": [r["case"]["text"] for r in crisis if not r["triage"].get("crisis")],
            "idiom_false_positives": [r["case"]["text"] for r in idioms if r["triage"].get("crisis")],
            "minor": [r["case"]["text"] for r in minors if not r["triage"].get("minor")],
            "language": [
                [r["case"]["text"], r["case"]["language"], r["triage"].get("language")]
                for r in rows
                if r["triage"].get("language") != r["case"]["language"]
            ],
            "intent": [
                [r["case"]["text"], r["case"]["intent"], r["intent"]]
                for r in rows
                if r["intent"] != r["case"]["intent"]
            ],
        },
    }
    report["labels"] = sorted({r["case"]["intent"] for r in rows})
    report["confusion"] = {
        gold: {
            pred: sum(1 for r in rows if r["case"]["intent"] == gold and r["intent"] == pred)
            for pred in report["labels"] + ["nlu_fallback"]
        }
        for gold in report["labels"]
    }
    return report


def language_accuracy(cases: list[dict[str, Any]], parses: list[dict[str, Any]]) -> dict[str, float | None]:
    """Language accuracy per language and overall, and script accuracy overall."""
    result: dict[str, float | None] = {}
    pairs = list(zip(cases, parses, strict=True))
    for language in ("all", "en", "yue", "cmn"):
        chosen = [(c, p) for c, p in pairs if language == "all" or c["language"] == language]
        hits = sum((p.get("triage") or {}).get("language") == c["language"] for c, p in chosen)
        result[language] = _ratio(hits, len(chosen))
    result["script"] = _ratio(
        sum((p.get("triage") or {}).get("script") == c["script"] for c, p in pairs), len(pairs)
    )
    return result


def markdown(report: dict[str, Any], model_name: str) -> str:
    lines = [
        f"# NLU evaluation ({model_name})",
        "",
        f"{report['cases']} held-out cases.",
        "",
        "| group | cases | intent accuracy | macro-F1 | language accuracy | script accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in [("all", report["overall"]), *report["by_group"].items()]:
        lines.append(
            f"| {name} | {figures['cases']} | {figures['intent_accuracy']} | {figures['macro_f1']} | "
            f"{figures['language_accuracy']} | {figures['script_accuracy']} |"
        )
    in_conversation = report.get("language_accuracy_in_conversation") or {}
    if in_conversation:
        lines += [
            "",
            "Once the conversation has started (the texter's earlier language and script known):",
            "",
            "| language: all | en | yue | cmn | script: all |",
            "|---|---|---|---|---|",
            "| " + " | ".join(str(in_conversation[k]) for k in ("all", "en", "yue", "cmn", "script")) + " |",
        ]
    lines += ["", "| triage figure | value | target |", "|---|---|---|"]
    for key in (
        "crisis_recall",
        "crisis_idiom_fp_rate",
        "crisis_fp_rate",
        "minor_recall",
        "minor_precision",
        "age_exactness",
        "age_exactness_all",
    ):
        target = TARGETS.get(key)
        lines.append(f"| {key} | {report[key]} | {'' if target is None else target} |")
    lines += [
        "",
        "The sealed set (tests/nlu/sealed/) is not scored here: it is reported once, at the end, with",
        "`make eval ARGS=--sealed`, and must never be used for training or tuning.",
    ]
    fresh = report.get("fresh_crisis_set")
    if fresh:
        lines += [
            "",
            f"Fresh crisis set ({fresh['cases']} cases written after tuning, never used for it):",
            "",
            "| crisis recall | idiom false-positive rate | false-positive rate |",
            "|---|---|---|",
            f"| {fresh['crisis_recall']} | {fresh['crisis_idiom_fp_rate']} | {fresh['crisis_fp_rate']} |",
        ]
    return "\n".join(lines) + "\n"


def confusion_image(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = report["labels"]
    columns = [*labels, "nlu_fallback"]
    matrix = [[report["confusion"][gold][pred] for pred in columns] for gold in labels]
    figure, axis = plt.subplots(figsize=(12, 10))
    axis.imshow(matrix, cmap="Blues")
    axis.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    axis.set_yticks(range(len(labels)), labels, fontsize=7)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                axis.text(j, i, str(value), ha="center", va="center", fontsize=6)
    axis.set_xlabel("predicted")
    axis.set_ylabel("expected")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def quiet_rasa_logs() -> None:
    """Rasa's debug events carry message text; evaluation needs none of them."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)


def load_agent(model: Path) -> Any:
    """The agent of exactly this model. Why the check: given a model file that does not exist, Rasa
    loads the newest model in the folder instead, so a report would carry figures of another model
    under the name asked for."""
    from rasa.core.agent import Agent

    if not Path(model).is_file():
        raise SystemExit(f"no model file at {model}")
    quiet_rasa_logs()
    return Agent.load(str(model))


async def parse_cold(agent: Any, cases: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """Each case as a first message; also the mean time per parse."""
    started = time.perf_counter()
    parses = [await agent.parse_message(case["text"]) for case in cases]
    return parses, (time.perf_counter() - started) / max(1, len(cases))


async def parse_in_conversation(agent: Any, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each case with the texter's earlier language and script known, as the connector passes them."""
    from rasa.core.channels.channel import UserMessage

    hints = ({"language_hint": case["language"], "script_hint": case["script"]} for case in cases)
    return [
        await agent.processor.parse_message(UserMessage(case["text"], metadata=hint))
        for case, hint in zip(cases, hints, strict=True)
    ]


def sealed_report(agent: Any, model_name: str, out: Path) -> dict[str, Any]:
    """Scores the sealed set, writes sealed_report.{json,md} and prints the markdown."""
    from scripts.sealed_eval import load_sealed, score_sealed, sealed_markdown

    cases = load_sealed()
    parses, _ = asyncio.run(parse_cold(agent, cases))
    report = score_sealed(cases, parses)
    report["model"] = model_name
    text = sealed_markdown(report, model_name)
    as_json = json.dumps(report, ensure_ascii=False, indent=2)
    (out / "sealed_report.json").write_text(as_json, encoding="utf-8")
    (out / "sealed_report.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Sealed report in {out}/ (sealed_report.json, sealed_report.md).")
    return report


def holdout_report(agent: Any, model_name: str, out: Path) -> dict[str, Any]:
    """The risk figures on the held-out HOLD_GLOB (never tuned on): per language, per family,
    third-party risk, concern and false alarms on harmless texts and idioms, intent macro-F1.
    Figures only: its misses are not listed, so nobody tunes on them."""
    from scripts.risk_report import load_set, print_report, set_report

    report, _ = set_report(agent, load_set(HOLD_GLOB))
    report = {
        "rule": "held out: never tune on it, never look at its misses",
        "set": HOLD_GLOB,
        "model": model_name,
        **report,
    }
    as_json = json.dumps(report, ensure_ascii=False, indent=2)
    (out / "holdout_report.json").write_text(as_json, encoding="utf-8")
    print_report(f"{HOLD_GLOB} (held out)", report)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="model file (default: train or reuse the current one)")
    parser.add_argument("--out", default=str(REPO_ROOT / "results" / "eval"))
    parser.add_argument(
        "--sealed",
        action="store_true",
        help="also score the sealed set into sealed_report.{json,md} (once, at the end; never tune on it)",
    )
    parser.add_argument(
        "--sealed-only", action="store_true", help="score only the sealed set (implies --sealed)"
    )
    parser.add_argument(
        "--holdout",
        action="store_true",
        help=f"also score {HOLD_GLOB} (held out) into holdout_report.json: figures only, once, at the end",
    )
    args = parser.parse_args()
    from service.model import ensure_model

    model = (
        Path(args.model)
        if args.model
        else ensure_model(REPO_ROOT / "models", REPO_ROOT / "bot" / "config.yml")
    )
    agent = load_agent(model)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.sealed or args.sealed_only:
        sealed_report(agent, model.name, out)
    if args.holdout:
        holdout_report(agent, model.name, out)
    if args.sealed_only:
        return 0
    cases = load_cases()
    parses, seconds_per_parse = asyncio.run(parse_cold(agent, cases))
    in_conversation = asyncio.run(parse_in_conversation(agent, cases))
    report = score(cases, parses)
    report["language_accuracy_in_conversation"] = language_accuracy(cases, in_conversation)
    fresh_cases = load_cases(pattern=FRESH_GLOB)
    if fresh_cases:
        fresh_parses, _ = asyncio.run(parse_cold(agent, fresh_cases))
        fresh = score(fresh_cases, fresh_parses)
        report["fresh_crisis_set"] = {
            key: fresh[key] for key in ("cases", "crisis_recall", "crisis_idiom_fp_rate", "crisis_fp_rate")
        }
        report["fresh_crisis_set"]["misses"] = {
            "crisis": fresh["misses"]["crisis"],
            "idiom_false_positives": fresh["misses"]["idiom_false_positives"],
        }
    from scripts.grooming_report import load as load_grooming_cases
    from scripts.grooming_report import report as grooming_figures

    # Issue 15's dev set (rule-based, written before tuning): grooming recall and false alarms per language.
    report["grooming_dev_set"] = grooming_figures(load_grooming_cases())[0]
    report["model"] = model.name
    report["ms_per_parse"] = round(seconds_per_parse * 1000, 2)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "report.md").write_text(markdown(report, model.name), encoding="utf-8")
    confusion_image(report, out / "confusion.png")
    print(markdown(report, model.name))
    for language, figures in report["grooming_dev_set"].items():
        print(f"grooming dev set {language}: " + " ".join(f"{k}={v}" for k, v in figures.items()))
    print(
        f"Reports in {out}/ (report.json, report.md, confusion.png); {report['ms_per_parse']} ms per parse."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
