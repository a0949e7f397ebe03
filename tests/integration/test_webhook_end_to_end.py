"""Through the real Rasa server: signed webhooks in, TwiML out, nothing personal left behind."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from dashboard.twilio_signing import inbound_form, new_message_sid
from tests.integration.conftest import RunningHelpline

pytestmark = pytest.mark.integration

HK, CN, TW, GB = "+85291234567", "+8613812345678", "+886912345678", "+447700900123"


def replies(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/xml")
    return [element.text or "" for element in ElementTree.fromstring(response.text).iter("Message")]


def test_signed_sms_hi_from_hong_kong_gets_a_greeting(helpline: RunningHelpline) -> None:
    (reply,) = replies(helpline.text("hi", HK))
    assert "not your fault" in reply


def test_cantonese_greeting_is_answered_in_cantonese(helpline: RunningHelpline) -> None:
    (reply,) = replies(helpline.text("哈囉 你好呀 有冇人喺度", "+85291230001"))
    assert "喺度" in reply


def test_simplified_mandarin_greeting_is_answered_in_simplified(helpline: RunningHelpline) -> None:
    (reply,) = replies(helpline.text("你好 请问有人在吗", CN))
    assert "这不是你的错" in reply


def test_traditional_mandarin_greeting_is_answered_in_traditional(helpline: RunningHelpline) -> None:
    (reply,) = replies(helpline.text("你好 請問有人在嗎", TW))
    assert "這不是你的錯" in reply


def test_whatsapp_message_gets_a_reply(helpline: RunningHelpline) -> None:
    (reply,) = replies(helpline.text("hello", GB, channel="whatsapp"))
    assert "not your fault" in reply


def test_unsigned_and_wrongly_signed_posts_are_forbidden(helpline: RunningHelpline) -> None:
    form = inbound_form("sms", HK, "hi", new_message_sid())
    assert helpline.post(form, signature=None).status_code == 403
    assert helpline.post(form, signature="bm90IGEgc2lnbmF0dXJl").status_code == 403


def test_replayed_message_sid_gets_no_second_reply(helpline: RunningHelpline) -> None:
    sid = new_message_sid()
    assert replies(helpline.text("hi", "+85291230002", sid=sid))
    assert replies(helpline.text("hi", "+85291230002", sid=sid)) == []


def test_image_is_refused_and_its_url_is_kept_nowhere(helpline: RunningHelpline) -> None:
    media_url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME9privatephoto"
    (reply,) = replies(
        helpline.text("", "+85291230003", NumMedia="1", MediaUrl0=media_url, MediaContentType0="image/jpeg")
    )
    assert "photos or videos" in reply
    for path in helpline.var_dir.rglob("*"):
        if path.is_file():
            assert b"ME9privatephoto" not in path.read_bytes(), path
    assert "ME9privatephoto" not in helpline.logs()


def test_rasa_http_api_needs_the_token(helpline: RunningHelpline) -> None:
    url = helpline.rasa_url + "/conversations/someone/tracker"
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, params={"token": helpline.rasa_token}, timeout=10).status_code == 200


def test_dashboard_health_and_simulator(helpline: RunningHelpline) -> None:
    assert httpx.get(helpline.dashboard_url + "/healthz", timeout=10).status_code == 200
    anonymous = httpx.get(helpline.dashboard_url + "/simulator", timeout=10)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    cross_site = httpx.post(  # a form another site's page could send: no session, no JSON
        helpline.dashboard_url + "/simulator/api/send",
        content="channel=sms&number=%2B85291230004&text=hi",
        timeout=10,
    )
    assert cross_site.status_code == 401
    with helpline.signed_in() as client:
        assert "Texter simulator" in client.get("/simulator").text
        sent = client.post(
            "/simulator/api/send", json={"channel": "whatsapp", "number": "+85291230004", "text": "hi"}
        ).json()
    assert sent["status"] == 200 and "not your fault" in sent["messages"][0]


def test_action_server_refuses_calls_without_the_token(helpline: RunningHelpline) -> None:
    """Rasa's calls carry the token (every reply above ran actions); anyone else's are refused."""
    actions = helpline.actions_url
    call = {"next_action": "action_handoff", "sender_id": "someone", "tracker": {}, "domain": {}}
    assert httpx.get(actions + "/health", timeout=10).status_code == 200
    assert httpx.post(actions + "/webhook", json=call, timeout=10).status_code == 401
    wrong = {"X-Helpline-Actions-Token": "guess"}
    assert httpx.post(actions + "/webhook", json=call, headers=wrong, timeout=10).status_code == 401
    assert httpx.get(actions + "/actions", timeout=10).status_code == 401


def test_no_secret_on_any_command_line(helpline: RunningHelpline) -> None:
    """`ps` shows every process's arguments to every user: no token may be among them."""
    secrets = [
        helpline.rasa_token,
        helpline.auth_token,
        (helpline.var_dir / "secret_key").read_text().strip(),
    ]
    seen = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "rasa_main" in arguments or "actions_main" in arguments or "uvicorn" in arguments:
            seen += 1
        for secret in secrets:
            assert secret not in arguments, cmdline
    assert seen >= 3  # the Rasa server, the action server and the dashboard were looked at


def test_development_files_are_private(helpline: RunningHelpline) -> None:
    """var/ is 0700 and every database, secret and log in it is readable by this user only."""
    assert helpline.var_dir.stat().st_mode & 0o777 == 0o700
    files = [path for path in helpline.var_dir.rglob("*") if path.is_file()]
    assert {"helpline.db", "tracker.db", "secret_key", "rasa_token"} <= {path.name for path in files}
    for path in files:
        assert path.stat().st_mode & 0o077 == 0, (path, oct(path.stat().st_mode))


def test_no_phone_number_or_message_text_in_clear_anywhere(helpline: RunningHelpline) -> None:
    number_digits = "91239999"
    assert replies(helpline.text("hi there my secret words", "+852" + number_digits))
    for path in helpline.var_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for number in (HK, CN, TW, GB, "+852" + number_digits):
                assert number[4:].encode() not in data, (path, number)
    logs = helpline.logs()
    assert "webhook.handled" in logs
    for number in (HK, CN, TW, GB, number_digits):
        assert number[-8:] not in logs
    assert "my secret words" not in logs
