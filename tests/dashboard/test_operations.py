"""Capacity, supervisor assignment, availability and expected wait, the survey on close, the figures."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from helpline.content.sms import is_gsm7, segments
from helpline.content.waits import WAIT_TEXTS
from helpline.jobs.followup import answer_followup
from helpline.settings import clock
from helpline.store.availability import expected_wait, wait_text
from helpline.store.db import audit_log, handoffs, outbox, surveys
from tests.dashboard.conftest import Dashboard

UTC = dt.timezone.utc
# Monday 2 March 2026, 04:00 UTC = 12:00 in Hong Kong (inside the HK rota), 04:00 in London (outside).
MONDAY_NOON_HK = dt.datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
# Saturday 7 March 2026 02:00 UTC = 10:00 in Hong Kong (the weekend rota opens at 14:00).
SATURDAY_10_HK = dt.datetime(2026, 3, 7, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(MONDAY_NOON_HK):
        yield


def audit_actions(dash: Dashboard) -> list[tuple[str, str | None]]:
    with dash.engine.connect() as conn:
        return [(r.action, r.detail) for r in conn.execute(select(audit_log).order_by(audit_log.c.id))]


def test_a_counsellor_at_capacity_cannot_claim_more(dash, counsellor):
    assert dash.settings.max_open_per_counsellor == 3
    ana = dash.login(counsellor)
    seeded = [dash.seed() for _ in range(4)]
    for handoff in seeded[:3]:
        assert ana.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    refused = ana.post(f"/api/handoffs/{seeded[3].id}/claim")
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "You already hold 3 open conversations (the limit is 3). Close one first, or ask a supervisor to "
        "assign it."
    )
    assert dash.handoffs.get(seeded[3].id).status == "waiting"
    # Claiming one they already hold is not "more".
    assert ana.post(f"/api/handoffs/{seeded[0].id}/claim").status_code == 200
    # Closing one frees a place.
    assert ana.post(f"/api/handoffs/{seeded[0].id}/close", json={"outcome": "supported"}).status_code == 200
    assert ana.post(f"/api/handoffs/{seeded[3].id}/claim").status_code == 200


def test_per_user_override_and_supervisor_assign_past_capacity(dash, supervisor, counsellor, colleague):
    sam, ana, bo = dash.login(supervisor), dash.login(counsellor), dash.login(colleague)
    # Only supervisors set limits.
    assert ana.post(f"/api/users/{counsellor.id}/max_open", json={"max_open": 5}).status_code == 403
    changed = sam.post(f"/api/users/{counsellor.id}/max_open", json={"max_open": 1})
    assert changed.status_code == 200 and changed.json()["max_open"] == 1
    assert sam.post(f"/api/users/{counsellor.id}/max_open", json={"max_open": 0}).status_code == 422
    first, second, third = dash.seed(), dash.seed(), dash.seed()
    assert ana.post(f"/api/handoffs/{first.id}/claim").status_code == 200
    assert ana.post(f"/api/handoffs/{second.id}/claim").status_code == 409
    # A counsellor cannot transfer to a colleague who is full either...
    assert bo.post(f"/api/handoffs/{third.id}/claim").status_code == 200
    moved = bo.post(f"/api/handoffs/{third.id}/transfer", json={"user_id": counsellor.id})
    assert moved.status_code == 409 and "Ana already holds 1" in moved.json()["detail"]
    # ...but a supervisor can assign past it, and it is audited as such.
    assert ana.post(f"/api/handoffs/{second.id}/assign", json={"user_id": counsellor.id}).status_code == 403
    assigned = sam.post(f"/api/handoffs/{second.id}/assign", json={"user_id": counsellor.id})
    assert assigned.status_code == 200
    assert assigned.json()["assigned_to"] == counsellor.id and assigned.json()["over_capacity"] is True
    assert dash.handoffs.get(second.id).status == "claimed"
    assert ("assign", f"to_user:{counsellor.id} over_capacity:2/1") in audit_actions(dash)
    assert ("user_capacity", f"user:{counsellor.id} max_open:1") in audit_actions(dash)
    # Clearing the override returns to the default.
    cleared = sam.post(f"/api/users/{counsellor.id}/max_open", json={"max_open": None})
    assert cleared.json()["max_open"] is None
    team = {p["id"]: p for p in sam.get("/api/availability").json()["team"]}
    assert team[counsellor.id]["open"] == 2 and team[counsellor.id]["max_open"] == 3


def test_default_capacity_comes_from_the_environment(monkeypatch, var_dir):
    from helpline.settings.config import ConfigError, load_settings

    monkeypatch.setenv("HELPLINE_MAX_OPEN_PER_COUNSELLOR", "5")
    assert load_settings().max_open_per_counsellor == 5
    monkeypatch.setenv("HELPLINE_MAX_OPEN_PER_COUNSELLOR", "many")
    with pytest.raises(ConfigError):
        load_settings()


def set_wait(dash: Dashboard, handoff_id: int, minutes: float) -> None:
    created = clock.naive_utc() - dt.timedelta(hours=1)
    with dash.engine.begin() as conn:
        conn.execute(
            update(handoffs)
            .where(handoffs.c.id == handoff_id)
            .values(created_at=created, claimed_at=created + dt.timedelta(minutes=minutes), status="closed")
        )


def test_expected_wait_from_recent_claims_when_someone_is_on_duty(dash, supervisor, counsellor):
    for minutes in (4, 9, 12, 30, 41):
        set_wait(dash, dash.seed().id, minutes)
    dash.accounts.set_available(counsellor.id, True)
    result = expected_wait("HK", engine=dash.engine, default_max_open=3)
    # Median 12 minutes, rounded up to 15.
    assert (result.kind, result.minutes, result.sample, result.on_duty) == ("minutes", 15, 5, 1)
    assert wait_text(result, "en") == "A counsellor usually replies within about 15 minutes."
    assert wait_text(result, "yue", "Hant") == "輔導員通常大約15分鐘內回覆。"
    assert wait_text(result, "cmn", "Hans") == "咨询员通常大约15分钟内回复。"
    dash.seed(region="HK")
    body = dash.login(supervisor).get("/api/availability").json()
    assert body["queue"]["waiting"] == 1
    assert body["queue"]["expected_wait"]["kind"] == "minutes"
    assert body["queue"]["expected_wait"]["minutes"] == 15
    assert body["queue"]["expected_wait_by_region"]["HK"]["minutes"] == 15
    assert body["queue"]["expected_wait_label"] == "~15 min"
    assert body["on_duty"] == 1


def test_on_duty_counts_whatever_the_hours_say(dash, counsellor):
    # Saturday 10:00 in Hong Kong: outside the rota, but Ana is on duty.
    with clock.frozen(SATURDAY_10_HK):
        dash.accounts.set_available(counsellor.id, True)
        result = expected_wait("HK", engine=dash.engine, default_max_open=3)
        assert result.in_hours is False
        assert result.kind == "minutes" and result.minutes == 15  # no claims yet: the default
        dash.accounts.set_available(counsellor.id, False)
        nobody = expected_wait("HK", engine=dash.engine, default_max_open=3)
        assert nobody.kind == "next_opening"
        assert nobody.next_opening == dt.datetime(2026, 3, 7, 6, 0, tzinfo=UTC)  # 14:00 HKT
        assert wait_text(nobody, "en") == (
            "No counsellor is on duty now. The next one is expected today 14:00 your time."
        )
        assert wait_text(nobody, "yue", "Hant") == "而家冇輔導員當值，預計你嗰邊今日14:00有人回覆。"
        assert wait_text(nobody, "cmn", "Hant") == "現在沒有諮詢員值班，預計你那邊今天14:00有人回覆。"
        # London on the same Saturday: next is Monday 10:00 GMT.
        london = expected_wait("GB", engine=dash.engine, default_max_open=3)
        assert london.next_opening == dt.datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
        assert wait_text(london, "en") == (
            "No counsellor is on duty now. The next one is expected Mon 10:00 your time."
        )


def test_wait_texts_fit_the_sms_budget():
    for kind, texts in WAIT_TEXTS.items():
        assert set(texts) == {"en", "yue", "cmn"}, kind
        assert is_gsm7(texts["en"])
        for text in texts.values():
            filled = text.format(minutes="120", when="tomorrow 09:00 your time")
            assert segments(filled) <= 1, (kind, filled)
        assert "辅导员" not in texts["cmn"]


def test_availability_shows_opening_hours(dash, counsellor):
    body = dash.login(counsellor).get("/api/availability").json()
    regions = {r["region"]: r for r in body["opening_hours"]["regions"]}
    assert regions["HK"]["open_now"] is True and regions["HK"]["timezone"] == "Asia/Hong_Kong"
    assert regions["HK"]["closes_at"] == "2026-03-02T15:00:00Z"
    assert regions["GB"]["open_now"] is False and regions["GB"]["next_opening"] == "2026-03-02T10:00:00Z"
    assert regions["HK"]["weekly"][5] == {"day": "sat", "ranges": ["14:00-22:00"]}
    assert body["default_max_open"] == 3 and body["opening_hours"]["version"] >= 1
    # Nobody on duty although the rota says open: no time can honestly be given.
    assert body["queue"]["expected_wait"]["kind"] == "unknown"
    assert body["queue"]["expected_wait_label"] == "nobody on duty"
    unknown = expected_wait("HK", engine=dash.engine, default_max_open=3)
    assert (unknown.kind, unknown.in_hours, unknown.next_opening) == ("unknown", True, None)
    assert wait_text(unknown, "en") == "No counsellor is on duty now. A person will reply when one is free."
    assert wait_text(unknown, "cmn", "Hans") == "现在没有咨询员值班，有人有空时会在这里回复你。"
    assert dash.anonymous().get("/api/availability").status_code == 401
    assert body["scheduler"] == []  # no job has run in this database yet


def test_scheduler_status_on_the_page(dash, supervisor):
    import asyncio

    from helpline.store.scheduler import Job, Scheduler

    asyncio.run(
        Scheduler(
            dash.engine, jobs={"checkins": Job("checkins", dt.timedelta(minutes=1), lambda now: None)}
        ).run_due()
    )
    body = dash.login(supervisor).get("/api/availability").json()
    assert body["scheduler"][0]["name"] == "checkins" and body["scheduler"][0]["runs"] == 1
    page = dash.login(supervisor).get("/availability").text
    assert 'data-job="checkins"' in page


def test_survey_is_asked_on_close_and_the_answer_shown_in_the_figures(dash, supervisor, counsellor):
    handoff = dash.seed(language="yue", script="Hant")
    ana = dash.login(counsellor)
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    closed = ana.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"})
    assert closed.json()["survey"] == "sent"
    texts = [dash.cipher.decrypt(r.body_cipher) for r in dash.engine.connect().execute(select(outbox))]
    assert texts[-1].startswith("想問一句：今次有冇幫到你？請回覆 R1")
    # "R4" answers it (full-width letters too); anything else is not taken as an answer.
    assert answer_followup(dash.engine, handoff.conversation_id, "4", dt.timedelta(hours=20)) is None
    assert answer_followup(dash.engine, handoff.conversation_id, "Ｒ４", dt.timedelta(hours=20)) == (
        "utter_survey_thanks"
    )
    assert answer_followup(dash.engine, handoff.conversation_id, "R5", dt.timedelta(hours=20)) is None
    with dash.engine.connect() as conn:
        row = conn.execute(select(surveys)).one()
    assert row.rating == 4 and row.handoff_id == handoff.id
    page = dash.login(supervisor).get("/supervisor/metrics?days=7")
    assert 'id="s-asked">1<' in page.text and 'id="s-answered">1<' in page.text
    assert 'id="s-mean">4.0<' in page.text
    figures = dash.login(supervisor).get("/api/metrics?days=7").json()["survey"]
    assert figures == {
        "asked": 1,
        "answered": 1,
        "by_rating": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0},
        "mean": 4.0,
        "helped": 1,
    }


def test_no_survey_when_never_claimed_opted_out_or_switched_off(dash, supervisor, counsellor, monkeypatch):
    never = dash.seed()
    sam = dash.login(supervisor)
    assert sam.post(f"/api/handoffs/{never.id}/close", json={}).json()["survey"] == "not_sent:never_claimed"
    stopped = dash.seed()
    ana = dash.login(counsellor)
    ana.post(f"/api/handoffs/{stopped.id}/claim")
    dash.opt_out(stopped)
    closed = ana.post(f"/api/handoffs/{stopped.id}/close", json={"outcome": "supported"})
    assert closed.json()["survey"] == "not_sent:opted_out"
    with dash.engine.connect() as conn:
        assert conn.execute(select(surveys)).all() == []


def test_simultaneous_claims_by_one_counsellor_stay_within_the_limit(dash, counsellor):
    from concurrent.futures import ThreadPoolExecutor

    seeded = [dash.seed() for _ in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(
            pool.map(lambda h: dash.handoffs.claim_within_capacity(h.id, counsellor.id, 2), seeded)
        )
    assert sorted(outcomes) == ["claimed", "claimed", "full", "full", "full", "full"]
    assert dash.handoffs.claim_within_capacity(seeded[0].id, counsellor.id, 2) in ("held", "full")
