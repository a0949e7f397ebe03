"""Guidance through the real webhook: every path, in each language and script, with the region's numbers.

Replies are compared with the responses rendered for the texter's region, language and script, so a
wrong language, a wrong script or a wrong number fails.
"""

from __future__ import annotations

import itertools

import pytest

from helpline.store.db import engine_for
from helpline.store.handoffs import HandoffStore
from tests.content.fixtures import render
from tests.integration.conftest import RunningHelpline
from tests.integration.test_webhook_end_to_end import replies

pytestmark = pytest.mark.integration

_numbers = itertools.count(1000)
# Valid mobile numbers of each region (the region comes from the number): prefix and digits to add.
NUMBERS = {
    "HK": ("+8529123", 4),
    "CN": ("+861381234", 4),
    "TW": ("+88691234", 4),
    "US": ("+1202555", 4),
    "GB": ("+44740012", 4),
}


def new_number(region: str) -> str:
    prefix, width = NUMBERS[region]
    number = f"{prefix}{next(_numbers) % 10**width:0{width}d}"
    from helpline.store.contacts import region_for_number

    assert region_for_number(number) == region, number
    return number


class Texter:
    def __init__(
        self,
        helpline: RunningHelpline,
        region: str,
        language: str,
        script: str,
        channel: str = "sms",
        minor: bool = False,
    ) -> None:
        self.helpline, self.region, self.language, self.script = helpline, region, language, script
        self.number, self.channel, self.minor = new_number(region), channel, minor

    def send(self, text: str) -> list[str]:
        return replies(self.helpline.text(text, self.number, channel=self.channel))

    def expect(self, *names: str) -> list[str]:
        return [render(name, self.language, self.script, self.region, **self.live_values()) for name in names]

    def live_values(self) -> dict[str, str]:
        """This texter's own directory values (an adult's or a child's take-down route), and {wait_text}:
        what the helpline can honestly say now, from its own database and the clock."""
        from helpline.content.directory import get_directory
        from helpline.content.placeholders import placeholder_values
        from helpline.store.availability import expected_wait, wait_text

        engine = engine_for(f"sqlite:///{self.helpline.var_dir / 'helpline.db'}")
        return {
            **placeholder_values(get_directory(), self.region, self.language, minor=self.minor),
            "wait_text": wait_text(
                expected_wait(self.region, engine=engine, default_max_open=3), self.language
            ),
        }

    def expect_with_offer(self, name: str) -> list[str]:
        """`name`, then the check-in offer when the turn has room for it (actions/followup.py)."""
        from actions.waiting import turn_segments
        from helpline.content.directory import get_directory
        from helpline.content.placeholders import placeholder_values

        slots = {
            "language": self.language,
            "script": self.script,
            **placeholder_values(get_directory(), self.region, self.language),
        }
        fits = turn_segments([name, "utter_checkin_offer"], slots) <= 3
        return self.expect(name, "utter_checkin_offer") if fits else self.expect(name)


def handoffs(helpline: RunningHelpline) -> HandoffStore:
    return HandoffStore(engine_for(f"sqlite:///{helpline.var_dir / 'helpline.db'}"))


THREATS = {
    (
        "en",
        "Latn",
    ): "someone recorded me on video call and says he will send it to all my friends unless i pay",
    ("yue", "Hant"): "有人錄低咗我裸聊段片 話唔俾錢就send俾我啲friend 點算",
    ("yue", "Hans"): "有人录低咗我段片 话唔俾钱就send俾我啲朋友 点算",
    ("cmn", "Hans"): "有人录了我裸聊的视频 说不给钱就发给我所有好友 怎么办",
    ("cmn", "Hant"): "有人錄了我視訊的影片 說不給錢就傳給我全部好友 怎麼辦",
}


@pytest.mark.parametrize(("language", "script"), list(THREATS))
def test_threat_path_one_step_at_a_time(helpline: RunningHelpline, language: str, script: str) -> None:
    region = {"en": "GB", "yue": "HK", "cmn": "CN" if script == "Hans" else "TW"}[language]
    texter = Texter(helpline, region, language, script)
    assert texter.send(THREATS[(language, script)]) == texter.expect("utter_threat_reassure")
    assert texter.send("1") == texter.expect("utter_step_stop_contact")
    assert texter.send("1") == texter.expect("utter_step_no_pay")
    assert texter.send("0") == texter.expect("utter_step_stop_contact")
    for step in ("utter_step_no_pay", "utter_step_evidence", "utter_step_block_report", "utter_step_police"):
        assert texter.send("1") == texter.expect(step)
    assert texter.send("3") == texter.expect("utter_paid_bank")  # the money first
    assert texter.send("2") == texter.expect("utter_handoff_no_counsellor")


CRISIS = {
    "HK": ("yue", "Hant", "佢放咗上網 我唔想再生存"),
    "CN": ("cmn", "Hans", "视频被发出去了 我不想活了"),
    "TW": ("cmn", "Hant", "影片被散出去了 我真的不想活了"),
    "US": ("en", "Latn", "he posted it everywhere i just want to kill myself"),
    "GB": ("en", "Latn", "i cant do this anymore, im going to end it tonight"),
}


