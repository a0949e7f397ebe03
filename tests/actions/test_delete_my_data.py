"""The delete choice: the helpline's rows go at once; the reply names Twilio only if its deletion is filed."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guidance import ActionMenuChoice
from actions.services import get_action_services
from helpline.jobs.twilio_cleanup import TwilioCleanup, TwilioRest
from helpline.settings.config import get_settings
from helpline.settings.crypto import conversation_id
from tests.fake_twilio import ACCOUNT_SID

NUMBER = "+85291234567"


@pytest.fixture()
def action_env(var_dir, monkeypatch):
    get_action_services.cache_clear()
    yield monkeypatch
    get_action_services.cache_clear()
    get_settings.cache_clear()


async def choose_delete(cid: str) -> list[str]:
    latest = {"text": "1", "intent": {"name": "nlu_fallback", "confidence": 1.0}, "entities": []}
    tracker = Tracker(cid, {"menu": "utter_delete_confirm"}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionMenuChoice().run(dispatcher, tracker, {})
    return [message["response"] for message in dispatcher.messages]


def texter(settings) -> str:
    services = get_action_services()
    cid = conversation_id(settings.secret_key, "sms", NUMBER)
    services.contacts.record_inbound(cid, "sms", NUMBER)
    return cid


async def test_without_twilio_the_reply_says_only_what_the_helpline_deleted(action_env) -> None:
    settings = get_settings()
    cid = texter(settings)
    assert await choose_delete(cid) == ["utter_delete_done_local"]
    assert get_action_services().contacts.get(cid) is None


async def test_with_twilio_the_deletion_of_its_copies_is_filed_and_said(action_env) -> None:
    action_env.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    get_settings.cache_clear()
    settings = get_settings()
    cid = texter(settings)
    assert await choose_delete(cid) == ["utter_delete_done"]
    services = get_action_services()
    assert services.contacts.get(cid) is None
    rest = TwilioRest(ACCOUNT_SID, settings.twilio_auth_token)  # never called: only the queue is read
    (job,) = TwilioCleanup(services.engine, None, rest, background=False).pending()
    assert (job.kind, job.conversation_id, job.channel) == ("erase", cid, "sms")
    assert NUMBER not in (job.number_cipher or "")  # kept encrypted until Twilio's copies are gone
