"""Issue 14 through signed webhooks: a texter states the threat's deadline in passing, then asks for a
person; `GET /api/handoffs` shows `deadline_at` for that conversation and lists it before a normal
handoff without a deadline that has waited longer. And a texter who paid gets the money step first.

The helpline runs in its own processes on the real clock: the deadline is checked against the time the
message was sent, within the few seconds a turn may take (the deadline itself is a day away)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.deadlines import parse_iso
from tests.integration.conftest import RunningHelpline
from tests.integration.test_conversations import Texter
from tests.integration.test_handoff_end_to_end import counsellor

pytestmark = pytest.mark.integration

IN_PASSING = {
    ("en", "Latn", "GB"): (
        "someone recorded me on video call and says he will send it to all my friends within 24 hours",
        "can i talk to a real person please",
    ),
    ("cmn", "Hans", "CN"): ("有人录了我裸聊的视频 说24小时内不给钱就发给我所有好友", "我想找真人聊"),
}


@pytest.mark.parametrize(("language", "script", "region"), list(IN_PASSING))
def test_a_stated_deadline_reaches_the_queue_and_orders_it(
    helpline: RunningHelpline, language: str, script: str, region: str
) -> None:
    client = counsellor(helpline)
    plain = Texter(helpline, region, language, script)
    threat, ask = IN_PASSING[(language, script, region)]
    plain.send(ask)  # waits longer, and states no deadline
    before = {h["id"] for h in client.get("/api/handoffs", params={"status": "waiting"}).json()}
    plain_id = max(before)

    texter = Texter(helpline, region, language, script)
    sent = dt.datetime.now(dt.timezone.utc)
    assert texter.send(threat)  # answered
    assert texter.send(ask)  # handed off
    queue = client.get("/api/handoffs", params={"status": "waiting"}).json()
    ours = [h for h in queue if h["id"] not in before]
    assert len(ours) == 1
    handoff = ours[0]
    deadline = parse_iso(handoff["deadline_at"])
    assert handoff["deadline_at"].endswith("Z")
    assert sent + dt.timedelta(hours=24) <= deadline + dt.timedelta(seconds=1)
    assert deadline <= dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=24)
    assert handoff["priority"] == "normal"  # a day away raises nothing
    plain_row = next(h for h in queue if h["id"] == plain_id)
    assert plain_row["deadline_at"] is None and plain_row["priority"] == "normal"
    ids = [h["id"] for h in queue]
    assert ids.index(handoff["id"]) < ids.index(plain_id)  # soonest deadline first within "normal"
    assert texter.number[-8:] not in str(queue)


@pytest.mark.parametrize(
    ("language", "script", "region", "text"),
    [
        ("en", "Latn", "GB", "i already paid him 300 pounds and now he wants more"),
        ("yue", "Hant", "HK", "我已經俾咗5000蚊 而家佢話要多兩萬"),
        ("cmn", "Hans", "CN", "我已经给他转了5000 现在又要两万 说不给就发视频"),
    ],
)
def test_already_paid_gets_the_money_first(
    helpline: RunningHelpline, language: str, script: str, region: str, text: str
) -> None:
    texter = Texter(helpline, region, language, script)
    assert texter.send(text) == texter.expect("utter_paid_bank")
    assert texter.send("1") == texter.expect("utter_paid_reassure")
