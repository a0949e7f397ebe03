"""The texter's printable report page: the facts only after a button press, expiring, noindex."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.jobs.erasure import erase_helpline_data
from helpline.settings import clock
from helpline.store.report_facts import ReportFactsStore, new_page, page_conversation, public_base

FACTS = {"platforms": ["Instagram"], "handles": ["@jason_88"], "amounts_asked": ["HKD 5000"]}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://help.example.org", "https://help.example.org"),
        ("https://help.example.org/", "https://help.example.org"),
        ("http://help.example.org", None),
        ("http://localhost:5005", None),
        ("https://localhost", None),
        ("https://127.0.0.1:8443", None),
        ("", None),
        (None, None),
    ],
)
def test_only_a_public_https_address_gets_a_link(url, expected) -> None:
    assert public_base(url) == expected


def test_the_page_shows_the_facts_only_after_the_button(dash) -> None:
    handoff = dash.seed(language="yue", script="Hant", region="HK")
    ReportFactsStore(dash.engine, dash.cipher).replace(handoff.conversation_id, FACTS)
    token, _ = new_page(dash.engine, handoff.conversation_id)
    client = dash.client()
    preview = client.get(f"/pack/{token}")  # what a link preview fetches
    assert preview.status_code == 200
    assert "jason_88" not in preview.text and "data-report-show" in preview.text
    assert "noindex" in preview.headers["x-robots-tag"] and "noindex" in preview.text
    assert preview.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in preview.headers["cache-control"]
    assert "<img" not in preview.text
    shown = client.post(f"/pack/{token}")
    assert shown.status_code == 200
    assert "@jason_88" in shown.text and "HKD 5000" in shown.text and "對方帳戶" in shown.text
    assert "<img" not in shown.text and "+852" not in shown.text
    assert client.post(f"/pack/{token}").status_code == 200  # not used up by a first look


def test_an_expired_unknown_or_erased_page_is_gone(dash) -> None:
    handoff = dash.seed()
    ReportFactsStore(dash.engine, dash.cipher).replace(handoff.conversation_id, FACTS)
    start = dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.timezone.utc)
    token, expires = new_page(dash.engine, handoff.conversation_id, start)
    assert expires == dt.datetime(2026, 12, 4, 1, 0)
    assert page_conversation(dash.engine, token, start + dt.timedelta(hours=23)) == handoff.conversation_id
    assert page_conversation(dash.engine, token, start + dt.timedelta(hours=24)) is None
    with clock.frozen(start + dt.timedelta(hours=25)):
        gone = dash.client().post(f"/pack/{token}")
    assert gone.status_code == 404 and "jason" not in gone.text and "data-report-gone" in gone.text
    assert dash.client().post("/pack/not-a-token").status_code == 404
    fresh, _ = new_page(dash.engine, handoff.conversation_id)
    erase_helpline_data(dash.engine, handoff.conversation_id)
    assert page_conversation(dash.engine, fresh) is None
