"""The report facts: rules in three languages, never a media link, encrypted at rest, erased, purged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.triage.entities import extract_entities
from helpline.jobs.erasure import erase_helpline_data
from helpline.settings import clock
from helpline.settings.crypto import Cipher
from helpline.store.db import make_engine, report_facts
from helpline.store.report_facts import ReportFactsStore, clean, extract_facts, is_media_url

KEY = "a-test-secret-key"


def facts(text: str, intent: str | None = None) -> dict:
    return extract_facts(text, extract_entities(text), intent)


@pytest.fixture()
def store(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    return ReportFactsStore(engine, Cipher(KEY)), engine


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        (
            "He messaged me on Instagram as @jason_88 and wants HK$5000 by FPS to 91234567 before midnight",
            "report_sextortion",
            {
                "platforms": ["Instagram"],
                "handles": ["@jason_88"],
                "accounts": ["FPS 91234567"],
                "payment_methods": ["FPS"],
                "amounts_asked": ["HKD 5000"],
            },
        ),
        (
            "佢喺IG叫 jason_88，要我俾港幣5000，用轉數快 FPS ID 1234567，今晚12點前",
            "report_sextortion",
            {
                "platforms": ["Instagram"],
                "handles": ["jason_88"],
                "accounts": ["FPS 1234567"],
                "payment_methods": ["FPS"],
                "amounts_asked": ["HKD 5000"],
            },
        ),
        (
            "他在微信上要我转5000元，用支付宝，账号 abc123@163.com，微信号 wxid_abc123",
            "report_sextortion",
            {
                "platforms": ["WeChat"],
                "handles": ["WeChat wxid_abc123"],
                "accounts": ["Alipay abc123@163.com"],
                "payment_methods": ["Alipay"],
                "amounts_asked": ["CNY 5000"],
            },
        ),
        ("我已經俾咗3000蚊", "already_paid", {"amounts_paid": ["HKD 3000"]}),
        (
            "I paid HK$3000 and now he wants HK$5000 more",
            "already_paid",
            {"amounts_paid": ["HKD 3000"], "amounts_asked": ["HKD 5000"]},
        ),
        (
            "我已经付了2000元，他又要我付8000元",
            "already_paid",
            {"amounts_paid": ["CNY 2000"], "amounts_asked": ["CNY 8000"]},
        ),
        (
            "bank account 012-345-67890-1, or 0x52908400098527886E0F7030069857D2E4169EE7",
            None,
            {"accounts": ["bank 012345678901", "wallet 0x52908400098527886E0F7030069857D2E4169EE7"]},
        ),
        ("my number is 91234567, his is +852 6123 4567", None, {"phones": ["+85261234567"]}),
        (
            "he sent it to my friends",
            "content_shared",
            {"content_shared": True, "shared_with": ["friends", "friend"]},
        ),
        ("I installed the app he sent", "malicious_app", {"app_installed": True}),
    ],
)
def test_rules_in_three_languages(text: str, intent: str | None, expected: dict) -> None:
    assert facts(text, intent) == expected


def test_when_it_started_is_kept_with_the_day_it_was_said() -> None:
    with clock.frozen(dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.timezone.utc)):
        assert facts("he started messaging me yesterday")["started"] == "yesterday (2026-12-03)"
        assert facts("佢琴晚開始威脅我")["started"] == "琴晚 (2026-12-03)"


MEDIA = [
    "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages/MM123/Media/ME123",
    "https://s3-external-1.amazonaws.com/media.twiliocdn.com/AC123/abc",
    "https://i.imgur.com/abc123.jpg",
    "https://instagram.com/p/Cxyz123/",
    "https://scontent.cdninstagram.com/v/t51/123_n.jpg?stp=dst-jpg",
    "https://www.facebook.com/photo/?fbid=123",
    "https://t.me/somechannel/123.mp4",
    "https://example.com/video.mov",
    "https://mmbiz.qpic.cn/mmbiz_jpg/abc/0",
]


@pytest.mark.parametrize("url", MEDIA)
def test_no_image_or_media_url_is_ever_a_fact(url: str) -> None:
    assert is_media_url(url)
    found = facts(f"look {url} he is threatening me", "report_sextortion")
    assert all(url not in str(value) and "twilio" not in str(value) for value in found.values())
    assert not found.get("handles")
    assert not clean({"handles": [url]}).get("handles")  # nor through a counsellor's edit


def test_a_profile_link_is_kept_without_its_query() -> None:
    assert facts("his profile https://www.instagram.com/jason_88/?igsh=abc")["handles"] == [
        "www.instagram.com/jason_88"
    ]


def test_stored_encrypted_merged_and_cleared(store) -> None:
    facts_store, engine = store
    facts_store.add("c1", facts("He is @jason_88 on Instagram and wants HK$5000", "report_sextortion"))
    facts_store.add("c1", facts("I already paid HK$3000 by FPS", "already_paid"))
    got = facts_store.get("c1")
    assert got["handles"] == ["@jason_88"] and got["amounts_paid"] == ["HKD 3000"]
    assert got["amounts_asked"] == ["HKD 5000"]
    with engine.connect() as conn:
        raw = conn.execute(select(report_facts.c.facts_cipher)).scalar()
    assert "jason" not in raw and "5000" not in raw
    assert ReportFactsStore(engine, Cipher("another-key")).get("c1") == {}
    assert facts_store.clear("c1") and facts_store.get("c1") == {}


def test_erasure_removes_the_facts(store) -> None:
    facts_store, engine = store
    facts_store.add("c1", {"handles": ["@jason_88"]})
    facts_store.add("c2", {"handles": ["@someone_else"]})
    erase_helpline_data(engine, "c1")
    assert facts_store.get("c1") == {}
    assert facts_store.get("c2") == {"handles": ["@someone_else"]}


@pytest.fixture()
def registry(tmp_path):
    """The purge registry as the dashboard fills it (one registry for every store); restored after."""
    from helpline.jobs import purge

    before = purge.purgers()
    purge.register_builtin_purgers(None, tmp_path)
    yield purge
    for store in purge.purgers():
        purge.unregister_purger(store)
    for store, purger in before.items():
        purge.register_purger(store, purger.kind, purger.run)


def test_retention_purge_removes_only_old_facts(store, registry, monkeypatch) -> None:
    """Through the one purge registry (helpline/jobs/purge.py), not a job of their own."""
    facts_store, engine = store
    start = dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)
    with clock.frozen(start):
        facts_store.add("old", {"handles": ["@old"]})
    with clock.frozen(start + dt.timedelta(days=80)):
        facts_store.add("recent", {"handles": ["@recent"]})
    now = start + dt.timedelta(days=91)  # the default period: 90 days
    assert registry.purge(engine, now)["report_facts"] == 1
    assert facts_store.get("old") == {} and facts_store.get("recent") == {"handles": ["@recent"]}
    # The period comes from HELPLINE_RETENTION_DAYS_REPORT_FACTS.
    from helpline.settings.retention import get_retention

    monkeypatch.setenv("HELPLINE_RETENTION_DAYS_REPORT_FACTS", "5")
    get_retention.cache_clear()
    try:
        assert registry.purge(engine, now)["report_facts"] == 1
    finally:
        get_retention.cache_clear()
    assert facts_store.get("recent") == {}


@pytest.mark.parametrize("hours_after", [24, 25, 24 * 30])
def test_expired_page_tokens_go_by_their_own_end(store, registry, hours_after: int) -> None:
    from helpline.store.db import report_pages
    from helpline.store.report_facts import new_page

    _, engine = store
    start = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.timezone.utc)
    new_page(engine, "old", start)
    new_page(engine, "fresh", start + dt.timedelta(hours=hours_after - 1))
    removed = registry.purge(engine, start + dt.timedelta(hours=hours_after, seconds=1))
    assert removed["report_pages"] == 1
    with engine.connect() as conn:
        assert [row.conversation_id for row in conn.execute(select(report_pages))] == ["fresh"]


def test_the_facts_have_no_job_of_their_own(store, registry, capsys, tmp_path) -> None:
    """One registry, one job (`retention_purge`), one log line with counts only."""

    from helpline.store import scheduler

    facts_store, engine = store
    with clock.frozen(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)):
        facts_store.add("old", {"handles": ["@old_secret_handle"]})
    registry.register_purge_job(engine, None, tmp_path)
    try:
        assert "report_facts_retention" not in scheduler.registered()
        assert {"report_facts", "report_pages"} <= set(registry.purgers())
        registry.purge(engine, dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc))
    finally:
        scheduler.unregister(registry.JOB_NAME)
    assert facts_store.get("old") == {}
    logged = capsys.readouterr()
    text = logged.out + logged.err
    assert "old_secret_handle" not in text and "@old" not in text


@pytest.mark.parametrize(
    "text",
    [
        "the line is busy",
        "he found me on instagram yesterday",
        "my account got hacked",
        "my id card was stolen",
        "he wants it before midnight",
        "I have a profile picture",
        "my instagram is amy_lee_01",
        "我的账号是 amy_lee_01",
    ],
)
def test_ordinary_words_are_not_handles(text: str) -> None:
    assert not facts(text).get("handles")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("his LINE is jason_88", "jason_88"),
        ("username: dark.knight77", "dark.knight77"),
        ("IG帳號叫jason_88", "jason_88"),
        ("账号 abc_123", "abc_123"),
        ("ID: x_man99", "x_man99"),
        ("his snapchat is dark.knight77", "dark.knight77"),
    ],
)
def test_handles_named_in_three_languages(text: str, handle: str) -> None:
    assert facts(text)["handles"] == [handle]
