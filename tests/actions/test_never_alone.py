"""Issue 13, the dialogue: a waiting texter is still helped, a child gets the steps and a person, the
crisis protocol asks directly, and the assistant always knows which question a yes/no answers."""

from __future__ import annotations

import re

import pytest
import yaml

import actions.followup
import actions.safety
import actions.waiting
from actions.paths import MENUS, PATHS, TELLS_A_PERSON_WILL_REPLY
from actions.waiting import REMINDER, TURN_SEGMENT_BUDGET, rendered, turn_segments
from bot.policies.answers import NO, UNSURE, YES, asks_what_to_do, safety_answer, suicide_answer, yes_no
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from tests.actions.conversation import Conversation, services_on
from tests.content.fixtures import responses

THREAT = "im 15 and a guy on snap got pics of me and says hell send them to my school unless i send more"


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    monkeypatch.setattr(actions.safety, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.waiting, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.followup, "get_action_services", lambda: found)
    return found


def texter(services, region: str = "US", language: str = "en", script: str = "Latn", **slots) -> Conversation:
    return Conversation(services, region=region, language=language, script=script, slots=slots)


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", NO),
        ("No.", NO),
        ("not safe", NO),
        ("NOT SAFE", NO),
        ("im not", NO),
        ("唔安全", NO),
        ("不安全", NO),
        ("不安全 我好驚", NO),
        ("yes", YES),
        ("yes im safe", YES),
        ("i am safe now", YES),
        ("安全", YES),
        ("我冇事", YES),
        ("沒事", YES),
        ("我而家安全", YES),
        ("我現在安全了", YES),
        ("im safe now thanks", YES),
        ("i dont feel safe", NO),
        ("我覺得唔安全", NO),
        ("我唔係好安全", NO),
        ("idk", UNSURE),
        ("唔知", UNSURE),
        ("im scared", None),
        ("hello??", None),
        ("1", None),
        ("有人威脅我", None),
    ],
)
def test_yes_no_in_every_language(text: str, expected: str | None) -> None:
    assert yes_no(text) == expected


def test_unsure_is_unsafe_and_taken_seriously() -> None:
    assert safety_answer("not sure", None, False) == NO
    assert suicide_answer("maybe sometimes", None, False) == YES
    assert safety_answer("ok", "affirm", False) is None  # "ok" after "call now" is not "I am safe"
    assert safety_answer("yes", "affirm", True) == NO  # "yes" + a crisis signal ("yes i took them")
    assert suicide_answer("冇", None, False) == NO and suicide_answer("有", None, False) == YES


@pytest.mark.parametrize(
    "text", ["ok but what should i do now", "點算好", "怎么办", "what now", "下一步係咩"]
)
def test_what_now(text: str) -> None:
    assert asks_what_to_do(text)


def test_a_question_is_not_what_now() -> None:
    assert not asks_what_to_do("should i send him money")


# --------------------------------------------------------------------------- waiting texter


async def test_the_15_year_old_from_the_issue_is_helped_at_every_message(services) -> None:
    child = texter(services, age=15.0)
    first = await child.send(THREAT, "report_sextortion", minor=True, age=15)
    assert first == ["utter_minor_first"]
    text = rendered("utter_minor_first", child.slots)
    for needed in ("not in trouble", "Do not send", "do not pay", "screenshots", "do not delete", "adult"):
        assert needed in text
    handoff = child.handoff()
    assert (handoff.status, handoff.priority, handoff.reason) == ("waiting", "high", "minor")

    assert await child.send("ok but what should i do now", "out_of_scope") == ["utter_minor_help"]
    help_text = rendered("utter_minor_help", child.slots)
    assert child.slots["child_line"] in help_text and child.slots["takedown_minor"] in help_text
    assert await child.send("should i send him money", "ask_should_pay") == ["utter_minor_no_pay"]
    third = await child.send("1")
    assert third[-1] == "utter_minor_block"
    hello = await child.send("hello??", "greet")
    assert hello and hello[-1] == "utter_still_here"
    assert await child.send("asdkjh qwe", "nlu_fallback")


