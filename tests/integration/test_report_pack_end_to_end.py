"""Issue 14 through signed webhooks: a texter mentions the facts in passing, asks how to report to the
police, asks for the summary, and gets the facts back in their language and script within the budget;
the facts are stored encrypted, leave with "delete my data", and no media link ever becomes one."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import httpx
import pytest
import yaml

from helpline.content.sms import segments
from helpline.settings.crypto import Cipher, conversation_id
from tests.integration.conftest import RunningHelpline
from tests.integration.test_webhook_end_to_end import replies

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
_serial = itertools.count(7000)  # apart from the other integration tests' numbers
PREFIX = {"HK": "+8529123", "CN": "+861381234", "TW": "+88691234", "GB": "+44740012"}

STORIES = {
    "en": (
        "HK",
        "A guy on Instagram, his account is @jason_88, wants HK$5000 by FPS before midnight or he will "
        "send my video to my friends",
        "how do i report this to the police",
        "summary",
        ["Instagram", "@jason_88", "HKD 5000", "FPS"],
        "Their deadline",
    ),
    "yue": (
        "HK",
        "有個人喺IG，帳號叫 jason_88，話要我今晚12點前用轉數快俾港幣5000，唔係就發我段片俾我啲朋友",
        "我想報警 點樣報",
        "報案摘要",
        ["Instagram", "jason_88", "HKD 5000", "FPS"],
        "對方期限",
    ),
    "cmn": (
        "CN",
        "有人在微信上威胁我，微信号 wxid_abc123，要我明天早上之前用支付宝转5000元，不然就发我的视频",
        "我要怎么报警",
        "报案摘要",
        ["WeChat", "wxid_abc123", "CNY 5000", "Alipay"],
        "对方期限",
    ),
}


def number(region: str) -> str:
    return f"{PREFIX[region]}{next(_serial) % 10**4:04d}"


def secret(helpline: RunningHelpline) -> str:
    return (helpline.var_dir / "secret_key").read_text().strip()


def stored_facts(helpline: RunningHelpline, texter_number: str) -> dict | None:
    cid = conversation_id(secret(helpline), "sms", texter_number)
    with sqlite3.connect(helpline.var_dir / "helpline.db") as conn:
        query = "SELECT facts_cipher FROM report_facts WHERE conversation_id = ?"
        row = conn.execute(query, (cid,)).fetchone()
    return None if row is None else json.loads(Cipher(secret(helpline)).decrypt(row[0]))


def deadline_slot_exists() -> bool:
    """The deadlines branch adds `deadline_at`; until it is merged the deadline is not asserted."""
    session = yaml.safe_load((REPO / "bot" / "domain" / "session.yml").read_text(encoding="utf-8"))
    return "deadline_at" in (session.get("slots") or {})


def slot(helpline: RunningHelpline, texter_number: str, name: str):
    cid = conversation_id(secret(helpline), "sms", texter_number)
    tracker = httpx.get(
        f"{helpline.rasa_url}/conversations/{cid}/tracker", params={"token": helpline.rasa_token}, timeout=10
    ).json()
    return (tracker.get("slots") or {}).get(name)


@pytest.mark.parametrize("language", list(STORIES))
def test_facts_said_in_passing_come_back_in_the_summary(helpline: RunningHelpline, language: str) -> None:
    region, story, police, ask, expected, deadline_label = STORIES[language]
    texter = number(region)
    assert replies(helpline.text(story, texter))
    assert replies(helpline.text(police, texter))
    pack = replies(helpline.text(ask, texter))
    assert len(pack) == 2, pack
    for value in expected:
        assert value in pack[0], (value, pack)
    if language == "en":
        assert pack[0].isascii() and "report" in pack[1].lower()
    else:
        assert ("報案" in pack[1]) if language == "yue" else ("报案" in pack[1])
    for message in pack:
        assert segments(message) <= 3, message
    assert sum(segments(message) for message in pack) <= 6
    if deadline_slot_exists() and slot(helpline, texter, "deadline_at"):
        assert deadline_label in pack[0]
    # Stored encrypted in the helpline database; none of it in the tracker's slots but the question's name.
    facts = stored_facts(helpline, texter)
    assert facts and facts["platforms"]
    for key in ("handles", "accounts", "amounts_asked"):
        assert slot(helpline, texter, key) is None


def test_erasure_removes_the_facts(helpline: RunningHelpline) -> None:
    texter = number("HK")
    replies(helpline.text("He is @jason_88 on Instagram and wants HK$5000 by FPS", texter))
    assert stored_facts(helpline, texter)
    replies(helpline.text("please delete all my data", texter))
    replies(helpline.text("1", texter))
    assert stored_facts(helpline, texter) is None


def test_no_media_url_is_ever_a_fact(helpline: RunningHelpline) -> None:
    texter = number("GB")
    media = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
    helpline.text(
        "he is @dark.knight77 on snapchat, this is what he sent https://i.imgur.com/abc123.jpg",
        texter,
        NumMedia="1",
        MediaUrl0=media,
        MediaContentType0="image/jpeg",
    )
    facts = stored_facts(helpline, texter) or {}
    text = json.dumps(facts)
    assert "imgur" not in text and "twilio" not in text and "Media" not in text
    pack = replies(helpline.text("summary", texter))
    assert all("imgur" not in message and "twilio" not in message for message in pack)
