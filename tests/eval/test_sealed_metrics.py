"""The sealed report's figures, computed on tiny synthetic cases (never on the sealed texts)."""

from __future__ import annotations

from typing import Any

import pytest

from scripts.sealed_eval import (
    RISK_FAMILIES,
    item_problems,
    macro_f1,
    predicted_risk,
    score_sealed,
    sealed_markdown,
)


def case(
    case_id: str,
    family: str,
    risk: str = "none",
    about: str | None = None,
    intent: str = "out_of_scope",
    language: str = "en",
    minor: bool = False,
    grooming: bool = False,
) -> dict[str, Any]:
    return {
        "id": case_id,
        "text": f"synthetic {case_id}",
        "language": language,
        "script": "Latn" if language == "en" else "Hant",
        "intent": intent,
        "risk": risk,
        "risk_about": about,
        "minor": minor,
        "grooming": grooming,
        "family": family,
        "source": "synthetic test case 2026",
    }


def parse(intent: str = "out_of_scope", **triage: Any) -> dict[str, Any]:
    return {"intent": {"name": intent}, "triage": triage}


def test_missing_risk_falls_back_to_the_crisis_flag() -> None:
    assert predicted_risk({"crisis": True}) == "crisis"
    assert predicted_risk({"crisis": False}) == "none"
    assert predicted_risk({}) == "none"
    assert predicted_risk({"risk": "concern", "crisis": False}) == "concern"
    assert predicted_risk({"risk": "bogus", "crisis": True}) == "crisis"


def test_risk_recall_counts_concern_and_crisis_and_splits_families_and_third_party() -> None:
    cases = [
        case("a", "means", "crisis", "self", "self_harm"),
        case("b", "means", "crisis", "self", "self_harm"),
        case("c", "burden", "concern", "self", "self_harm"),
        case("d", "farewell", "crisis", "other", "help_someone_else"),
    ]
    parses = [
        parse("self_harm", risk="crisis", risk_about="self"),
        parse("self_harm", risk="concern", risk_about="self"),  # caught, but not as crisis
        parse("express_distress", risk="none"),  # missed
        parse("help_someone_else", risk="concern", risk_about="self"),  # caught, about wrong person
    ]
    report = score_sealed(cases, parses)
    overall = report["overall"]
    assert overall["crisis_or_concern_recall"] == 0.75
    assert overall["missed_to_none"] == 1
    assert overall["crisis_recall_strict"] == round(1 / 3, 4)
    assert overall["third_party_caught"] == 1.0
    assert overall["third_party_as_other"] == 0.0
    assert overall["risk_about_accuracy"] == round(2 / 3, 4)
    family = report["family_recall"]["all"]
    assert family["means"] == {"cases": 2, "recall": 1.0}
    assert family["burden"] == {"cases": 1, "recall": 0.0}
    assert family["explicit"] == {"cases": 0, "recall": None}
    assert [miss["id"] for miss in report["misses"]["risk_missed"]] == ["c"]
    assert [miss["id"] for miss in report["misses"]["crisis_read_as_concern"]] == ["b", "d"]
    assert [miss["id"] for miss in report["misses"]["third_party_not_other"]] == ["d"]


def test_old_parses_without_risk_keys_are_scored_from_the_crisis_flag() -> None:
    cases = [case("a", "explicit", "crisis", "self", "self_harm"), case("b", "idiom")]
    parses = [parse("self_harm", crisis=True), parse("out_of_scope", crisis=True)]
    overall = score_sealed(cases, parses)["overall"]
    assert overall["crisis_or_concern_recall"] == 1.0
    assert overall["idiom_crisis_rate"] == 1.0
    assert overall["third_party_as_other"] is None


def test_false_alarm_rates_on_harmless_texts_and_idioms() -> None:
    cases = [case(f"h{i}", "harmless") for i in range(4)] + [case(f"i{i}", "idiom") for i in range(2)]
    cases.append(case("g", "grades", minor=True, intent="state_age"))
    parses = [
        parse(risk="concern", risk_about="self"),
        parse(risk="crisis", risk_about="self"),
        parse(risk="none"),
        parse(),
        parse(risk="crisis", risk_about="self"),
        parse(risk="none"),
        parse("state_age", risk="concern", risk_about="self", minor=True),
    ]
    overall = score_sealed(cases, parses)["overall"]
    assert overall["harmless_cases"] == 4
    assert overall["harmless_concern_rate"] == 0.25
    assert overall["harmless_crisis_rate"] == 0.25
    assert overall["idiom_crisis_rate"] == 0.5
    assert overall["idiom_concern_rate"] == 0.0
    assert overall["no_risk_crisis_rate"] == round(2 / 7, 4)
    assert overall["no_risk_concern_rate"] == round(2 / 7, 4)


