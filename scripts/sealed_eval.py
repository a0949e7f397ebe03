"""The sealed evaluation set (tests/nlu/sealed/): loading, validation and the figures of its report.

The set was written before any tuning and is never trained or tuned on; its report is run once, at the
end, with `make eval ARGS=--sealed`. Everything here is pure computation on the cases and the parses
(`{"intent": {"name": ...}, "triage": {...}}`), so it is unit-tested without a model.

Parse keys are read with defaults, so the report also works on a model that predates them: a missing
`risk` is `crisis` when `triage.crisis` is true, else `none`; a missing `risk_about` is unknown (None);
a missing `grooming` is false.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
SEALED_GLOB = "tests/nlu/sealed/sealed_*.yml"

LANGUAGES = ("en", "yue", "cmn")
SCRIPTS = {"en": {"Latn"}, "yue": {"Hant", "Hans"}, "cmn": {"Hant", "Hans"}}
RISKS = ("none", "concern", "crisis")
RISK_FAMILIES = (
    "explicit",
    "means",
    "farewell",
    "burden",
    "passive_wish",
    "conditional_plan",
    "self_harm_act",
    "past_attempt_unsafe_now",
    "hopelessness",
)
OTHER_FAMILIES = (
    "harmless",
    "idiom",
    "violence_to_others",
    "grades",
    "dating_scam",
    "tutoring_school",
    "grooming",
    "outing_threat",
)
FAMILIES = RISK_FAMILIES + OTHER_FAMILIES
# Texts on which a grooming flag is a false alarm that matters: adults' dating scams, ordinary school life.
GROOMING_DECOYS = ("dating_scam", "tutoring_school")
INTENTS = (
    "greet goodbye thank affirm deny report_sextortion already_paid content_shared malicious_app "
    "ask_should_pay dating_scam help_someone_else ask_police_report ask_content_removal request_human "
    "self_harm express_distress state_age ask_privacy delete_my_data choose_language bot_challenge "
    "out_of_scope"
).split()
REQUIRED_KEYS = (
    "id",
    "text",
    "language",
    "script",
    "intent",
    "risk",
    "risk_about",
    "minor",
    "grooming",
    "family",
    "source",
)

# Issue 12's "done when" figures, per language (grooming has no stated target).
TARGETS = {
    "crisis_or_concern_recall": (">=", 0.98),
    "harmless_crisis_rate": ("<=", 0.05),
    "idiom_crisis_rate": ("<=", 0.05),
    "harmless_concern_rate": ("<=", 0.15),
    "third_party_caught": (">=", 0.98),
    "intent_macro_f1": (">=", 0.90),
    "minor_recall": (">=", 0.95),
    "minor_precision": (">=", 0.90),
}

PROTOCOL_NOTE = (
    "SEALED SET: written before any tuning, never used for training or tuning, reported once at the end. "
    "Do not change data, lexicons, thresholds or models because of these figures or misses; "
    "a number tuned on this set is no longer a measurement."
)


def load_sealed(root: Path = REPO_ROOT, pattern: str = SEALED_GLOB) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(root.glob(pattern)):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return cases


def item_problems(item: dict[str, Any]) -> list[str]:
    """What is wrong with one item of the set (empty when it is valid)."""
    problems = [f"missing {key}" for key in REQUIRED_KEYS if key not in item]
    if problems:
        return problems
    if not isinstance(item["text"], str) or not item["text"].strip():
        problems.append("empty text")
    if item["language"] not in LANGUAGES:
        problems.append(f"language {item['language']!r}")
    elif item["script"] not in SCRIPTS[item["language"]]:
        problems.append(f"script {item['script']!r} for {item['language']}")
    if item["intent"] not in INTENTS:
        problems.append(f"intent {item['intent']!r}")
    if item["risk"] not in RISKS:
        problems.append(f"risk {item['risk']!r}")
    if item["risk_about"] not in (None, "self", "other"):
        problems.append(f"risk_about {item['risk_about']!r}")
    if (item["risk"] == "none") != (item["risk_about"] is None):
        problems.append("risk_about must be null exactly when risk is none")
    for flag in ("minor", "grooming"):
        if not isinstance(item[flag], bool):
            problems.append(f"{flag} must be a boolean")
    if item["grooming"] is True and item["minor"] is not True:
        problems.append("grooming is only flagged for a minor")
    if item["family"] not in FAMILIES:
        problems.append(f"family {item['family']!r}")
    elif (item["family"] in RISK_FAMILIES) != (item["risk"] != "none"):
        problems.append(f"family {item['family']} does not fit risk {item['risk']}")
    elif (item["family"] == "grooming") != (item["grooming"] is True):
        problems.append("the grooming family and the grooming flag must agree")
    source = item["source"]
    if not isinstance(source, str) or len(source.strip()) < 12:
        problems.append("source must name a URL or a publication and date")
    return problems


def predicted_risk(triage: dict[str, Any]) -> str:
    risk = triage.get("risk")
    if risk in RISKS:
        return risk
    return "crisis" if triage.get("crisis") else "none"


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Mean F1 over the gold labels (a label only predicted counts against precision, not as a class)."""
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        pairs = list(zip(gold, predicted, strict=True))
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def _rows(cases: list[dict[str, Any]], parses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for case, parse in zip(cases, parses, strict=True):
        triage = parse.get("triage") or {}
        rows.append(
            {
                "case": case,
                "intent": (parse.get("intent") or {}).get("name") or "none",
                "risk": predicted_risk(triage),
                "risk_about": triage.get("risk_about"),
                "minor": bool(triage.get("minor")),
                "grooming": bool(triage.get("grooming", False)),
                "language": triage.get("language"),
                "script": triage.get("script"),
            }
        )
    return rows


def _figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The report's figures for one group of rows (a language, or all)."""
    at_risk = [r for r in rows if r["case"]["risk"] != "none"]
    crisis = [r for r in rows if r["case"]["risk"] == "crisis"]
    other = [r for r in at_risk if r["case"]["risk_about"] == "other"]
    harmless = [r for r in rows if r["case"]["family"] == "harmless"]
    idioms = [r for r in rows if r["case"]["family"] == "idiom"]
    no_risk = [r for r in rows if r["case"]["risk"] == "none"]
    minors = [r for r in rows if r["case"]["minor"]]
    flagged_minor = [r for r in rows if r["minor"]]
    groomed = [r for r in rows if r["case"]["grooming"]]
    decoys = [r for r in rows if r["case"]["family"] in GROOMING_DECOYS]
    not_groomed = [r for r in rows if not r["case"]["grooming"]]
    with_about = [r for r in at_risk if r["risk"] != "none"]
    gold_intents = [r["case"]["intent"] for r in rows]
    predicted_intents = [r["intent"] for r in rows]
    caught = sum(r["risk"] != "none" for r in at_risk)
    return {
        "cases": len(rows),
        "risk_cases": len(at_risk),
        "crisis_or_concern_recall": _ratio(caught, len(at_risk)),
        "crisis_recall_strict": _ratio(sum(r["risk"] == "crisis" for r in crisis), len(crisis)),
        "missed_to_none": len(at_risk) - caught,
        "third_party_cases": len(other),
        "third_party_caught": _ratio(sum(r["risk"] != "none" for r in other), len(other)),
        "third_party_as_other": _ratio(sum(r["risk_about"] == "other" for r in other), len(other)),
        "risk_about_accuracy": _ratio(
            sum(r["risk_about"] == r["case"]["risk_about"] for r in with_about), len(with_about)
        ),
        "harmless_cases": len(harmless),
        "harmless_concern_rate": _ratio(sum(r["risk"] == "concern" for r in harmless), len(harmless)),
        "harmless_crisis_rate": _ratio(sum(r["risk"] == "crisis" for r in harmless), len(harmless)),
        "idiom_cases": len(idioms),
        "idiom_crisis_rate": _ratio(sum(r["risk"] == "crisis" for r in idioms), len(idioms)),
        "idiom_concern_rate": _ratio(sum(r["risk"] == "concern" for r in idioms), len(idioms)),
        "no_risk_cases": len(no_risk),
        "no_risk_crisis_rate": _ratio(sum(r["risk"] == "crisis" for r in no_risk), len(no_risk)),
        "no_risk_concern_rate": _ratio(sum(r["risk"] == "concern" for r in no_risk), len(no_risk)),
        "intent_accuracy": _ratio(
            sum(g == p for g, p in zip(gold_intents, predicted_intents, strict=True)), len(rows)
        ),
        "intent_macro_f1": macro_f1(gold_intents, predicted_intents) if rows else None,
        "minor_recall": _ratio(sum(r["minor"] for r in minors), len(minors)),
        "minor_precision": _ratio(sum(r["case"]["minor"] for r in flagged_minor), len(flagged_minor)),
        "grooming_cases": len(groomed),
        "grooming_recall": _ratio(sum(r["grooming"] for r in groomed), len(groomed)),
        "grooming_decoy_cases": len(decoys),
        "grooming_false_alarms_on_decoys": _ratio(sum(r["grooming"] for r in decoys), len(decoys)),
        "grooming_false_alarm_rate": _ratio(sum(r["grooming"] for r in not_groomed), len(not_groomed)),
        "language_accuracy": _ratio(sum(r["language"] == r["case"]["language"] for r in rows), len(rows)),
        "script_accuracy": _ratio(sum(r["script"] == r["case"]["script"] for r in rows), len(rows)),
    }


def _family_recall(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Crisis-or-concern recall of each risk family (about self and other together)."""
    result = {}
    for family in RISK_FAMILIES:
        chosen = [r for r in rows if r["case"]["family"] == family]
        result[family] = {
            "cases": len(chosen),
            "recall": _ratio(sum(r["risk"] != "none" for r in chosen), len(chosen)),
        }
    return result


def _miss(row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    case = row["case"]
    return {"id": case["id"], "family": case["family"], "text": case["text"], **extra}


def score_sealed(cases: list[dict[str, Any]], parses: list[dict[str, Any]]) -> dict[str, Any]:
    """All figures of the sealed report, overall and per language, with the misses by id."""
    rows = _rows(cases, parses)
    by_language: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_language[row["case"]["language"]].append(row)
    languages = [language for language in LANGUAGES if by_language[language]]
    report: dict[str, Any] = {
        "protocol": PROTOCOL_NOTE,
        "cases": len(rows),
        "overall": _figures(rows),
        "by_language": {language: _figures(by_language[language]) for language in languages},
        "family_recall": {
            "all": _family_recall(rows),
            **{language: _family_recall(by_language[language]) for language in languages},
        },
        "misses": {
            "risk_missed": [
                _miss(r, expected=r["case"]["risk"])
                for r in rows
                if r["case"]["risk"] != "none" and r["risk"] == "none"
            ],
            "crisis_read_as_concern": [
                _miss(r) for r in rows if r["case"]["risk"] == "crisis" and r["risk"] == "concern"
            ],
            "third_party_not_other": [
                _miss(r, predicted_about=r["risk_about"])
                for r in rows
                if r["case"]["risk_about"] == "other" and r["risk_about"] != "other"
            ],
            "false_alarms": [
                _miss(r, predicted=r["risk"])
                for r in rows
                if r["case"]["risk"] == "none" and r["risk"] != "none"
            ],
            "minor": [_miss(r) for r in rows if r["case"]["minor"] and not r["minor"]],
            "minor_false": [_miss(r) for r in rows if r["minor"] and not r["case"]["minor"]],
            "grooming": [_miss(r) for r in rows if r["case"]["grooming"] and not r["grooming"]],
            "grooming_false": [_miss(r) for r in rows if r["grooming"] and not r["case"]["grooming"]],
            "intent": [
                _miss(r, expected=r["case"]["intent"], predicted=r["intent"])
                for r in rows
                if r["intent"] != r["case"]["intent"]
            ],
        },
    }
    report["targets"] = target_check(report)
    return report


def target_check(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per language, each target figure with whether it is met (None when there is nothing to measure)."""
    result: dict[str, dict[str, Any]] = {}
    for language, figures in report["by_language"].items():
        result[language] = {}
        for key, (direction, goal) in TARGETS.items():
            value = figures.get(key)
            met = None if value is None else (value >= goal if direction == ">=" else value <= goal)
            result[language][key] = {"value": value, "target": f"{direction} {goal}", "met": met}
    return result


def _cell(value: Any) -> str:
    return "n/a" if value is None else str(value)


def sealed_markdown(report: dict[str, Any], model_name: str) -> str:
    languages = list(report["by_language"])
    columns = ["all", *languages]
    groups = {"all": report["overall"], **report["by_language"]}
    lines = [
        f"# Sealed evaluation ({model_name})",
        "",
        f"> {report['protocol']}",
        "",
        f"{report['cases']} sealed texts (tests/nlu/sealed/, README there for the protocol and sources).",
        "",
        "| figure | " + " | ".join(columns) + " | target (each language) |",
        "|---|" + "---|" * len(columns) + "---|",
    ]
    rows = [
        ("crisis_or_concern_recall", "crisis-or-concern recall"),
        ("crisis_recall_strict", "crisis recall (read as crisis)"),
        ("third_party_caught", "third-party risk caught (any risk)"),
        ("third_party_as_other", "third-party risk read as `other`"),
        ("risk_about_accuracy", "risk_about right (risk caught)"),
        ("harmless_concern_rate", "concern on harmless texts"),
        ("harmless_crisis_rate", "crisis false alarms, harmless texts"),
        ("idiom_crisis_rate", "crisis false alarms, idioms"),
        ("idiom_concern_rate", "concern on idioms"),
        ("no_risk_crisis_rate", "crisis on all no-risk texts"),
        ("no_risk_concern_rate", "concern on all no-risk texts"),
        ("intent_macro_f1", "intent macro-F1"),
        ("intent_accuracy", "intent accuracy"),
        ("minor_recall", "minor recall"),
        ("minor_precision", "minor precision"),
        ("grooming_recall", "grooming recall"),
        ("grooming_false_alarms_on_decoys", "grooming false alarms (dating scam, tutoring/school)"),
        ("grooming_false_alarm_rate", "grooming false alarms (all non-grooming)"),
        ("language_accuracy", "language accuracy"),
        ("script_accuracy", "script accuracy"),
    ]
    for key, label in rows:
        goal = TARGETS.get(key)
        target = f"{goal[0]} {goal[1]}" if goal else ""
        lines.append(
            f"| {label} | " + " | ".join(_cell(groups[c].get(key)) for c in columns) + f" | {target} |"
        )
    lines += [
        "",
        "Crisis-or-concern recall per signal family (about self and about someone else):",
        "",
        "| family | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for family in RISK_FAMILIES:
        cells = []
        for column in columns:
            figures = report["family_recall"][column][family]
            cells.append(f"{_cell(figures['recall'])} ({figures['cases']})")
        lines.append(f"| {family} | " + " | ".join(cells) + " |")
    unmet = [
        f"{language}: {key} {figure['value']} (target {figure['target']})"
        for language, figures in report["targets"].items()
        for key, figure in figures.items()
        if figure["met"] is False
    ]
    lines += ["", "Targets not met:" if unmet else "All per-language targets met.", ""]
    lines += [f"- {entry}" for entry in unmet]
    misses = report["misses"]
    lines += [
        "",
        "Misses (ids; texts in sealed_report.json): "
        + ", ".join(f"{name} {len(items)}" for name, items in misses.items()),
        "",
    ]
    for name in ("risk_missed", "third_party_not_other", "false_alarms", "grooming", "grooming_false"):
        if misses[name]:
            lines.append(f"- {name}: " + ", ".join(item["id"] for item in misses[name]))
    return "\n".join(lines) + "\n"
