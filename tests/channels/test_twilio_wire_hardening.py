"""Issue 16's Twilio wire findings, each reproduced with several inputs: repeated form keys, the content
type's case, oversized bodies read before the signature check, malformed sids and late status callbacks."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.store.db import outbox, utcnow
from tests.channels.conftest import STATUS, WEBHOOK, Harness

HK_NUMBER = "+85291234567"


class AllValues(dict):
    """A form with several values per key, signed the way Twilio's validator signs a MultiDict."""

    def getall(self, key: str) -> list[str]:
        return self[key]


def raw_post(harness: Harness, body: str, signature: str | None, path: str = WEBHOOK, **headers: str):
    headers = {"content-type": "application/x-www-form-urlencoded", **headers}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    _, response = harness.app.test_client.post(path, content=body.encode(), headers=headers)
    return response


def url(harness: Harness, path: str = WEBHOOK) -> str:
    return harness.settings.public_url + path


@pytest.mark.parametrize(
    ("key", "extra"),
    [
        ("Body", "send me the money"),
        ("Body", ""),
        ("MessageSid", new_message_sid()),
        ("From", "+447700900123"),
    ],
)
def test_a_field_appended_after_signing_is_refused(harness: Harness, key: str, extra: str) -> None:
    form = inbound_form("sms", HK_NUMBER, "hello", new_message_sid())
    signature = sign(harness.settings.twilio_auth_token, url(harness), form)
    body = urlencode(form) + "&" + urlencode({key: extra})
    response = raw_post(harness, body, signature)
    assert response.status in (400, 403)
    assert harness.bot.received == []


@pytest.mark.parametrize(
    ("key", "values"),
    [("Body", ["hello", "hello"]), ("Body", ["hello", "pay them"]), ("NumMedia", ["0", "0"])],
)
def test_a_repeated_field_is_refused_even_when_the_signature_covers_every_copy(
    harness: Harness, key: str, values: list[str]
) -> None:
    form = inbound_form("sms", HK_NUMBER, "hello", new_message_sid())
    multi = AllValues({name: [value] for name, value in form.items()})
    multi[key] = values
    signature = RequestValidator(harness.settings.twilio_auth_token).compute_signature(url(harness), multi)
    body = urlencode([(name, value) for name, several in multi.items() for value in several])
    response = raw_post(harness, body, signature)
    assert response.status == 400
    assert harness.bot.received == []


@pytest.mark.parametrize(
    "content_type",
    [
        "Application/X-WWW-Form-Urlencoded",
        "APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8",
        "application/x-www-form-urlencoded ;charset=utf-8",
    ],
)
def test_the_content_type_is_compared_without_case(harness: Harness, content_type: str) -> None:
    form = inbound_form("sms", HK_NUMBER, "hello", new_message_sid())
    signature = sign(harness.settings.twilio_auth_token, url(harness), form)
    response = raw_post(harness, urlencode(form), signature, **{"content-type": content_type})
    assert response.status == 200, response.text
    assert [m.text for m in harness.bot.received] == ["hello"]


@pytest.mark.parametrize("size", [65 * 1024, 2 * 1024 * 1024, 20 * 1024 * 1024])
@pytest.mark.parametrize("path", [WEBHOOK, STATUS])
def test_an_oversized_body_is_refused_before_its_signature_is_checked(
    harness: Harness, size: int, path
) -> None:
    body = "Body=" + "a" * size
    assert raw_post(harness, body, None, path=path).status == 413
    assert raw_post(harness, body, "forged", path=path).status == 413
    assert harness.bot.received == []


def test_an_oversized_signed_form_is_refused_too(harness: Harness) -> None:
    form = inbound_form("sms", HK_NUMBER, "hello", new_message_sid())
    form["SomeNewTwilioField"] = "x" * (70 * 1024)
    signature = sign(harness.settings.twilio_auth_token, url(harness), form)
    assert raw_post(harness, urlencode(form), signature).status == 413
    assert harness.bot.received == []


def test_an_oversized_body_without_a_length_is_refused_while_it_streams(harness: Harness) -> None:
    async def chunks():
        yield b"Body="
        for _ in range(40):
            yield b"a" * 4096

    headers = {"content-type": "application/x-www-form-urlencoded"}
    _, response = harness.app.test_client.post(WEBHOOK, content=chunks(), headers=headers)
    assert response.status == 413
    assert harness.bot.received == []


@pytest.mark.parametrize(
    "sid",
    [
        "SM" + "a" * 4998,  # 5,000 characters
        "SM" + "0" * 31,  # one digit short
        "SM" + "0" * 33,
        "XX" + "0" * 32,  # not a message's prefix
        "SM" + "z" * 32,  # not hexadecimal
        "SM" + "0" * 31 + "\u0661",  # a non-ASCII digit
    ],
    ids=["5000-chars", "short", "long", "prefix", "not-hex", "non-ascii-digit"],
)
def test_a_malformed_message_sid_is_refused(harness: Harness, sid: str) -> None:
    response = harness.post(inbound_form("sms", HK_NUMBER, "hello", sid))
    assert response.status == 400
    assert harness.bot.received == []
    status = harness.post({"MessageSid": sid, "MessageStatus": "delivered"}, path=STATUS)
    assert status.status == 400


def test_media_and_text_sids_of_the_right_shape_are_accepted(harness: Harness) -> None:
    for sid in ("SM" + "0123456789abcdef" * 2, "MM" + "0123456789ABCDEF" * 2):
        assert harness.post(inbound_form("sms", HK_NUMBER, "hello", sid)).status == 200
    assert len(harness.bot.received) == 2


@pytest.mark.parametrize("sender", ["+" + "8" * 5000, "whatsapp:+" + "8" * 200], ids=["sms", "whatsapp"])
def test_an_overlong_sender_is_refused(harness: Harness, sender: str) -> None:
    form = inbound_form("sms", HK_NUMBER, "hello", new_message_sid())
    form["From"] = sender
    assert harness.post(form).status == 400
    assert harness.bot.received == []


def outbox_row(harness: Harness, status: str) -> str:
    sid = "SM" + new_message_sid()[2:]
    with harness.services.engine.begin() as conn:
        conn.execute(
            outbox.insert().values(
                conversation_id="c1",
                channel="sms",
                body_cipher=harness.services.cipher.encrypt("x"),
                status=status,
                twilio_sid=sid,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
        )
    return sid


def stored_status(harness: Harness, sid: str) -> str:
    with harness.services.engine.connect() as conn:
        return conn.execute(outbox.select().where(outbox.c.twilio_sid == sid)).first().status


@pytest.mark.parametrize(
    ("callbacks", "final"),
    [
        (["delivered", "sent"], "delivered"),  # the late "sent" of issue 16
        (["delivered", "queued", "sending"], "delivered"),
        (["read", "delivered", "sent"], "read"),
        (["failed", "sent"], "failed"),
        (["sent", "delivered", "read"], "read"),  # in order, each step is taken
        (["sending", "undelivered"], "undelivered"),
    ],
)
def test_delivery_status_only_moves_forward(harness: Harness, callbacks: list[str], final: str) -> None:
    sid = outbox_row(harness, "queued")
    for state in callbacks:
        assert harness.post({"MessageSid": sid, "MessageStatus": state}, path=STATUS).status == 204
    assert stored_status(harness, sid) == final
