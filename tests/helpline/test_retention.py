"""Retention periods: defaults, overrides, refusal of nonsense, and the privacy replies that quote them."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from helpline.content.script import to_script
from helpline.content.sms import is_gsm7, segments
from helpline.settings.config import ConfigError, load_settings
from helpline.settings.retention import (
    DEFAULT_DAYS,
    RETENTION_PLACEHOLDERS,
    RetentionError,
    get_retention,
    load_retention,
    retention_placeholders,
    variable,
)

REPO = Path(__file__).resolve().parents[2]
PRIVACY_RESPONSES = ("utter_privacy", "utter_delete_confirm", "utter_delete_done", "utter_delete_done_local")


def test_defaults_cover_every_store_the_hardening_issue_names() -> None:
    assert set(DEFAULT_DAYS) == {
        "transcripts",
        "handoffs",
        "notes",
        "report_facts",
        "counsellor_marks",
        "checkin_consents",
        "outbox",
        "audit",
        "contacts",
    }
    periods = load_retention({})
    assert periods["transcripts"] == 90 and periods["audit"] == 365 and periods["checkin_consents"] == 30


def test_every_variable_is_documented_in_env_example() -> None:
    documented = (REPO / ".env.example").read_text()
    for kind, days in DEFAULT_DAYS.items():
        assert f"{variable(kind)}={days}\n" in documented, kind


def test_an_override_changes_the_placeholders_the_replies_quote() -> None:
    periods = load_retention(
        {"HELPLINE_RETENTION_DAYS_TRANSCRIPTS": "30", "HELPLINE_RETENTION_DAYS_OUTBOX": "45"}
    )
    values = periods.placeholders()
    assert values["keep_chat_days"] == "45"  # the longer of transcripts and outbox: never understated
    assert values["keep_case_days"] == "180"
    assert values["keep_number_days"] == "90" and values["keep_audit_days"] == "365"
    assert set(values) == set(RETENTION_PLACEHOLDERS)


@pytest.mark.parametrize("raw", ["0", "-5", "ninety", "3651", "1.5"])
def test_nonsense_is_refused_with_the_variable_named(raw: str) -> None:
    with pytest.raises(RetentionError, match="HELPLINE_RETENTION_DAYS_NOTES"):
        load_retention({"HELPLINE_RETENTION_DAYS_NOTES": raw})


def test_a_wrong_period_stops_the_process_at_start(var_dir, monkeypatch) -> None:
    monkeypatch.setenv("HELPLINE_RETENTION_DAYS_AUDIT", "forever")
    with pytest.raises(ConfigError, match="HELPLINE_RETENTION_DAYS_AUDIT"):
        load_settings()


def _responses() -> dict[str, list[dict]]:
    from helpline.content.responses import all_responses

    return all_responses()


@pytest.mark.parametrize("name", PRIVACY_RESPONSES)
def test_privacy_replies_fit_three_segments_even_with_the_longest_periods(name: str) -> None:
    longest = load_retention({variable(kind): "3650" for kind in DEFAULT_DAYS}).placeholders()
    for variant in _responses()[name]:
        conditions = variant.get("condition") or []
        language = next((c["value"] for c in conditions if c.get("name") == "language"), "en")
        text = variant["text"].replace("{emergency}", "999")
        for key, value in longest.items():
            text = text.replace("{" + key + "}", value)
        assert not re.search(r"\{\w+\}", text), text
        for script in ("Latn",) if language == "en" else ("Hant", "Hans"):
            rendered = to_script(text, script, language)
            assert segments(rendered) <= 3, (name, language, script, segments(rendered))
            if language == "en":
                assert is_gsm7(rendered)


def test_privacy_replies_promise_no_complete_deletion() -> None:
    for name in PRIVACY_RESPONSES:
        for variant in _responses()[name]:
            text = variant["text"].lower()
            assert "everything" not in text and "all your data" not in text, name
            assert "所有" not in variant["text"] and "全部" not in variant["text"], name
    # Only the reply said after a deletion was filed at Twilio names Twilio's copies as being deleted.
    assert all("twilio" not in v["text"].lower() for v in _responses()["utter_delete_done_local"])
    assert all("Twilio" in v["text"] for v in _responses()["utter_delete_done"])


def test_the_policy_fills_the_retention_slots(monkeypatch) -> None:
    from bot.policies.triage_policy import wanted_slots

    domain_slots = yaml.safe_load((REPO / "bot" / "domain" / "session.yml").read_text())["slots"]
    assert set(RETENTION_PLACEHOLDERS) <= set(domain_slots)
    monkeypatch.setenv("HELPLINE_RETENTION_DAYS_CONTACTS", "14")
    get_retention.cache_clear()
    try:
        message = SimpleNamespace(
            parse_data={"triage": {"language": "en", "script": "Latn"}},
            metadata={"channel": "sms", "region": "HK"},
            intent={"name": "ask_privacy"},
            entities=[],
            text="what do you keep about me",
        )
        tracker = SimpleNamespace(latest_message=message, get_slot=lambda name: None)
        wanted = wanted_slots(tracker)
        assert wanted["keep_number_days"] == "14"
        assert wanted["keep_chat_days"] == "90" and wanted["keep_audit_days"] == "365"
        assert wanted == {**wanted, **retention_placeholders()}
    finally:
        get_retention.cache_clear()