def test_minor_and_grooming_figures_and_false_alarms_on_decoys() -> None:
    cases = [
        case("g1", "grooming", minor=True, grooming=True, intent="report_sextortion"),
        case("g2", "grooming", minor=True, grooming=True, intent="report_sextortion"),
        case("d1", "dating_scam", intent="dating_scam"),
        case("t1", "tutoring_school", minor=True),
        case("t2", "tutoring_school"),
        case("x", "harmless"),
    ]
    parses = [
        parse("report_sextortion", minor=True, grooming=True),
        parse("report_sextortion", minor=True),  # grooming missing: counts as false
        parse("dating_scam", grooming=True),
        parse(minor=True),
        parse(minor=True, grooming=True),
        parse(),
    ]
    overall = score_sealed(cases, parses)["overall"]
    assert overall["grooming_recall"] == 0.5
    assert overall["grooming_decoy_cases"] == 3
    assert overall["grooming_false_alarms_on_decoys"] == round(2 / 3, 4)
    assert overall["grooming_false_alarm_rate"] == 0.5
    assert overall["minor_recall"] == 1.0
    assert overall["minor_precision"] == 0.75


def test_intent_macro_f1_and_per_language_groups() -> None:
    assert macro_f1(["a", "a", "b", "b"], ["a", "a", "b", "b"]) == 1.0
    # a: P 2/3 R 1 F 0.8; b: P 1 R 0.5 F 0.6667 -> 0.7333
    assert macro_f1(["a", "a", "b", "b"], ["a", "a", "a", "b"]) == 0.7333
    assert macro_f1(["a"], ["z"]) == 0.0
    cases = [
        case("e", "harmless", intent="thank"),
        case("y", "harmless", intent="thank", language="yue"),
        case("y2", "harmless", intent="greet", language="yue"),
    ]
    parses = [parse("thank", language="en", script="Latn"), parse("thank"), parse("thank")]
    report = score_sealed(cases, parses)
    assert list(report["by_language"]) == ["en", "yue"]
    assert report["by_language"]["en"]["intent_macro_f1"] == 1.0
    assert report["by_language"]["yue"]["intent_accuracy"] == 0.5
    assert report["by_language"]["en"]["language_accuracy"] == 1.0
    assert report["by_language"]["yue"]["language_accuracy"] == 0.0


def test_targets_and_markdown_state_the_protocol_and_the_unmet_targets() -> None:
    cases = [case("a", "explicit", "crisis", "self", "self_harm"), case("b", "idiom", intent="thank")]
    parses = [parse("self_harm", risk="none"), parse("thank", risk="crisis", risk_about="self")]
    report = score_sealed(cases, parses)
    targets = report["targets"]["en"]
    assert targets["crisis_or_concern_recall"]["met"] is False
    assert targets["idiom_crisis_rate"]["met"] is False
    assert targets["harmless_concern_rate"]["met"] is None  # no harmless texts to measure
    text = sealed_markdown(report, "model.tar.gz")
    assert "never used for training or tuning" in text
    assert "en: crisis_or_concern_recall 0.0 (target >= 0.98)" in text
    assert "risk_missed: a" in text
    for family in RISK_FAMILIES:
        assert f"| {family} |" in text


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"source": ""}, "source must name a URL or a publication and date"),
        ({"risk": "high"}, "risk 'high'"),
        ({"risk_about": "self"}, "risk_about must be null exactly when risk is none"),
        ({"grooming": True}, "grooming is only flagged for a minor"),
        ({"script": "Hans"}, "script 'Hans' for en"),
        ({"intent": "panic"}, "intent 'panic'"),
        ({"family": "means"}, "family means does not fit risk none"),
    ],
)
def test_item_problems_names_each_kind_of_mistake(change: dict[str, Any], problem: str) -> None:
    item = case("a", "harmless") | change
    assert problem in item_problems(item)
    assert item_problems(case("a", "harmless")) == []
