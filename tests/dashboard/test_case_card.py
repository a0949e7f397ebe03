"""The counsellor's case card: the report facts in the API and on the page, edited and audited."""

from __future__ import annotations

from sqlalchemy import select

from helpline.store.db import audit_log, report_facts
from helpline.store.report_facts import ReportFactsStore
from tests.dashboard.conftest import Dashboard

FACTS = {
    "platforms": ["Instagram"],
    "handles": ["@jason_88"],
    "amounts_asked": ["HKD 5000"],
    "payment_methods": ["FPS"],
    "accounts": ["FPS 91234567"],
}


def store(dash: Dashboard) -> ReportFactsStore:
    return ReportFactsStore(dash.engine, dash.cipher)


def test_the_list_and_the_detail_include_the_facts(dash, counsellor):
    handoff = dash.seed()
    other = dash.seed()
    store(dash).replace(handoff.conversation_id, FACTS)
    session = dash.login(counsellor)
    listed = {item["id"]: item for item in session.get("/api/handoffs").json()}
    assert listed[handoff.id]["report_facts"] == FACTS
    assert listed[other.id]["report_facts"] == {}
    detail = session.get(f"/api/handoffs/{handoff.id}").json()
    assert detail["report_facts"] == FACTS


def test_the_counsellor_edits_the_card_and_the_audit_holds_no_fact_text(dash, counsellor, colleague):
    handoff = dash.seed()
    store(dash).replace(handoff.conversation_id, FACTS)
    ana, bo = dash.login(counsellor), dash.login(colleague)
    edited = {**FACTS, "handles": ["@jason_88", "instagram.com/jason_88"], "amounts_paid": ["HKD 3000"]}
    assert ana.post(f"/api/handoffs/{handoff.id}/facts", json={"facts": edited}).status_code == 409
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    assert bo.post(f"/api/handoffs/{handoff.id}/facts", json={"facts": {}}).status_code == 403
    reply = ana.post(f"/api/handoffs/{handoff.id}/facts", json={"facts": edited})
    assert reply.status_code == 200
    assert reply.json()["report_facts"]["amounts_paid"] == ["HKD 3000"]
    assert store(dash).get(handoff.conversation_id)["handles"] == ["@jason_88", "instagram.com/jason_88"]
    with dash.engine.connect() as conn:
        row = conn.execute(
            select(audit_log).where(audit_log.c.action == "facts_edit").order_by(audit_log.c.id.desc())
        ).first()
        stored = conn.execute(select(report_facts.c.facts_cipher)).scalar()
    assert row.detail == "fields:amounts_paid,handles" and row.handoff_id == handoff.id
    assert "jason" not in stored and "3000" not in stored
    # A media link never becomes a fact, not even through the card.
    media = {"handles": ["https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"]}
    assert ana.post(f"/api/handoffs/{handoff.id}/facts", json={"facts": media}).json()["report_facts"] == {}


def test_the_conversation_page_shows_the_case_card(dash, counsellor):
    handoff = dash.seed()
    store(dash).replace(handoff.conversation_id, FACTS)
    page = dash.login(counsellor).get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200
    assert "data-case-card" in page.text and "@jason_88" in page.text and "HKD 5000" in page.text
