"""scripts/risk_report.py's figures, through a stand-in agent whose parses are given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scripts.evaluate import HOLD_GLOB, load_agent
from scripts.risk_report import REPO_ROOT, default_sets, set_report

CASES = [
    {
        "text": "a",
        "language": "en",
        "risk": "crisis",
        "about": "self",
        "family": "means",
        "intent": "self_harm",
    },
    {
        "text": "b",
        "language": "en",
        "risk": "concern",
        "about": "other",
        "family": "burden",
        "intent": "help_someone_else",
    },
    {
        "text": "c",
        "language": "en",
        "risk": "none",
        "about": None,
        "family": "idiom",
        "intent": "out_of_scope",
    },
    {"text": "d", "language": "yue", "risk": "none", "about": None, "family": "harmless", "intent": "greet"},
]
PARSES = {
    "a": ("self_harm", {"risk": "crisis", "risk_about": "self"}),
    "b": ("help_someone_else", {"risk": "none", "risk_about": None}),
    "c": ("out_of_scope", {"risk": "crisis", "risk_about": "self"}),
    "d": ("greet", {"risk": "concern", "risk_about": "self"}),
}


class StandIn:
    async def parse_message(self, text: str) -> dict[str, Any]:
        intent, triage = PARSES[text]
        return {"intent": {"name": intent, "confidence": 0.9}, "triage": triage}


def test_the_figures_count_what_each_parse_says() -> None:
    report, rows = set_report(StandIn(), CASES)
    both = report["all"]
    assert both["recall_crisis_or_concern"] == 0.5  # b (someone else's concern) is missed
    assert both["other_caught"] == 0.0
    assert both["crisis_false_alarms"] == 0.5  # c, an idiom, read as a crisis
    assert both["concern_on_harmless"] == 0.5  # d
    assert both["idiom_false_alarms"] == 1.0
    assert report["en"]["cases"] == 3 and report["yue"]["cases"] == 1
    assert report["by_family"] == {"burden": "0/1", "means": "1/1"}
    assert report["intent_macro_f1"] == 1.0
    assert [row[3] for row in rows] == [
        "self_harm:0.90",
        "help_someone_else:0.90",
        "out_of_scope:0.90",
        "greet:0.90",
    ]


class WrongInYue(StandIn):
    """Reads the Cantonese greeting as a goodbye: only Cantonese loses intent macro-F1."""

    async def parse_message(self, text: str) -> dict[str, Any]:
        parse = await super().parse_message(text)
        if text == "d":
            parse["intent"] = {"name": "goodbye", "confidence": 0.9}
        return parse


def test_intent_macro_f1_is_given_per_language_as_well() -> None:
    report, _ = set_report(WrongInYue(), CASES)
    assert report["en"]["intent_macro_f1"] == 1.0
    assert report["yue"]["intent_macro_f1"] == 0.0  # its one case, greet, read as goodbye
    assert report["intent_macro_f1"] == 0.75  # greet's F1 is 0 over the four intents


def test_a_report_refuses_a_model_that_is_not_there(tmp_path: Path) -> None:
    """Rasa, given a model file that does not exist, loads the newest model beside it instead: the
    figures would be another model's under the name asked for."""
    (tmp_path / "helpline-config-newer.tar.gz").write_bytes(b"not read")
    with pytest.raises(SystemExit, match="no model file"):
        load_agent(tmp_path / "helpline-config-gone.tar.gz")


def test_the_default_sets_are_every_opened_set_and_never_the_held_out_one() -> None:
    sets = default_sets()
    assert "tests/nlu/hold19/hold19_*.yml" in sets and "tests/nlu/dev4/dev4_*.yml" in sets
    assert HOLD_GLOB not in sets and not any("sealed" in pattern for pattern in sets)
    assert all(list(REPO_ROOT.glob(pattern)) for pattern in sets)
