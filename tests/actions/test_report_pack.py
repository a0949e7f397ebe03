"""The report pack through the real routing policy and actions: facts recorded as the texter talks,
the optional questions, the summary in the texter's language within the segment budget, clearing."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.report
import actions.safety
import actions.waiting
from actions.report import facts_message, route_response
from bot.policies.triage_policy import dialogue_events, routed_action
from bot.triage.report_words import asks_for_report_pack, asks_for_summary, asks_to_clear
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script
from helpline.content.sms import segments
from helpline.settings.crypto import Cipher
from helpline.store.report_facts import ReportFactsStore
from tests.actions.conversation import ACTIONS, Conversation, intent_rules, services_on
from tests.content.fixtures import REGIONS, longest_values

KEY = "test-key-for-report-facts"


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    store = ReportFactsStore(found.engine, Cipher(KEY))
    monkeypatch.setattr(actions.safety, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.waiting, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.report, "fact_store", lambda: store)
    found.facts = store
    return found


class Texter(Conversation):
    """A conversation that also returns the texts the report pack sends (not domain responses)."""

    async def say(self, text: str, intent: str = "nlu_fallback") -> list[str]:
        tracker = self._rasa_tracker(text, intent, {})
        for event in dialogue_events(tracker):
            self.slots[event.key] = event.value
        action = routed_action(tracker) or intent_rules().get(intent, "action_fallback")
        self.actions_run.append(action)
        dispatcher = CollectingDispatcher()
        latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": [], "triage": {}}
        tracker = Tracker(self.sender_id, dict(self.slots), latest, [], False, None, {}, "action_listen")
        for event in await ACTIONS[action]().run(dispatcher, tracker, {}):
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return [m.get("text") or m["response"] for m in dispatcher.messages]


def rendered_text(name_or_text: str, person: Texter) -> str:
    if not name_or_text.startswith("utter_"):
        return to_script(name_or_text, person.script, person.language)
    return actions.waiting.rendered(name_or_text, person.slots)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("summary", True),
        ("Summary.", True),
        ("報案摘要", True),
        ("报案摘要", True),
        ("clear summary", True),
        ("清除摘要", True),
        ("delete my data", False),
        ("刪除我的資料", False),
        ("删除我的资料", False),
        ("清除資料", False),
        ("can you summarise what happened", False),
    ],
)
def test_fixed_words_never_mean_delete_my_data(text: str, expected: bool) -> None:
    assert asks_for_report_pack(text) is expected
    assert not (asks_for_summary(text) and asks_to_clear(text))


CASES = [
    (
        "HK",
        "en",
        "Latn",
        "He found me on Instagram, his account is @jason_88. He wants HK$5000 by FPS.",
        ["Instagram", "@jason_88", "HKD 5000", "FPS"],
    ),
    (
        "HK",
        "yue",
        "Hant",
        "佢喺IG搵我，帳號叫 jason_88，要我用轉數快俾港幣5000",
        ["Instagram", "jason_88", "HKD 5000", "FPS", "對方帳戶"],
    ),
    (
        "CN",
        "cmn",
        "Hans",
        "他在微信上认识我，微信号 wxid_abc123，要我用支付宝转5000元",
        ["WeChat", "wxid_abc123", "CNY 5000", "Alipay", "对方账号"],
    ),
    (
        "TW",
        "cmn",
        "Hant",
        "他在Instagram帳號叫 jason_88，要我用銀行轉帳付台幣5000",
        ["Instagram", "jason_88", "TWD 5000", "對方帳號"],
    ),
]


@pytest.mark.parametrize(("region", "language", "script", "story", "expected"), CASES)
async def test_facts_said_in_passing_come_back_in_the_summary(
    services, region, language, script, story, expected
) -> None:
    person = Texter(services, region=region, language=language, script=script)
    await person.say(story, "report_sextortion")
    stored = services.facts.get(person.sender_id)
    assert stored, "the facts are stored"
    replies = await person.say("報案摘要" if language != "en" else "summary")
    assert person.actions_run[-1] == "action_report_pack"
    assert len(replies) == 2
    texts = [rendered_text(reply, person) for reply in replies]
    for value in expected:
        assert value in texts[0]
    assert placeholder_values(get_directory(), region, language)["police_route"][:6] in texts[1] or (
        language != "en"
    )
    for text in texts:
        assert segments(text) <= 3


async def test_missing_facts_are_asked_one_at_a_time_and_can_be_skipped(services) -> None:
    person = Texter(services, region="GB")
    replies = await person.say("summary")
    assert replies == ["utter_report_ask_handle"]
    assert person.slots["report_question"] == "handle"
    replies = await person.say("his snapchat is dark.knight77")
    assert replies == ["utter_report_ask_amount"]
    replies = await person.say("0")
    assert len(replies) == 2 and replies[1] == "utter_report_route"
    assert "dark.knight77" in replies[0]
    assert person.slots["report_question"] is None
    # Asked again later: nothing missing is asked twice in one go, and the facts are kept.
    assert services.facts.get(person.sender_id)["handles"] == ["dark.knight77"]


async def test_a_crisis_while_a_question_is_open_comes_first_and_lets_the_question_go(services) -> None:
    person = Texter(services, region="GB")
    await person.say("summary")
    tracker = person._rasa_tracker("I want to die", "self_harm", {"crisis": True, "risk": "crisis"})
    assert routed_action(tracker) == "action_crisis"
    assert any(getattr(e, "key", None) == "report_question" for e in dialogue_events(tracker))


async def test_a_person_or_a_menu_digit_while_a_question_is_open_is_not_an_answer(services) -> None:
    person = Texter(services, region="GB")
    await person.say("summary")
    assert await person.say("can i talk to a real person", "request_human") == ["utter_handoff_no_counsellor"]
    assert person.slots["report_question"] is None
    assert services.facts.get(person.sender_id) == {}
    await person.say("summary")
    await person.say("2")
    assert person.actions_run[-1] == "action_menu_choice"
    assert services.facts.get(person.sender_id) == {}


async def test_clear_summary_removes_the_facts_only(services) -> None:
    person = Texter(services, region="HK", language="yue", script="Hant")
    await person.say("佢喺IG叫 jason_88 要我俾5000蚊", "report_sextortion")
    assert services.facts.get(person.sender_id)
    replies = await person.say("清除摘要")
    assert replies == ["utter_report_cleared"]
    assert services.facts.get(person.sender_id) == {}


async def test_the_police_step_offers_the_summary(services) -> None:
    person = Texter(services, region="HK")
    await person.say("He is @jason_88 on Instagram and wants HK$5000", "report_sextortion")
    person.slots.update(menu="utter_step_police", path="threat", step=5.0)
    replies = await person.say("4")
    assert person.actions_run[-1] == "action_menu_choice"
    assert len(replies) == 2 and "@jason_88" in replies[0]


async def test_a_deadline_slot_is_in_the_summary_in_local_time(services) -> None:
    person = Texter(services, region="HK", slots={"deadline_at": "2026-12-03T15:59:00+00:00"})
    await person.say("He is @jason_88 on Instagram and wants HK$5000", "report_sextortion")
    replies = await person.say("summary")
    assert "Their deadline: 2026-12-03 23:59" in replies[0]


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize(
    ("language", "script"), [("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant")]
)
def test_the_pack_fits_the_budget_with_every_fact_long(region: str, language: str, script: str) -> None:
    facts = {
        "platforms": ["Instagram", "WhatsApp", "Telegram"],
        "handles": [
            "@a_very_long_handle_name_1234",
            "instagram.com/another.long.profile.name",
            "+85261234567",
        ],
        "phones": ["+85261234567", "+8613912345678"],
        "accounts": [
            "FPS 91234567",
            "bank 012345678901234",
            "wallet 0x52908400098527886E0F7030069857D2E4169EE7",
        ],
        "payment_methods": ["FPS", "Bank transfer", "USDT"],
        "amounts_asked": ["HKD 50000", "HKD 20000"],
        "amounts_paid": ["HKD 3000", "HKD 2000"],
        "deadline": "2026-12-03T15:59:00+00:00",
        "started": "last night (2026-12-02)",
        "content_shared": True,
        "shared_with": ["friends", "family", "colleagues"],
        "app_installed": True,
    }
    text = facts_message(facts, language, script, region)
    assert segments(to_script(text, script, language)) <= 3
    slots = {"language": language, "script": script, **longest_values(region, language)}
    assert segments(actions.waiting.rendered(route_response(slots), slots)) <= 3


@pytest.mark.parametrize(
    ("region", "language", "script"), [("GB", "en", "Latn"), ("HK", "yue", "Hant"), ("TW", "cmn", "Hant")]
)
async def test_a_public_deployment_adds_an_expiring_page_link_within_the_budget(
    services, monkeypatch, region, language, script
) -> None:
    from helpline.store.report_facts import page_conversation

    monkeypatch.setattr(actions.report, "get_action_services", lambda: services)
    monkeypatch.setenv("PUBLIC_URL", "https://help.example.org")
    from helpline.settings.config import get_settings

    get_settings.cache_clear()
    try:
        person = Texter(services, region=region, language=language, script=script)
        await person.say("He is @jason_88 on Instagram and wants HK$5000", "report_sextortion")
        replies = await person.say("summary")
    finally:
        get_settings.cache_clear()
    assert len(replies) == 2
    link = replies[1].rsplit("https://help.example.org/pack/", 1)
    assert len(link) == 2, replies[1]
    assert page_conversation(services.engine, link[1]) == person.sender_id
    assert segments(to_script(replies[1], script, language)) <= 3


async def test_no_link_without_a_public_https_address(services, monkeypatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "http://localhost:5005")
    from helpline.settings.config import get_settings

    get_settings.cache_clear()
    try:
        person = Texter(services, region="GB")
        await person.say("He is @jason_88 on Instagram and wants HK$5000", "report_sextortion")
        replies = await person.say("summary")
    finally:
        get_settings.cache_clear()
    assert replies[1] == "utter_report_route"
