"""Every response, notice and canned reply: all languages, GSM-7 English, numbers only from the directory,
no blame, no advice to pay, no over-promise, and the guidance of content v2 (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.paths import PATHS
from helpline.content.placeholders import PLACEHOLDERS
from helpline.content.sms import is_gsm7, segments
from helpline.settings.retention import RETENTION_PLACEHOLDERS
from tests.content.fixtures import (
    REGIONS,
    canned,
    notices,
    owned_here,
    render,
    responses,
    variation,
)

SESSION = Path(__file__).resolve().parents[2] / "bot" / "domain" / "session.yml"
# The placeholder contract (BRIEF.md / DESIGN.md): the only names a response may use.
CONTRACT_PLACEHOLDERS = {
    "emergency",
    "crisis_line",
    "police_route",
    "police_line",
    "anti_scam_line",
    "child_line",
    "takedown",
    "takedown_minor",
    "takedown_adult",
    "payment_route",
    "crisis_finder",
    "region_name",
    "lgbtq_line",
    "wait_text",  # not a directory value: the honest expected wait (helpline/store/availability.py)
}
# Digit runs a text may hold itself: menu digits (one digit), the age limit and "24 hours".
ALLOWED_DIGIT_RUNS = {"18", "24"}

BLAME = [
    r"shouldn'?t have",
    r"should not have",
    r"why did you",
    r"why would you",
    r"what were you thinking",
    r"(?<!not )(?<!n't )your (?:own )?fault",
    r"your (?:own )?mistake",
    r"be more careful",
    r"\bcareless\b",
    r"\bstupid\b",
    r"\bnaive\b",
    r"(?<!唔)係你嘅錯",
    r"(?<!不)是你的错",
    r"你不應該",
    r"你不应该",
    r"你唔應該",
    r"點解你要",
    r"为什么你要",
    r"為什麼你要",
    r"你太(?:大意|傻|天真|蠢)",
    r"你咁(?:蠢|傻|大意)",
]
PAY_ADVICE = [
    r"\bjust pay\b",
    r"(?<!not )(?<!n't )(?<!never )\bpay (?:them|him|her|it|the fee)\b",
    r"\bconsider paying\b",
    r"paying (?:might|may|could|will) (?:help|stop|end)",
    r"付钱给他",
    r"俾錢佢啦",
    r"可以考虑付",
    r"可以考慮俾",
    r"不如(?:付|俾)",
    r"先付(?:钱|一部分)",
    r"先俾(?:錢|啲)",
]
OVER_PROMISE = [
    r"you can get (?:the|your) (?:images?|photos?|videos?) (?:taken down|removed|deleted)",
    r"(?<!help )stop (?:the|your) (?:images?|photos?|videos?) (?:from )?spreading",
    r"can be fixed",
    r"(?<!nothing )(?:has|have) been deleted",
    r"will be (?:removed|deleted|taken down)",
    r"i am getting (?:a|you a) counsell?or",
    r"a counsell?or (?:is|will be) with you",
    # "will reply here as soon as one is free" is the honest queue promise; any other "will reply" is not.
    r"a counsell?or will (?:also )?(?:reply|reach out|call)(?! here as soon as one is free)",
    r"\bwe guarantee\b|\bguaranteed\b",
    r"(?<!no service can )(?<!none can )(?:remove|clear) (?:\w+ ){0,2}(?:from )?the whole (?:internet|web)",
    r"可以阻止(?:啲相|照片|相片)",
    r"有得解決",
    r"能解决",
    r"能解決",
    r"刪除晒",
    r"已删除所有",
    r"保证删除",
    r"一定(?:可以|能)(?:删除|刪除|删掉)",
    r"幫你搵輔導員",
    r"帮你找辅导员",
    r"帮你找咨询员",
    r"可以要求刪除啲相",
    r"可以要求删除照片",
]


def _authored() -> list[tuple[str, str, str]]:
    """(where, language, text) for every text this repository sends, as authored."""
    texts = []
    for name in responses():
        for language in ("en", "yue", "cmn"):
            texts.append((name, language, variation(name, language)))
    for key, by_language in notices().items():
        for language, text in by_language.items():
            texts.append((f"notice {key}", language, text))
    for reply in canned():
        for variant, text in reply["text"].items():
            texts.append((f"canned {reply['id']}", variant, text))
    return texts


AUTHORED = _authored()
WHERE = sorted({where for where, _, _ in AUTHORED})


def _violations(where: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for _, language, text in (t for t in AUTHORED if t[0] == where):
        lowered = text.lower()
        for rule, patterns in (("blame", BLAME), ("pay advice", PAY_ADVICE), ("over-promise", OVER_PROMISE)):
            for pattern in patterns:
                if re.search(pattern, lowered):
                    found.setdefault(rule, []).append((language, pattern))
        if re.search(r"\d(?:[\s\-.]?\d){2,}", text):
            found.setdefault("number", []).append((language, text))
        for run in re.findall(r"\d+", text):
            if len(run) > 1 and run not in ALLOWED_DIGIT_RUNS:
                found.setdefault("number", []).append((language, run))
    return found


def test_there_are_responses() -> None:
    assert len(responses()) >= 50


@pytest.mark.parametrize("name", sorted(responses()))
def test_every_response_exists_in_english_cantonese_and_mandarin(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        assert variation(name, language).strip()
    assert len(responses()[name]) == 3, name


@pytest.mark.parametrize("name", sorted(responses()))
def test_placeholders_are_only_directory_values(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        for placeholder in re.findall(r"\{(\w+)\}", variation(name, language)):
            allowed = CONTRACT_PLACEHOLDERS | set(RETENTION_PLACEHOLDERS)
            assert placeholder in allowed, (name, language, placeholder)


def test_every_placeholder_used_is_a_slot_the_policy_fills() -> None:
    slots = set((yaml.safe_load(SESSION.read_text(encoding="utf-8")) or {}).get("slots") or {})
    used = {
        p
        for name in responses()
        for lang in ("en", "yue", "cmn")
        for p in re.findall(r"\{(\w+)\}", variation(name, lang))
    }
    missing = sorted(used - slots)
    not_yet = sorted(set(missing) - set(PLACEHOLDERS))
    if missing and missing == not_yet:
        pytest.xfail(f"the directory branch adds these slots and their filler: {not_yet}")
    assert not missing, missing


@pytest.mark.parametrize("where", WHERE)
def test_no_blame_no_pay_advice_no_over_promise_no_written_number(where: str) -> None:
    assert not _violations(where), (where, _violations(where))


@pytest.mark.parametrize("name", sorted(responses()))
def test_english_is_gsm7_in_every_region(name: str) -> None:
    for region in REGIONS:
        text = render(name, "en", "Latn", region)
        assert is_gsm7(text), (name, region, [ch for ch in text if not is_gsm7(ch)])


def test_english_notices_and_canned_replies_are_gsm7() -> None:
    for key, by_language in notices().items():
        assert is_gsm7(by_language["en"]), key
    for reply in canned():
        assert is_gsm7(reply["text"]["en"]), reply["id"]


def test_segments_counts_gsm7_and_ucs2() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("中" * 70) == 1 and segments("中" * 71) == 2 and segments("中" * 135) == 3
    assert not is_gsm7("don’t") and is_gsm7("don't")


# --- content v2: what the guidance says ---------------------------------------------------------------

POLICE_STEPS = (
    "utter_step_police",
    "utter_police_info",
    "utter_shared_report",
    "utter_dating_report",
    "utter_someone_else_steps",
)
TAKEDOWN_STEPS = ("utter_step_takedown", "utter_shared_takedown", "utter_takedown_info")
PAYMENT_STEPS = ("utter_paid_bank", "utter_dating_report")


@pytest.mark.parametrize("name", POLICE_STEPS)
def test_the_police_step_names_the_reporting_route(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        text = variation(name, language)
        assert "{police_route}" in text, (name, language)
        assert "{police_line}" not in text and "{anti_scam_line}" not in text, (name, language)


@pytest.mark.parametrize("name", TAKEDOWN_STEPS)
def test_the_takedown_step_routes_and_is_honest(name: str) -> None:
    en = variation(name, "en")
    assert "{takedown}" in en
    assert "whole internet" in en  # what no service can do
    for language in ("yue", "cmn"):
        text = variation(name, language)
        assert "{takedown}" in text and ("成個網絡" in text or "整个网络" in text), (name, language)


@pytest.mark.parametrize("name", ("utter_step_takedown", "utter_takedown_info"))
def test_hashing_happens_on_the_device(name: str) -> None:
    assert "made on your own device" in variation(name, "en")
    assert "你部機" in variation(name, "yue")
    assert "你的设备上生成" in variation(name, "cmn")


@pytest.mark.parametrize("name", PAYMENT_STEPS)
def test_the_payment_step_uses_the_payment_route(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        assert "{payment_route}" in variation(name, language), (name, language)


def _mentions(text: str, words: tuple[str, ...]) -> int | None:
    positions = [text.lower().find(w) for w in words if w in text.lower()]
    return min(positions) if positions else None


EVIDENCE = ("evidence", "證據", "证据")
WIPE = ("uninstall", "factory reset", "刪除個app", "删除这个app", "原廠設定", "出厂设置")


@pytest.mark.parametrize("path", sorted(PATHS))
def test_evidence_comes_before_any_uninstall_or_reset(path: str) -> None:
    for language in ("en", "yue", "cmn"):
        evidence_seen = False
        for step in PATHS[path]:
            text = variation(step, language)
            wipe, evidence = _mentions(text, WIPE), _mentions(text, EVIDENCE)
            if wipe is not None:
                assert evidence_seen or (evidence is not None and evidence < wipe), (path, step, language)
            evidence_seen = evidence_seen or evidence is not None


def test_accounts_are_deactivated_not_deleted_and_made_private() -> None:
    evidence = {lang: variation("utter_step_evidence", lang) for lang in ("en", "yue", "cmn")}
    assert "deactivate" in evidence["en"] and "停用" in evidence["yue"] and "停用" in evidence["cmn"]
    block = {lang: variation("utter_step_block_report", lang) for lang in ("en", "yue", "cmn")}
    assert "private" in block["en"] and "follower" in block["en"]
    assert "私人" in block["yue"] and "名單" in block["yue"]
    assert "私密" in block["cmn"] and "名单" in block["cmn"]
    for where, language, text in AUTHORED:
        assert not re.search(r"(?<!not )(?<!n't )\bdelete (?:your|the) account", text.lower()), (
            where,
            language,
        )


@pytest.mark.parametrize("name", ("utter_threat_reassure", "utter_should_pay_answer"))
def test_a_trusted_person_is_named_in_the_first_message(name: str) -> None:
    assert "someone you trust" in variation(name, "en")
    assert "信得過" in variation(name, "yue")
    assert "信任的人" in variation(name, "cmn")


def test_a_child_hears_trusted_adult_first() -> None:
    assert "under 18: an adult you trust" in variation("utter_threat_reassure", "en")
    assert "under 18, a parent, teacher" in variation("utter_step_support", "en")


def test_owned_here_covers_the_guidance() -> None:
    for name in (*POLICE_STEPS, *TAKEDOWN_STEPS, *PAYMENT_STEPS):
        assert owned_here(name), name
