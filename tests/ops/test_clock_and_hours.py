"""The controllable clock and opening hours across time zones (with and without daylight saving)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.content.hours import HoursError, get_hours, load_hours, parse_hours
from helpline.settings import clock
from helpline.store.db import utcnow

UTC = dt.timezone.utc


def test_clock_is_aware_utc_and_tests_control_it():
    assert clock.now().tzinfo is not None and clock.now().utcoffset() == dt.timedelta(0)
    moment = dt.datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    with clock.frozen(moment):
        assert clock.now() == moment
        assert utcnow() == dt.datetime(2026, 3, 2, 12, 0)  # the stored-time helper reads it too
        clock.advance(dt.timedelta(minutes=90))
        assert clock.now() == moment + dt.timedelta(minutes=90)
    assert clock.now() != moment + dt.timedelta(minutes=90)


def test_naive_values_are_utc_by_convention():
    with clock.frozen(dt.datetime(2026, 1, 1, 8, 0)):
        assert clock.now() == dt.datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_hong_kong_hours_no_daylight_saving():
    hours = get_hours()
    # Monday 2 March 2026: 09:00 in Hong Kong is 01:00 UTC all year.
    assert not hours.is_open("HK", at(2026, 3, 2, 0, 59))
    assert hours.is_open("HK", at(2026, 3, 2, 1, 0))
    assert hours.is_open("HK", at(2026, 3, 2, 14, 59))  # 22:59 HKT
    assert not hours.is_open("HK", at(2026, 3, 2, 15, 0))  # 23:00 HKT
    # The same wall times in July: Hong Kong has no daylight saving.
    assert hours.is_open("HK", at(2026, 7, 6, 1, 0))
    assert not hours.is_open("HK", at(2026, 7, 6, 0, 59))


def test_london_hours_follow_british_summer_time():
    hours = get_hours()
    # 10:00 London: 10:00 UTC in January (GMT), 09:00 UTC in July (BST).
    assert not hours.is_open("GB", at(2026, 1, 5, 9, 30))
    assert hours.is_open("GB", at(2026, 1, 5, 10, 0))
    assert hours.is_open("GB", at(2026, 7, 6, 9, 0))
    assert not hours.is_open("GB", at(2026, 7, 6, 8, 59))


def test_next_opening_in_the_regions_own_zone():
    hours = get_hours()
    # Friday 6 March 2026 23:30 HKT (15:30 UTC): next is Saturday 14:00 HKT = 06:00 UTC.
    assert hours.next_opening("HK", at(2026, 3, 6, 15, 30)) == at(2026, 3, 7, 6, 0)
    # Mainland China has no weekend hours: Friday 22:30 CST -> Monday 09:00 CST (01:00 UTC).
    assert hours.next_opening("CN", at(2026, 3, 6, 14, 30)) == at(2026, 3, 9, 1, 0)
    # New York across the March DST change (8 March 2026): Friday 23:00 EST -> Monday 10:00 EDT.
    assert hours.next_opening("US", at(2026, 3, 7, 4, 0)) == at(2026, 3, 9, 14, 0)
    # An unknown region uses the INTL rota.
    assert hours.for_region("ZZ").region == "INTL"
    assert hours.for_region(None).region == "INTL"


def test_overnight_ranges_and_closed_days():
    hours = parse_hours(
        {
            "version": 2,
            "regions": {
                "SG": {
                    "timezone": "Asia/Singapore",
                    "weekly": {"fri": ["20:00-02:00"]},
                    "closed": ["2026-03-13"],
                },
                "INTL": {"timezone": "UTC", "weekly": {"mon-sun": ["00:00-24:00"]}},
            },
        }
    )
    # Friday 6 March 2026 20:00 SGT = 12:00 UTC; open until Saturday 02:00 SGT = Friday 18:00 UTC.
    assert hours.is_open("SG", at(2026, 3, 6, 12, 0))
    assert hours.is_open("SG", at(2026, 3, 6, 17, 59))
    assert not hours.is_open("SG", at(2026, 3, 6, 18, 0))
    # Friday 13 March is closed: the next opening is a week later.
    assert hours.next_opening("SG", at(2026, 3, 6, 18, 0)) == at(2026, 3, 20, 12, 0)
    assert hours.is_open("INTL", at(2026, 3, 6, 23, 59))
    assert hours.version == 2


def test_describe_lists_every_day():
    rows = get_hours().for_region("HK").describe()
    assert [row["day"] for row in rows] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert rows[0]["ranges"] == ["09:00-23:00"]


@pytest.mark.parametrize(
    "entry",
    [
        {"timezone": "Mars/Olympus", "weekly": {}},
        {"timezone": "UTC", "weekly": {"funday": ["09:00-10:00"]}},
        {"timezone": "UTC", "weekly": {"mon": ["9-10"]}},
        {"timezone": "UTC", "weekly": {"mon": ["25:00-26:00"]}},
    ],
)
def test_malformed_hours_are_refused(entry):
    with pytest.raises(HoursError):
        parse_hours({"regions": {"INTL": entry}})


def test_the_shipped_file_loads_and_every_served_region_has_hours():
    hours = load_hours()
    assert hours.version >= 1
    for region in ("HK", "CN", "MO", "TW", "SG", "MY", "GB", "US"):
        assert region in hours.regions, region
