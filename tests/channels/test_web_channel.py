"""The web chat adapter inside Rasa: signed JSON from the dashboard in, the same pipeline as SMS."""

from __future__ import annotations

import dataclasses
import json
import secrets

import pytest
from sanic import Sanic
from sanic_testing import TestManager

from channels.web_channel import MESSAGE_PATH, WebChatChannel, region_for_time_zone
from helpline.content.directory import get_directory
from helpline.content.placeholders import crisis_finder, placeholder_values
from helpline.settings.crypto import conversation_id, web_chat_signature
from tests.channels.conftest import ScriptedBot

_apps = iter(range(1_000_000))


@pytest.fixture()
def web(services):
    bot = ScriptedBot()
    app = Sanic(f"web{next(_apps)}")
    channel = WebChatChannel(reply_budget_seconds=5, services=services)
    app.blueprint(channel.blueprint(bot), url_prefix="/webhooks/web")
    TestManager(app)
    return app, bot, services


def post(web, payload, signature="auto", raw: bytes | None = None):
    app, _, services = web
    body = raw if raw is not None else json.dumps(payload).encode()
    if signature == "auto":
        signature = web_chat_signature(services.settings.secret_key, body)
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["X-Helpline-Signature"] = signature
    _, response = app.test_client.post(MESSAGE_PATH, content=body, headers=headers)
    return response


def message(text: str = "hello", session: str | None = None, **extra):
    return {
        "session": session or secrets.token_urlsafe(32),
        "message_id": secrets.token_hex(12),
        "text": text,
        **extra,
    }


def test_a_web_message_runs_the_pipeline_with_channel_web_and_a_keyed_id(web) -> None:
    _, bot, services = web
    payload = message("hello", time_zone="Asia/Hong_Kong")
    response = post(web, payload)
    assert response.status == 200, response.text
    assert response.json["messages"] == ["echo: hello"]
    received = bot.received[0]
    assert received.input_channel == "web"
    assert received.sender_id == conversation_id(services.settings.secret_key, "web", payload["session"])
    assert payload["session"] not in received.sender_id
    assert received.metadata["channel"] == "web"
    assert received.metadata["region"] == "HK"
    assert received.metadata["region_guessed"] is True
    contact = services.contacts.get(received.sender_id)
    assert contact.channel == "web" and contact.region == "HK"


@pytest.mark.parametrize(
    ("region", "time_zone", "expected", "guessed"),
    [
        ("TW", "Asia/Hong_Kong", "TW", False),  # the texter's choice wins over the time zone
        (None, "Europe/London", "GB", True),
        (None, "Asia/Kuala_Lumpur", "MY", True),
        ("INTL", "Asia/Singapore", "INTL", False),  # "somewhere else"
        (None, None, None, True),
    ],
)
def test_the_region_is_the_choice_else_the_time_zone(web, region, time_zone, expected, guessed) -> None:
    _, bot, _ = web
    assert post(web, message(region=region, time_zone=time_zone)).status == 200
    assert bot.received[0].metadata["region"] == expected
    assert bot.received[0].metadata["region_guessed"] is guessed


def test_a_replayed_web_message_is_answered_once(web) -> None:
    payload = message("hi")
    assert post(web, payload).json["messages"] == ["echo: hi"]
    assert post(web, payload).json["messages"] == []


@pytest.mark.parametrize("signature", [None, "", "0" * 64, "forged"])
def test_an_unsigned_or_forged_message_is_refused(web, signature) -> None:
    assert post(web, message(), signature=signature).status == 403
    assert web[1].received == []


@pytest.mark.parametrize(
    "payload",
    [
        message(text="x" * 1001),
        message(session="short"),
        message(session="x" * 65),
        message(session="ünïcödé" * 6),
        {**message(), "message_id": "../../etc"},
        {**message(), "text": None},
        message(region="XX"),
        ["not", "an", "object"],
    ],
    ids=[
        "long-text",
        "short-session",
        "long-session",
        "non-ascii-session",
        "bad-id",
        "no-text",
        "region",
        "list",
    ],
)
def test_a_malformed_message_is_a_client_error(web, payload) -> None:
    assert post(web, payload).status == 400
    assert web[1].received == []


def test_an_oversized_body_is_refused_before_its_signature_is_checked(web) -> None:
    raw = json.dumps(message("x" * 40_000)).encode()
    assert post(web, None, signature=None, raw=raw).status == 413
    assert post(web, None, raw=raw).status == 413


def test_help_works_on_the_web_too(web) -> None:
    session = secrets.token_urlsafe(32)
    help_reply = post(web, message("HELP", session=session)).json["messages"]
    assert len(help_reply) == 1 and help_reply[0] != "echo: HELP"
    assert [m.text for m in web[1].received] == []


