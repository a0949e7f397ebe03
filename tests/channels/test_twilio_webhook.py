"""The Twilio connector over HTTP: signatures, replays, media, opt-out, malformed forms."""

from __future__ import annotations

import asyncio
import logging
from xml.etree import ElementTree

import pytest

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.settings.crypto import conversation_id
from tests.channels.conftest import STATUS, WEBHOOK, Harness, ScriptedBot, make_harness

HK_NUMBER = "+85291234567"


def messages(response) -> list[str]:
    assert response.status == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(response.text)
    assert root.tag == "Response"
    return [element.text or "" for element in root.iter("Message")]


# --- signatures --------------------------------------------------------------------------------


def test_signed_sms_gets_twiml_reply_from_the_bot(harness: Harness) -> None:
    replies = messages(harness.text("hi"))
    assert replies == ["echo: hi"]
    (received,) = harness.bot.received
    assert received.sender_id == conversation_id(harness.settings.secret_key, "sms", HK_NUMBER)
    assert received.metadata["channel"] == "sms"
    assert received.metadata["region"] == "HK"
    assert HK_NUMBER not in str(received.metadata)


def test_missing_signature_is_forbidden(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    assert harness.post(form, signature=None).status == 403
    assert harness.bot.received == []


def test_signature_with_wrong_token_is_forbidden(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    bad = sign("not-the-auth-token", harness.settings.public_url + WEBHOOK, form)
    assert harness.post(form, signature=bad).status == 403


def test_tampered_body_is_forbidden(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    signature = sign(harness.settings.twilio_auth_token, harness.settings.public_url + WEBHOOK, form)
    form["Body"] = "send the money"
    assert harness.post(form, signature=signature).status == 403


def test_signature_for_another_url_is_forbidden(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    signature = sign(harness.settings.twilio_auth_token, "https://elsewhere.example" + WEBHOOK, form)
    assert harness.post(form, signature=signature).status == 403


def test_signature_is_checked_against_public_url(services, monkeypatch) -> None:
    """Behind a proxy Twilio signs the public URL, not the local one."""
    from dataclasses import replace

    public = replace(services.settings, public_url="https://helpline.example.org")
    harness = make_harness(replace(services, settings=public), ScriptedBot(), name="proxied")
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    good = sign(public.twilio_auth_token, "https://helpline.example.org" + WEBHOOK, form)
    assert harness.post(form, signature=good).status == 200
    local = sign(
        public.twilio_auth_token, "http://localhost:5005" + WEBHOOK, dict(form, MessageSid=new_message_sid())
    )
    assert harness.post(dict(form, MessageSid=new_message_sid()), signature=local).status == 403


def test_form_that_is_not_urlencoded_is_forbidden(harness: Harness) -> None:
    _, response = harness.app.test_client.post(WEBHOOK, json={"From": HK_NUMBER, "Body": "hi"})
    assert response.status == 403


# --- replays ------------------------------------------------------------------------------------


def test_replayed_message_sid_is_answered_once(harness: Harness) -> None:
    sid = new_message_sid()
    assert messages(harness.text("hi", sid=sid)) == ["echo: hi"]
    assert messages(harness.text("hi", sid=sid)) == []
    assert len(harness.bot.received) == 1


def test_replay_is_detected_after_a_restart(services) -> None:
    sid = new_message_sid()
    first = make_harness(services, ScriptedBot(), name="before_restart")
    assert messages(first.text("hi", sid=sid)) == ["echo: hi"]
    from channels.services import build_services

    restarted = make_harness(build_services(services.settings), ScriptedBot(), name="after_restart")
    assert messages(restarted.text("hi", sid=sid)) == []
    assert restarted.bot.received == []


# --- media --------------------------------------------------------------------------------------

MEDIA_URL = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME42secretimage"


def test_image_is_refused_kindly_and_never_reaches_the_bot(harness: Harness, caplog, capfd, var_dir) -> None:
    caplog.set_level(logging.DEBUG)
    replies = messages(harness.text("", NumMedia="1", MediaUrl0=MEDIA_URL, MediaContentType0="image/jpeg"))
    assert len(replies) == 1
    assert "photos or videos" in replies[0]
    assert harness.bot.received == []
    for path in var_dir.rglob("*"):
        if path.is_file():
            assert b"ME42secretimage" not in path.read_bytes()
    logged = caplog.text + capfd.readouterr().err
    assert "webhook.no_text" in logged  # the connector did log this request...
    assert "ME42secretimage" not in logged  # ...without the media URL


def test_image_with_text_is_refused_and_the_text_is_still_answered(harness: Harness) -> None:
    replies = messages(harness.text("he is threatening me", NumMedia="1", MediaUrl0=MEDIA_URL))
    assert "photos or videos" in replies[0]
    assert replies[1] == "echo: he is threatening me"
    assert MEDIA_URL not in str(harness.bot.received[0].metadata)


def test_image_refusal_is_in_the_texters_language(harness: Harness) -> None:
    replies = messages(harness.text("佢話要send段片俾我啲friend", NumMedia="1", MediaUrl0=MEDIA_URL))
    assert "唔使send相" in replies[0]


# --- opt-out and help ---------------------------------------------------------------------------


def test_stop_opts_out_until_start(harness: Harness) -> None:
    assert messages(harness.text("STOP")) == []  # Twilio confirms STOP itself on SMS
    assert messages(harness.text("are you there")) == []
    assert harness.bot.received == []
    assert messages(harness.text("START")) == []
    assert messages(harness.text("hello again")) == ["echo: hello again"]


@pytest.mark.parametrize("word", ["stop", "UNSUBSCRIBE", "End", "quit", "cancel", "stopall", "停止", "取消"])
def test_every_opt_out_word_stops_messages(harness: Harness, word: str) -> None:
    harness.text(word)
    contact = harness.services.contacts.get(conversation_id(harness.settings.secret_key, "sms", HK_NUMBER))
    assert contact.opted_out


def test_chinese_opt_out_word_gets_our_confirmation_on_sms(harness: Harness) -> None:
    (reply,) = messages(harness.text("停止"))
    assert "START" in reply


def test_whatsapp_stop_gets_a_confirmation(harness: Harness) -> None:
    (reply,) = messages(harness.text("stop", channel="whatsapp"))
    assert "no more messages" in reply and "999" in reply


def test_sentence_containing_stop_is_not_an_opt_out(harness: Harness) -> None:
    assert messages(harness.text("how do i make him stop")) == ["echo: how do i make him stop"]


@pytest.mark.parametrize("word", ["HELP", "help", "幫助", "帮助"])
def test_help_says_what_the_service_is_and_how_to_reach_a_person(harness: Harness, word: str) -> None:
    (reply,) = messages(harness.text(word))
    assert "999" in reply
    assert any(marker in reply for marker in ("talk to a person", "搵真人", "找真人"))
    assert harness.bot.received == []


# --- malformed and unusual forms ---------------------------------------------------------------


def test_missing_body_gets_a_gentle_prompt(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "", new_message_sid())
    del form["Body"]
    (reply,) = messages(harness.post(form))
    assert "what happened" in reply


def test_location_pin_without_text_does_not_fail(harness: Harness) -> None:
    form = inbound_form("whatsapp", HK_NUMBER, "", new_message_sid())
    form.update(Latitude="22.28", Longitude="114.16", Address="Central")
    assert messages(harness.post(form))
    assert harness.bot.received == []


def test_whatsapp_button_reply_is_read_as_text_never_as_a_command(harness: Harness) -> None:
    form = inbound_form("whatsapp", HK_NUMBER, "", new_message_sid())
    form.update(ButtonText="Talk to a person", ButtonPayload="/request_human")
    assert messages(harness.post(form)) == ["echo: Talk to a person"]


def test_unknown_fields_are_ignored(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    form.update(SomeNewTwilioField="x", FromCity="HONG KONG", ReferralNumMedia="0")
    assert messages(harness.post(form)) == ["echo: hi"]


@pytest.mark.parametrize("missing", ["From", "MessageSid"])
def test_form_without_sender_or_sid_is_a_client_error(harness: Harness, missing: str) -> None:
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    del form[missing]
    if missing == "MessageSid":
        del form["SmsSid"]
    assert harness.post(form).status == 400


def test_non_numeric_num_media_is_not_a_server_error(harness: Harness) -> None:
    assert messages(harness.text("hi", NumMedia="lots")) == ["echo: hi"]


def test_slash_commands_are_never_intents(harness: Harness) -> None:
    harness.text("/restart")
    harness.text('  /request_human{"x": 1}')
    assert [m.text for m in harness.bot.received] == ["\uff0frestart", '\uff0frequest_human{"x": 1}']


def test_reply_is_escaped_xml(services) -> None:
    bot = ScriptedBot(reply=lambda message: ['<b>&</b> "quoted"'])
    harness = make_harness(services, bot, name="escaping")
    assert messages(harness.text("hi")) == ['<b>&</b> "quoted"']


def test_several_bot_messages_become_several_message_elements(services) -> None:
    harness = make_harness(services, ScriptedBot(reply=lambda m: ["one", "two", "three"]), name="several")
    assert messages(harness.text("hi")) == ["one", "two", "three"]


# --- failures and slowness ----------------------------------------------------------------------


def test_assistant_failure_still_answers_with_safety_lines(services) -> None:
    harness = make_harness(services, ScriptedBot(error=RuntimeError("boom")), name="failing")
    (reply,) = messages(harness.text("hi"))
    assert "999" in reply and "2896 0000" in reply


async def test_slow_assistant_answers_in_budget_and_sends_the_rest_later(services) -> None:
    """Past the reply budget the webhook answers with what it has; later turns go outbound."""
    from channels.twilio_channel import TwilioChannel

    bot = ScriptedBot(reply=lambda m: ["first"], delay=0.5, late_reply="second")
    channel = TwilioChannel(reply_budget_seconds=0.2, services=services)
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    assert await channel._handle(form, bot) == ["first"]
    sender_id = conversation_id(services.settings.secret_key, "sms", HK_NUMBER)
    assert services.sender.history(sender_id) == []
    for _ in range(100):
        if services.sender.history(sender_id):
            break
        await asyncio.sleep(0.05)
    assert [record.text for record in services.sender.history(sender_id)] == ["second"]


# --- language and script of replies -------------------------------------------------------------


def test_reply_follows_the_texters_script(services) -> None:
    bot = ScriptedBot(reply=lambda m: ["你好，我喺度。話我知發生咩事。"])
    harness = make_harness(services, bot, name="script")
    (reply,) = messages(harness.text("佢话要send段片俾我啲朋友"))  # Cantonese in Simplified characters
    assert "话我知发生咩事" in reply


# --- privacy ------------------------------------------------------------------------------------


def test_number_is_never_stored_in_clear(harness: Harness, var_dir, caplog, capfd) -> None:
    caplog.set_level(logging.DEBUG)
    harness.text("hi", number="+85261234567")
    harness.text("hello", number="+85261234567", channel="whatsapp")
    for path in var_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"61234567" not in data, path
    logged = caplog.text + capfd.readouterr().err
    assert "webhook.handled" in logged
    assert "61234567" not in logged
    assert "hello" not in logged


# --- status callbacks ---------------------------------------------------------------------------


def test_status_callback_needs_a_signature(harness: Harness) -> None:
    form = {"MessageSid": new_message_sid(), "MessageStatus": "delivered"}
    assert harness.post(form, signature=None, path=STATUS).status == 403


def test_status_callback_updates_delivery(harness: Harness) -> None:
    from helpline.store.db import outbox, utcnow

    with harness.services.engine.begin() as conn:
        conn.execute(
            outbox.insert().values(
                conversation_id="c1",
                channel="sms",
                body_cipher=harness.services.cipher.encrypt("x"),
                status="queued",
                twilio_sid="SM" + "ab" * 16,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )
    response = harness.post({"MessageSid": "SM" + "ab" * 16, "MessageStatus": "delivered"}, path=STATUS)
    assert response.status == 204
    with harness.services.engine.connect() as conn:
        assert conn.execute(outbox.select()).first().status == "delivered"


def test_health_endpoint(harness: Harness) -> None:
    _, response = harness.app.test_client.get("/webhooks/twilio/")
    assert response.status == 200 and response.json == {"status": "ok"}


@pytest.mark.parametrize(
    ("text", "previous", "region", "expected"),
    [
        ("我想死", None, "TW", "Hant"),  # the same characters in both scripts: Taiwan writes Traditional
        ("我想死", None, "CN", "Hans"),
        ("我想死", "Hans", "TW", "Hans"),  # the texter's own earlier script wins
        ("我們", None, "CN", "Hant"),  # script-specific characters decide
        ("hello", None, "HK", "Latn"),
    ],
)
def test_script_in_context(text: str, previous: str | None, region: str, expected: str) -> None:
    from bot.triage.language import detect_language, script_in_context

    detected = detect_language(text).script
    assert script_in_context(text, detected, previous, region) == expected


def test_a_silent_turn_still_gets_an_answer_with_the_safety_lines(services) -> None:
    """An action failed and Rasa carried on without it: the texter must not be left in silence."""
    harness = make_harness(services, ScriptedBot(reply=lambda message: []), name="silent")
    (reply,) = messages(harness.text("are you there"))
    assert "999" in reply and "2896 0000" in reply