async def test_reminder_every_third_turn_before_the_step_so_the_menu_stays_last(services) -> None:
    adult = texter(services, region="GB")
    assert await adult.send("someone has my video and wants money", "report_sextortion") == [
        "utter_threat_reassure"
    ]
    assert await adult.send("talk to a person", "request_human") == ["utter_handoff_no_counsellor"]
    turns = [await adult.send("1") for _ in range(7)]
    # The check-in offer (actions/followup.py) is due after the last step; the reminder had the room.
    assert not any("utter_checkin_offer" in turn for turn in turns)
    assert adult.slots["checkin_offer"] == "due"
    assert [turn[-1] for turn in turns] == list(PATHS["threat"][1:])
    # Due on the third turn, but the evidence step alone takes 3 SMS: the reminder waits one turn.
    assert [i for i, turn in enumerate(turns) if REMINDER in turn] == [3, 6]
    assert all(turn[0] == REMINDER and len(turn) == 2 for turn in turns if REMINDER in turn)


async def test_no_reminder_without_a_waiting_handoff(services) -> None:
    adult = texter(services)
    await adult.send("someone has my video and wants money", "report_sextortion")
    for _ in range(5):
        assert REMINDER not in await adult.send("1")


async def test_claimed_means_silence_and_nothing_runs(services) -> None:
    adult = texter(services)
    await adult.send("i want to talk to someone", "request_human")
    adult.handoff_metadata = "claimed"
    assert await adult.send("hello??", "greet") == []
    assert adult.actions_run[-1] == "paused"


async def test_bare_digit_without_a_menu_and_unknown_text_get_answers(services) -> None:
    adult = texter(services)
    assert await adult.send("7") == ["utter_continue_ask"]
    await adult.send("someone has my video and wants money", "report_sextortion")
    adult.slots["menu"] = None
    assert await adult.send("5") == ["utter_threat_reassure"]  # where they are, with its menu
    assert await adult.send("qwerty", "nlu_fallback") == ["utter_not_understood_continue"]
    assert await adult.send("1") == ["utter_step_stop_contact"]


async def test_should_i_pay_mid_path_is_answered_without_losing_the_place(services) -> None:
    adult = texter(services)
    await adult.send("someone has my video and wants money", "report_sextortion")
    await adult.send("1")
    await adult.send("1")
    assert await adult.send("should i pay him", "ask_should_pay") == ["utter_no_pay_continue"]
    assert await adult.send("1") == ["utter_step_evidence"]


# --------------------------------------------------------------------------- crisis protocol


async def test_crisis_asks_are_you_safe_with_the_crisis_line_in_one_message(services) -> None:
    person = texter(services, region="HK", language="yue", script="Hant")
    turn = await person.send("我唔想再生存落去", "self_harm", crisis=True, risk="crisis", risk_about="self")
    assert turn == ["utter_crisis_ask"]
    text = rendered("utter_crisis_ask", person.slots)
    assert person.slots["crisis_line"] in text and "你而家安唔安全" in text
    assert person.slots["pending_question"] == "safe_now"
    handoff = person.handoff()
    assert (handoff.priority, handoff.reason) == ("urgent", "crisis")


@pytest.mark.parametrize(
    ("language", "script", "answer"),
    [("en", "Latn", "no"), ("en", "Latn", "not safe"), ("yue", "Hant", "唔安全"), ("cmn", "Hans", "不安全")],
)
async def test_not_safe_gets_the_emergency_number(services, language: str, script: str, answer: str) -> None:
    person = texter(services, region="HK", language=language, script=script)
    await person.send("i want to die", "self_harm", crisis=True)
    assert await person.send(answer, "deny" if answer == "no" else "nlu_fallback") == ["utter_crisis_unsafe"]
    assert person.slots["emergency"] in rendered("utter_crisis_unsafe", person.slots)
    assert person.slots["safety"] == "unsafe"
    assert person.handoff().priority == "urgent"
    # Still not safe: the emergency number again; then safe: the plan, and the path resumes.
    assert await person.send("no") == ["utter_crisis_unsafe"]
    # The plan closes the protocol; the check-in is offered with it (once).
    assert await person.send("safe now") == ["utter_crisis_safe_plan", "utter_checkin_offer"]
    assert person.slots["pending_question"] is None


async def test_safe_gets_a_safety_plan_then_the_path_with_the_crisis_line_in_view(services) -> None:
    person = texter(services, region="GB")
    await person.send("he posted it, i want to kill myself", "self_harm", crisis=True)
    assert await person.send("yes", "affirm") == ["utter_crisis_safe_plan", "utter_checkin_offer"]
    plan = rendered("utter_crisis_safe_plan", person.slots)
    assert person.slots["crisis_line"] in plan and "put away" in plan
    assert await person.send("1") == [REMINDER, "utter_continue_ask"]  # every second turn after a crisis
    await person.send("someone has my video and wants money", "report_sextortion")
    turns = [await person.send("1") for _ in range(4)]
    assert sum(REMINDER in turn for turn in turns) == 2  # every second turn after a crisis
    assert not any("utter_crisis_ask" in turn for turn in turns)


