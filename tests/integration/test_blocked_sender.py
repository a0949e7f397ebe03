"""Issue 16, abuse, through signed webhooks and the real Rasa server: the block is read in the dialogue
layer (TriagePolicy in Rasa, the actions), so it holds whatever the channel."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.settings import clock
from helpline.settings.crypto import conversation_id
from helpline.store.blocks import BlockStore
from helpline.store.db import engine_for
from tests.integration.conftest import RunningHelpline
from tests.integration.test_conversations import Texter, handoffs

pytestmark = pytest.mark.integration


def test_a_blocked_sender_gets_the_neutral_message_their_crisis_is_answered_and_nothing_is_queued(
    helpline: RunningHelpline,
) -> None:
    texter = Texter(helpline, "GB", "en", "Latn")
    assert texter.send("hello")  # the conversation exists before the block, as on the dashboard
    secret = (helpline.var_dir / "secret_key").read_text().strip()
    sender = conversation_id(secret, "sms", texter.number)
    blocks = BlockStore(engine_for(f"sqlite:///{helpline.var_dir / 'helpline.db'}"))
    blocks.block(sender, "harassment", clock.now() + dt.timedelta(days=1), by=None)

    assert texter.send("i want to talk to a person now") == texter.expect("utter_blocked")
    assert texter.send("hello??") == texter.expect("utter_blocked")  # each message: that message only
    assert texter.send("i want to kill myself") == texter.expect("utter_crisis_ask_blocked")
    assert texter.send("no") == texter.expect("utter_crisis_unsafe")
    # the safety plan (with the check-in offer when the turn has room for it)
    assert texter.send("im safe now") == texter.expect_with_offer("utter_crisis_safe_plan")
    assert handoffs(helpline).open_for(sender) is None  # nothing reached the queue

    blocks.lift(sender, by=None)
    assert texter.send("i want to talk to a person") != texter.expect("utter_blocked")
    assert handoffs(helpline).open_for(sender) is not None
