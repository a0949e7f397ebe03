"""The check-in's set time: consent + the configured hours, never at night in the texter's region."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.jobs.followup import checkin_due

UTC = dt.timezone.utc
AFTER = dt.timedelta(hours=20)


def hk(day: int, hour: int) -> dt.datetime:
    """March 2026 in Hong Kong (UTC+8 all year) as aware UTC."""
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).astimezone(UTC)


@pytest.mark.parametrize(
    ("consent", "expected", "why"),
    [
        (hk(2, 14), hk(3, 10), "10:00 next day: daytime, unchanged"),
        (hk(2, 10), hk(3, 8), "06:00 would be night: 08:00 is 22 hours after, inside the window"),
        (hk(2, 4), hk(2, 21), "00:00 would be night and 08:00 is 28 hours after: 21:00 the evening before"),
        (hk(2, 2), hk(2, 21), "22:00 is night: back to 21:00 (19 hours after)"),
    ],
)
def test_hong_kong(consent, expected, why):
    assert checkin_due(consent, AFTER, "HK") == expected, why


def test_london_follows_summer_time():
    # Consent 12:00 BST (11:00 UTC) on 1 July: due 08:00 BST the next day (07:00 UTC), daytime.
    consent = dt.datetime(2026, 7, 1, 11, 0, tzinfo=UTC)
    assert checkin_due(consent, AFTER, "GB") == dt.datetime(2026, 7, 2, 7, 0, tzinfo=UTC)
    # The same wall time in January (GMT): 08:00 GMT is 08:00 UTC.
    consent = dt.datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    assert checkin_due(consent, AFTER, "GB") == dt.datetime(2026, 1, 6, 8, 0, tzinfo=UTC)


def test_always_daytime_inside_whatsapps_window_and_after_consent():
    from helpline.content.hours import get_hours

    for hour in range(24):
        consent = dt.datetime(2026, 3, 2, hour, 30, tzinfo=UTC)
        for region in ("HK", "CN", "GB", "US", None):
            due = checkin_due(consent, AFTER, region)
            assert dt.timedelta(hours=1) <= due - consent <= dt.timedelta(hours=23), (hour, region, due)
            local = due.astimezone(get_hours().for_region(region).zone).time()
            assert dt.time(8, 0) <= local < dt.time(22, 0), (hour, region, local)