@pytest.mark.parametrize("region", list(CRISIS))
def test_crisis_gets_the_regions_lines_at_once_and_an_urgent_handoff(
    helpline: RunningHelpline, region: str
) -> None:
    language, script, text = CRISIS[region]
    texter = Texter(helpline, region, language, script)
    answer = texter.send(text)
    assert answer == texter.expect("utter_crisis_ask")
    queue = [h for h in handoffs(helpline).list("waiting") if h.region == region and h.reason == "crisis"]
    assert queue and queue[-1].priority == "urgent"  # queued by the time the webhook answered


def test_crisis_inside_a_path_reaches_the_crisis_reply(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send(THREATS[("en", "Latn")]) == texter.expect("utter_threat_reassure")
    assert texter.send("1")[0] == texter.expect("utter_step_stop_contact")[0]
    assert texter.send("whats the point anymore i want to die") == texter.expect("utter_crisis_ask")


def test_minor_gets_child_help_and_a_high_priority_handoff(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "yue", "Hant")
    texter.minor = True
    answer = texter.send("我今年14歲 有人話要將我啲相send俾我全班同學")
    assert answer == texter.expect("utter_minor_first")
    assert any(h.priority == "high" and h.reason == "minor" for h in handoffs(helpline).list("waiting"))


PATHS = [
    ("en", "Latn", "HK", "i already paid him 3000 hkd and now he wants more", "utter_paid_bank"),
    ("yue", "Hant", "HK", "佢已經send咗段片俾我啲朋友 全部人都見到", "utter_shared_reassure"),
    ("cmn", "Hans", "CN", "她让我装了一个聊天app 然后把我通讯录都偷了", "utter_app_reassure"),
    ("cmn", "Hant", "TW", "交友軟體認識的女生叫我先付訂金和飯店錢 結果人都沒出現", "utter_dating_reassure"),
    (
        "en",
        "Latn",
        "US",
        "my son is being blackmailed with pictures, how do i help him",
        "utter_someone_else_intro",
    ),
    ("yue", "Hant", "HK", "我應唔應該俾錢佢", "utter_should_pay_answer"),
    ("en", "Latn", "GB", "how do i report this to the police", "utter_police_info"),
    ("cmn", "Hans", "CN", "怎么才能把网上的视频删掉", "utter_takedown_info"),
    ("en", "Latn", "HK", "is this confidential? who can see what i write", "utter_privacy"),
    ("yue", "Hant", "HK", "你係咪機械人嚟㗎", "utter_bot_challenge"),
    ("en", "Latn", "US", "im so scared i cant stop shaking", "utter_comfort"),
]


@pytest.mark.parametrize(("language", "script", "region", "text", "response"), PATHS)
def test_each_path_starts_in_the_texters_language(
    helpline: RunningHelpline, language: str, script: str, region: str, text: str, response: str
) -> None:
    texter = Texter(helpline, region, language, script)
    assert texter.send(text) == texter.expect(response)


def test_whatsapp_texter_walks_the_app_path(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn", channel="whatsapp")
    assert texter.send(
        "she made me install an apk to hear her and now she has all my contacts"
    ) == texter.expect("utter_app_reassure")
    assert texter.send("1") == texter.expect("utter_app_uninstall")


def test_bare_digit_without_a_menu_is_not_guessed(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send("hi") == texter.expect("utter_greet")
    assert texter.send("7") == texter.expect("utter_continue_ask")  # no choice guessed; still an answer


def test_region_from_what_the_texter_says(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send("im in shenzhen now") == Texter(helpline, "CN", "en", "Latn").expect(
        "utter_region_set"
    )
    answer = texter.send("how do i report to police")
    assert answer == Texter(helpline, "CN", "en", "Latn").expect("utter_police_info")


def test_language_switch_on_request(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send("hi") == texter.expect("utter_greet")
    assert texter.send("可唔可以講廣東話") == Texter(helpline, "HK", "yue", "Hant").expect(
        "utter_language_switched"
    )


def test_delete_my_data_after_confirmation(helpline: RunningHelpline) -> None:
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send("please delete all my data") == texter.expect("utter_delete_confirm")
    assert texter.send("1") == texter.expect("utter_delete_done_local")  # no Twilio in dev: no copies there
    import httpx

    from helpline.settings.crypto import conversation_id

    secret = (helpline.var_dir / "secret_key").read_text().strip()
    cid = conversation_id(secret, "sms", texter.number)
    tracker = httpx.get(
        f"{helpline.rasa_url}/conversations/{cid}/tracker", params={"token": helpline.rasa_token}, timeout=10
    ).json()
    assert not [e for e in tracker["events"] if e.get("event") == "user"]


def test_a_waiting_conversation_keeps_getting_answers(helpline: RunningHelpline) -> None:
    """Until a counsellor claims it, the assistant goes on helping (issue 13)."""
    texter = Texter(helpline, "HK", "en", "Latn")
    assert texter.send("can i talk to a real person please") == texter.expect("utter_handoff_no_counsellor")
    assert texter.send("hello?")[-1] == texter.expect("utter_still_here")[0]
    assert texter.send("/restart")  # never a command; still an answer
    assert texter.send("hi")