async def test_a_plan_or_means_at_hand_goes_straight_to_the_emergency_number(services) -> None:
    person = texter(services)
    assert await person.send("i took 30 pills", "self_harm", crisis=True) == ["utter_crisis_unsafe"]


async def test_an_unclear_reply_is_asked_once_more_then_the_texter_leads(services) -> None:
    person = texter(services)
    await person.send("i want to die", "self_harm", crisis=True)
    assert await person.send("why does this happen to me", "express_distress") == ["utter_crisis_ask_again"]
    assert person.slots["pending_question"] == "safe_now"
    assert (await person.send("how do i report him", "ask_police_report"))[-1] == "utter_police_info"
    assert person.slots["pending_question"] is None


async def test_no_turn_promises_a_counsellor_and_says_none_is_free(services) -> None:
    person = texter(services)
    turn = await person.send("i want to kill myself", "self_harm", crisis=True)
    assert "utter_handoff_no_counsellor" not in turn and len(turn) == 1
    for name, variations in responses().items():
        for variation in variations:
            assert not re.search(
                r"counsellor (for you )?now|輔導員.{0,6}而家|正在帮你找", variation["text"]
            ), name


# --------------------------------------------------------------------------- concern, someone else


async def test_concern_asks_directly_and_yes_enters_the_crisis_protocol(services) -> None:
    person = texter(services, region="CN", language="cmn", script="Hans")
    turn = await person.send("我真的撑不下去了", "express_distress", risk="concern", risk_about="self")
    assert turn == ["utter_concern_ask"]
    assert "自杀" in rendered("utter_concern_ask", person.slots)
    assert person.slots["pending_question"] == "suicide"
    assert await person.send("有", "affirm") == ["utter_crisis_ask"]
    assert person.handoff().priority == "urgent"
    assert await person.send("不安全") == ["utter_crisis_unsafe"]


async def test_concern_no_continues_the_path_they_came_with(services) -> None:
    person = texter(services)
    turn = await person.send(
        "he says he will post it, i dont see a way out",
        "report_sextortion",
        risk="concern",
        risk_about="self",
    )
    assert turn == ["utter_concern_ask"]
    assert await person.send("no", "deny") == ["utter_concern_no"]
    assert await person.send("1") == ["utter_threat_reassure"]
    assert person.handoff() is None
    # Asked once: a later concern does not ask again.
    assert await person.send("i feel hopeless", "express_distress", risk="concern") == ["utter_comfort"]


async def test_a_possible_signal_read_as_self_harm_is_asked_not_the_crisis_path(services) -> None:
    """Thirty-fifth round: a possible signal whose only content is the signal has the intent `self_harm`
    (DESIGN.md's table). The risk decides the path: the assistant asks directly, and once asked, a later
    possible signal is comforted as distress is, with no crisis handoff."""
    person = texter(services)
    first = await person.send(
        "i wish i could sleep and not wake up", "self_harm", risk="concern", risk_about="self"
    )
    assert first == ["utter_concern_ask"]
    assert person.slots["pending_question"] == "suicide"
    assert await person.send("no", "deny") == ["utter_concern_no"]
    assert await person.send("i feel hopeless", "self_harm", risk="concern") == ["utter_comfort"]
    assert person.handoff() is None


async def test_yes_after_a_possible_signal_read_as_self_harm_enters_the_crisis_protocol(services) -> None:
    person = texter(services)
    await person.send(
        "everyone would be better off without me", "self_harm", risk="concern", risk_about="self"
    )
    assert await person.send("yes", "affirm") == ["utter_crisis_ask"]
    assert person.handoff().priority == "urgent"


async def test_someone_else_at_risk_call_the_emergency_number_for_them(services) -> None:
    person = texter(services, region="GB")
    turn = await person.send(
        "my friend says she is going to kill herself tonight",
        "help_someone_else",
        crisis=True,
        risk="crisis",
        risk_about="other",
    )
    assert turn == ["utter_crisis_other"]
    text = rendered("utter_crisis_other", person.slots)
    assert person.slots["emergency"] in text and person.slots["crisis_line"] in text
    assert "Stay with them" in text
    assert person.slots.get("pending_question") is None
    assert (person.handoff().priority, person.handoff().reason) == ("urgent", "crisis")


