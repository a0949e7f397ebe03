"""The threat's deadline, resolved from what the texter writes (helpline/deadlines.py).

The wording follows real extortion messages as texters repeat them: short deadlines meant to cause panic
("You have 2 hours": https://scamshooter.com/sextortion-scam ; "I give you 48 hours to complete the payment":
https://www.hoax-slayer.net/going-to-send-your-shame-to-your-friends-fake-blackmail-sextortion-scam/ ; a
two-day threat in a Hong Kong case, "否則兩天後": http://decky88888888.blogspot.com/2021/02/blog-post_9.html ;
"24 hours", "今晚12點前": issue 14), in English, Cantonese and Mandarin, both scripts, mixed, with typos.
Every case fixes "now"; nothing reads the wall clock.
"""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.deadlines import (
    iso,
    parse_iso,
    region_zone,
    resolve_deadline,
    stated_zone,
    texter_zone,
    zone_for_number,
)
from helpline.settings import clock

UTC = dt.timezone.utc
# Thursday 3 December 2026, 20:00 in Hong Kong (12:00 UTC).
NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def hk(day: int, hour: int, minute: int = 0, month: int = 12) -> str:
    """An HK wall time (UTC+8, no daylight saving) as the ISO UTC string the parser returns."""
    local = dt.datetime(2026, month, day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return iso(local)


def resolved(
    text: str, now: dt.datetime = NOW, region: str | None = "HK", zone: str | None = None
) -> str | None:
    return iso(resolve_deadline(text, now, region=region, zone=zone))


# (message, expected deadline in HK wall time or None), now = Thu 3 Dec 2026 20:00 HK.
HK_TABLE = [
    # relative, English
    ("he said within 24 hours or he posts it", hk(4, 20)),
    ("pay in 2 hrs", hk(3, 22)),
    ("You have 2 hours", hk(3, 22)),
    ("I give you 48 hours to complete the payment", hk(5, 20)),
    ("he gave me 24h to pay", hk(4, 20)),
    ("within twenty four hours", hk(4, 20)),
    ("he said i have an hour left", hk(3, 21)),
    ("half an hour or he sends it to my mum", hk(3, 20, 30)),
    ("in 30 mins or he posts", hk(3, 20, 30)),
    ("24 hous to pay", hk(4, 20)),  # typo
    ("within 2 days", hk(5, 20)),
    # relative, Cantonese (Traditional)
    ("佢話24小時內唔俾錢就發出去", hk(4, 20)),
    ("佢話兩個鐘內要過數", hk(3, 22)),
    ("半小時內俾錢", hk(3, 20, 30)),
    ("佢限我一個半鐘", hk(3, 21, 30)),
    ("佢話兩日內唔俾錢就放上網", hk(5, 20)),
    # relative, Mandarin (Simplified and Traditional)
    ("他说24小时内不转账就发给我家人", hk(4, 20)),
    ("他说两个钟头内要转账", hk(3, 22)),
    ("他說二十四小時內不轉帳就公開", hk(4, 20)),
    ("限我三十分钟内付钱", hk(3, 20, 30)),
    ("否则两天后发给你朋友", hk(5, 20)),
    # code-mixed
    ("24 hrs 內 pay 佢", hk(4, 20)),
    ("佢話within 2 hours唔俾錢就post", hk(3, 22)),
    # clock times, English
    ("by midnight", hk(4, 0)),
    ("before 9pm", hk(3, 21)),
    ("pay before 10:30 tonight", hk(3, 22, 30)),
    ("by 9", hk(3, 21)),
    ("by tonight or he sends it", hk(4, 0)),
    ("tomorrow morning he will send it to everyone", hk(4, 9)),
    ("pay by tomorrow 10am", hk(4, 10)),
    ("by 5 tomorrow", hk(4, 17)),
    ("by noon tomorrow", hk(4, 12)),
    ("by tmr or he posts", hk(4, 9)),
    # clock times, Cantonese
    ("今晚12點前要過數", hk(4, 0)),
    ("聽朝10點前唔俾錢就發出去", hk(4, 10)),
    ("佢話聽日唔俾錢就發出去", hk(4, 9)),
    ("今晚要俾錢", hk(4, 0)),
    ("9點前", hk(3, 21)),
    ("今晚11點半之前", hk(3, 23, 30)),
    ("聽晚8點前", hk(4, 20)),
    # clock times, Mandarin
    ("明早之前要转账", hk(4, 9)),
    ("明天下午3点前转账", hk(4, 15)),
    ("今晚十二点之前不给钱就发出去", hk(4, 0)),
    ("明天晚上十点前", hk(4, 22)),
    ("後天中午12點前要轉帳", hk(5, 12)),
    ("by 今晚12點", hk(4, 0)),
    # weekdays (Thursday now)
    ("by Friday", hk(4, 9)),
    ("by firday or he posts", hk(4, 9)),  # typo
    ("before monday 5pm", hk(7, 17)),
    ("星期五之前要俾錢", hk(4, 9)),
    ("礼拜六之前要转账", hk(5, 9)),
    ("下星期五之前", hk(11, 9)),
    ("周一前要付钱", hk(7, 9)),
    ("by Thursday", hk(10, 9)),  # today is Thursday and 09:00 has passed: next week's
    # more wording
    ("he said i have till 10pm", hk(3, 22)),
    ("deadline is tonight 11pm", hk(3, 23)),
    ("by 11.30pm", hk(3, 23, 30)),
    ("聽日朝早10點前", hk(4, 10)),
    ("明天中午前要转账", hk(4, 12)),
    ("今晚九點半前", hk(3, 21, 30)),
    ("今晚10:30前", hk(3, 22, 30)),
    ("24小時之內", hk(4, 20)),
    ("一日內要俾錢", hk(4, 20)),
    ("限你今晚之前", hk(4, 0)),
    ("pay tmrw 9am", hk(4, 9)),
    ("by 10 tonight", hk(3, 22)),
    ("pay b4 midnight", hk(4, 0)),
    ("until friday 5pm", hk(4, 17)),
    ("before next monday", hk(7, 9)),
    ("週五之前", hk(4, 9)),
    ("in an hour", hk(3, 21)),
    ("he wants 200 pounds in 3 hours", hk(3, 23)),
    ("佢話 3 粒鐘內", hk(3, 23)),
    ("他说给我一天时间", hk(4, 20)),
    ("give me 1 day", hk(4, 20)),
    ("他要我10分钟内回复", hk(3, 20, 10)),
    ("he said by 9pm. i am scared. its 8.30 now", hk(3, 21)),
    ("10:30 tomorrow he posts", hk(4, 10, 30)),
    # no deadline, or unsure: None
    ("he wants 2.50 dollars", None),
    ("what is on the menu 2 hours", None),  # "u" ends "menu": not "you have"
    ("last night he said 24 hours", None),
    ("我琴晚12點同佢傾", None),
    ("I chatted with him 2 hours ago", None),
    ("兩個鐘前佢send咗張相俾我", None),
    ("我哋傾咗兩個鐘", None),
    ("we talked for 2 hours", None),
    ("he wants 500 usd", None),
    ("他要5000元", None),
    ("hi", None),
    ("", None),
    ("I met him on Instagram tonight", None),
    ("佢話兩個鐘", None),  # no threat, no "within": unsure
    ("it happened at 3", None),
    ("I'm 16", None),
    ("within 90 days", None),  # beyond the horizon
]


@pytest.mark.parametrize(("text", "expected"), HK_TABLE)
def test_hong_kong_table(text: str, expected: str | None) -> None:
    assert resolved(text) == expected


def test_now_defaults_to_the_helpline_clock() -> None:
    with clock.frozen(NOW):
        assert iso(resolve_deadline("within 2 hours")) == hk(3, 22)
    with clock.frozen(NOW + dt.timedelta(hours=1)):
        assert iso(resolve_deadline("within 2 hours")) == hk(3, 23)


# --- midnight and the small hours -------------------------------------------------------------------------


def test_midnight_half_an_hour_before() -> None:
    now = dt.datetime(2026, 12, 3, 15, 30, tzinfo=UTC)  # 23:30 HK
    assert resolved("by midnight", now) == hk(4, 0)
    assert resolved("今晚12點前", now) == hk(4, 0)


def test_midnight_just_after_is_the_next_one() -> None:
    now = dt.datetime(2026, 12, 3, 16, 10, tzinfo=UTC)  # 00:10 HK, Friday 4 Dec
    assert resolved("by midnight", now) == hk(5, 0)


def test_tomorrow_morning_in_the_small_hours_is_the_coming_morning() -> None:
    now = dt.datetime(2026, 12, 3, 18, 0, tzinfo=UTC)  # 02:00 HK, Friday 4 Dec
    assert resolved("聽朝10點前", now) == hk(4, 10)
    assert resolved("明早之前要转账", now) == hk(4, 9)
    assert resolved("tomorrow morning he posts it", now) == hk(4, 9)
    # plain "tomorrow" keeps its calendar meaning
    assert resolved("by tomorrow", now) == hk(5, 9)


def test_tonight_one_am_is_after_midnight() -> None:
    assert resolved("今晚1點前要俾錢") == hk(4, 1)


def test_a_time_already_past_today_is_unsure() -> None:
    assert resolved("今日下午3點前要俾錢") is None  # 20:00 now
    assert resolved("by 3pm today") is None


def test_an_hour_without_am_pm_is_its_next_occurrence() -> None:
    morning = dt.datetime(2026, 12, 3, 0, 0, tzinfo=UTC)  # 08:00 HK
    assert resolved("by 9", morning) == hk(3, 9)
    assert resolved("by 12", morning) == hk(3, 12)
    assert resolved("by 12") == hk(4, 0)  # at 20:00 midnight comes before noon


def test_soonest_of_several() -> None:
    assert resolved("he said by friday, now he says within 2 hours") == hk(3, 22)


# --- time zones ---------------------------------------------------------------------------------------------


def test_region_zone_comes_from_opening_hours() -> None:
    assert region_zone("GB") == "Europe/London"
    assert region_zone("TW") == "Asia/Taipei"
    assert region_zone("XX") == region_zone("INTL")


def test_dst_free_regions_share_the_wall_clock_rules() -> None:
    # 20:00 in Taipei, Singapore and Kuala Lumpur too (UTC+8 all year)
    for region in ("TW", "SG", "MY", "CN", "MO"):
        assert resolved("by midnight", region=region) == hk(4, 0), region


def test_gb_winter_and_summer() -> None:
    winter = dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # 12:00 GMT
    assert resolved("by 9pm", winter, region="GB") == "2026-12-03T21:00:00Z"
    summer = dt.datetime(2026, 7, 2, 12, 0, tzinfo=UTC)  # 13:00 BST
    assert resolved("by 9pm", summer, region="GB") == "2026-07-02T20:00:00Z"
    assert resolved("by midnight", summer, region="GB") == "2026-07-02T23:00:00Z"


def test_gb_across_the_clock_change() -> None:
    # Saturday 28 March 2026, 20:00 GMT; the clocks go forward that night.
    now = dt.datetime(2026, 3, 28, 20, 0, tzinfo=UTC)
    assert resolved("pay by tomorrow 9am", now, region="GB") == "2026-03-29T08:00:00Z"
    assert resolved("within 24 hours", now, region="GB") == "2026-03-29T20:00:00Z"  # elapsed time


def test_us_across_the_clock_change() -> None:
    # Saturday 7 March 2026, 20:00 in New York (EST, UTC-5); DST starts on Sunday 8 March.
    now = dt.datetime(2026, 3, 8, 1, 0, tzinfo=UTC)
    assert resolved("by midnight", now, region="US") == "2026-03-08T05:00:00Z"
    assert resolved("by 10am tomorrow", now, region="US") == "2026-03-08T14:00:00Z"


def test_us_zone_from_the_number_or_the_message() -> None:
    now = dt.datetime(2026, 12, 3, 20, 0, tzinfo=UTC)  # 15:00 New York, 12:00 Los Angeles
    assert resolved("by 9pm", now, region="US") == "2026-12-04T02:00:00Z"
    los_angeles = zone_for_number("+14155550123")
    assert los_angeles == "America/Los_Angeles"
    assert resolved("by 9pm", now, region="US", zone=los_angeles) == "2026-12-04T05:00:00Z"
    # a zone the texter names wins over both
    assert resolved("by 9pm est", now, region="US", zone=los_angeles) == "2026-12-04T02:00:00Z"
    assert resolved("by 9pm pacific time", now, region="US") == "2026-12-04T05:00:00Z"


def test_stated_zones() -> None:
    assert stated_zone("9pm EST") == "America/New_York"
    assert stated_zone("香港時間今晚12點") == "Asia/Hong_Kong"
    assert stated_zone("北京时间明早") == "Asia/Shanghai"
    assert stated_zone("by friday") is None


def test_zone_for_number_unknown_or_shared() -> None:
    assert zone_for_number(None) is None
    assert zone_for_number("not a number") is None
    assert zone_for_number("+85291234567") == "Asia/Hong_Kong"


def test_texter_zone_falls_back_to_the_region() -> None:
    assert str(texter_zone("by 9", "GB")) == "Europe/London"
    assert str(texter_zone("by 9", "GB", "Bad/Zone")) == "Europe/London"


# --- the ISO form used by the slot and the API ---------------------------------------------------------


def test_iso_round_trip() -> None:
    at = dt.datetime(2026, 12, 3, 16, 0, 0, 123, tzinfo=UTC)
    assert iso(at) == "2026-12-03T16:00:00Z"
    assert parse_iso("2026-12-03T16:00:00Z") == at.replace(microsecond=0)
    assert parse_iso("2026-12-03T16:00:00") == at.replace(microsecond=0)
    assert parse_iso("2026-12-04T00:00:00+08:00") == at.replace(microsecond=0)
    assert parse_iso("soon") is None
    assert parse_iso(None) is None
    assert iso(None) is None