@pytest.mark.parametrize(
    ("first", "stop", "expected"),
    [
        ("hello", "STOP", "Quick exit"),
        ("hi there", "unsubscribe!", "Quick exit"),
        ("hello", "Cancel.", "close this page"),
        ("我想問你哋嘢呀，點算好", "停止", "快速離開"),
        ("我想问你们一些事情，怎么办", "取消", "快速离开"),
    ],
)
def test_stop_on_the_web_says_how_to_leave_and_the_conversation_goes_on(web, first, stop, expected) -> None:
    """Issue 11's gap: STOP on the web opted the texter out as on SMS (there is no SMS thread to stop) and
    then every later message went unanswered. Now: a short, kind word on how to leave, nothing changes."""
    _, bot, services = web
    session = secrets.token_urlsafe(32)
    assert post(web, message(first, session=session)).json["messages"] == [f"echo: {first}"]
    (reply,) = post(web, message(stop, session=session)).json["messages"]
    assert expected in reply and not reply.startswith("echo:")
    assert "START" not in reply and "no more messages" not in reply
    assert reply.isascii() if expected.isascii() else not reply.isascii()
    contact = services.contacts.get(conversation_id(services.settings.secret_key, "web", session))
    assert not contact.opted_out
    assert post(web, message("what should i do", session=session)).json["messages"] == [
        "echo: what should i do"
    ]
    assert [m.text for m in bot.received] == [first, "what should i do"]


@pytest.mark.parametrize(
    "text",
    ["STOP. I want to kill myself", "stop i want to end my life", "停止，我想死", "cancel, 我唔想再生存落去"],
)
def test_crisis_words_with_a_stop_word_still_reach_the_crisis_protocol(web, text) -> None:
    _, bot, _ = web
    assert post(web, message(text)).json["messages"] == [f"echo: {text}"]
    assert [m.text for m in bot.received] == [text]


def test_a_crisis_that_is_also_a_leave_word_is_answered_by_the_assistant(web, monkeypatch) -> None:
    """Should a leave word ever carry a crisis signal on its own, the crisis protocol still answers."""
    import channels.pipeline
    from bot.triage.crisis import detect_crisis

    monkeypatch.setattr(
        channels.pipeline,
        "detect_crisis",
        lambda text: detect_crisis("I want to kill myself" if text == "stop" else text),
    )
    _, bot, _ = web
    assert post(web, message("stop")).json["messages"] == ["echo: stop"]
    assert [m.text for m in bot.received] == ["stop"]


def test_start_means_nothing_special_on_the_web_and_an_old_opt_out_is_ignored(web) -> None:
    """A web texter opted out by the old rule is no longer left in silence."""
    _, _, services = web
    session = secrets.token_urlsafe(32)
    cid = conversation_id(services.settings.secret_key, "web", session)
    services.contacts.record_inbound(cid, "web", session)
    services.contacts.set_opted_out(cid, True)
    assert post(web, message("hello", session=session)).json["messages"] == ["echo: hello"]
    assert post(web, message("START", session=session)).json["messages"] == ["echo: START"]


async def test_a_counsellors_reply_to_a_web_texter_waits_in_the_outbox_never_at_twilio(services) -> None:
    configured = dataclasses.replace(
        services, settings=dataclasses.replace(services.settings, twilio_account_sid="AC" + "0" * 32)
    )
    cid = conversation_id(services.settings.secret_key, "web", secrets.token_urlsafe(32))
    services.contacts.record_inbound(cid, "web", "session-key")

    def no_twilio():
        raise AssertionError("a web texter has no number: Twilio must not be called")

    from helpline.jobs.outbound import OutboundSender

    sender = OutboundSender(
        configured.settings, services.engine, services.cipher, services.contacts, no_twilio
    )
    record = await sender.send(cid, "I am here with you.")
    assert record.status == "queued" and record.channel == "web"
    sender.mark_delivered(cid, [record.id])
    assert [(r.text, r.status) for r in sender.history(cid)] == [("I am here with you.", "delivered")]


@pytest.mark.parametrize(
    ("zone", "region"),
    [
        ("Asia/Hong_Kong", "HK"),
        ("Asia/Macau", "MO"),
        ("Asia/Shanghai", "CN"),
        ("Asia/Taipei", "TW"),
        ("Asia/Singapore", "SG"),
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("Europe/Guernsey", "GG"),
        ("Mars/Olympus", None),
        ("../../x", None),
        ("", None),
    ],
)
def test_a_time_zone_suggests_a_region(zone, region) -> None:
    assert region_for_time_zone(zone) == region


@pytest.mark.parametrize("language", ["en", "yue", "cmn"])
@pytest.mark.parametrize("region", ["HK", "GB", "MY", "INTL", None])
def test_a_guessed_region_adds_the_international_finder_to_the_crisis_line(language, region) -> None:
    directory = get_directory()
    confirmed = placeholder_values(directory, region, language)
    guessed = placeholder_values(directory, region, language, region_guessed=True)
    assert confirmed["crisis_line"] in guessed["crisis_line"]
    assert guessed["crisis_line"].count(crisis_finder(directory)) == 1
    # Everything else stays (a region without a child line gives the crisis line there, finder included).
    same = [k for k in confirmed if k != "crisis_line" and confirmed[k] != confirmed["crisis_line"]]
    assert {k: guessed[k] for k in same} == {k: confirmed[k] for k in same}