async def test_crisis_of_a_child_comes_before_the_childs_essentials(services) -> None:
    child = texter(services, region="HK", language="yue", script="Hant")
    turn = await child.send("我14歲 佢話要send我啲相俾全校 我想死", "self_harm", crisis=True, minor=True)
    assert turn == ["utter_crisis_ask"]
    assert await child.send("安全") == ["utter_crisis_safe_plan", "utter_checkin_offer"]
    assert await child.send("1") == ["utter_minor_first"]


# --------------------------------------------------------------------------- budget


def test_every_turn_with_a_reminder_fits_or_the_reminder_waits() -> None:
    """The reminder is added only when the turn fits; it fits after most steps everywhere."""
    directory = get_directory()
    candidates = sorted({name for steps in PATHS.values() for name in steps} | set(MENUS))
    for region in directory.regions:
        for language, script in (("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant")):
            slots = {
                "language": language,
                "script": script,
                **placeholder_values(directory, region, language),
            }
            fitting = [n for n in candidates if turn_segments([REMINDER, n], slots) <= TURN_SEGMENT_BUDGET]
            assert len(fitting) >= len(candidates) // 2, (region, language, script)
            for name in TELLS_A_PERSON_WILL_REPLY:
                assert turn_segments([name], slots) <= TURN_SEGMENT_BUDGET


async def test_a_conversation_whose_risk_just_became_crisis_enters_the_protocol(
    services, monkeypatch
) -> None:
    """Issue 12 raises `risk_level` to crisis after repeated concern; routing follows that slot."""
    import bot.policies.triage_policy as triage_policy

    person = texter(services)
    monkeypatch.setattr(triage_policy, "wanted_slots", lambda tracker: {"risk_level": "crisis"})
    assert await person.send("i just cant anymore", "express_distress", risk="concern") == [
        "utter_crisis_ask"
    ]


async def test_the_crisis_message_goes_out_even_if_the_queue_is_unreachable(services, monkeypatch) -> None:
    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(actions.safety, "get_action_services", broken)
    monkeypatch.setattr(actions.waiting, "get_action_services", broken)
    person = texter(services)
    assert await person.send("i want to die", "self_harm", crisis=True) == ["utter_crisis_ask"]
    assert person.slots["pending_question"] == "safe_now"


def test_the_action_server_registers_exactly_the_domains_actions() -> None:
    from rasa_sdk.executor import ActionExecutor

    from tests.actions.conversation import REPO

    executor = ActionExecutor()
    executor.register_package("actions")
    declared = yaml.safe_load((REPO / "bot" / "domain" / "actions.yml").read_text())["actions"]
    assert sorted(executor.actions) == sorted(declared)


async def test_a_question_asked_before_a_counsellors_conversation_is_not_answered_after_it(services) -> None:
    person = texter(services, region="HK", language="yue", script="Hant")
    await person.send("我唔想再生存", "self_harm", crisis=True)
    assert person.slots["pending_question"] == "safe_now"
    services.handoffs.close(person.handoff().id, "safety plan agreed")
    person.closed_by_counsellor = True
    assert await person.send("你好呀 有冇人喺度", "greet") == ["utter_greet"]
    assert person.slots["pending_question"] is None


async def test_a_parent_asking_about_their_child_is_not_given_the_childs_words(services) -> None:
    parent = texter(services)
    first = await parent.send("my son is 14 and someone is blackmailing him", "help_someone_else", minor=True)
    assert first == ["utter_someone_else_intro"]
    for text, intent in (
        ("hello??", "greet"),
        ("what should i do now", "out_of_scope"),
        ("5", "nlu_fallback"),
    ):
        assert "utter_minor_first" not in await parent.send(text, intent)


@pytest.mark.parametrize("part", ["safety", "handoff", "minor", "waiting"])
def test_mainland_mandarin_says_zixunyuan_never_fudaoyuan(part: str) -> None:
    from helpline.content.responses import topic_file

    path = topic_file(part)
    for name, variations in yaml.safe_load(path.read_text(encoding="utf-8"))["responses"].items():
        for variation in variations:
            languages = {c["value"] for c in variation.get("condition") or []}
            if "cmn" in languages:
                assert "辅导员" not in variation["text"], name
                assert "counsellor" not in variation["text"], name
