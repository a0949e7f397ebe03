"""action_offer_checkin: asks in the texter's language and files an open offer, with no message text."""

from __future__ import annotations

import asyncio
import datetime as dt

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import ActionOfferCheckin
from actions.services import get_action_services
from helpline.jobs.followup import CheckinStore
from helpline.settings import clock
from helpline.store.db import checkins


def test_the_offer_is_asked_and_filed(settings):
    get_action_services.cache_clear()
    try:
        tracker = Tracker(
            "conversation-1",
            {"language": "yue", "script": "Hant", "region": "HK", "channel": "whatsapp"},
            {"text": "多謝", "intent": {"name": "thank"}, "entities": []},
            [],
            False,
            None,
            {},
            "action_listen",
        )
        dispatcher = CollectingDispatcher()
        with clock.frozen(dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)):
            events = asyncio.run(ActionOfferCheckin().run(dispatcher, tracker, {}))
            engine = get_action_services().engine
            with engine.connect() as conn:
                row = conn.execute(select(checkins)).one()
            assert (row.status, row.channel, row.language, row.region) == ("offered", "whatsapp", "yue", "HK")
            assert [m["response"] for m in dispatcher.messages] == ["utter_checkin_offer"]
            assert {"event": "slot", "name": "menu", "value": None, "timestamp": None} in events
            # Consent within the day schedules it.
            due = CheckinStore(engine).consent("conversation-1", dt.timedelta(hours=20))
            assert due == dt.datetime(2026, 3, 3, 0, 0)  # 04:00 + 20 hours, naive UTC
    finally:
        get_action_services.cache_clear()
