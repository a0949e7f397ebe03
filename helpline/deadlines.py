"""The threat's deadline a texter states, resolved to an aware UTC time (issue 14).

Extortionists set short deadlines to make people panic ("You have 2 hours", scamshooter.com/sextortion-scam;
"I give you 48 hours to complete the payment", hoax-slayer.net fake-blackmail transcript; "今晚12點前",
issue 14). A texter repeats them in passing, in English, Cantonese or Mandarin, in either script, mixed, with
typos: "he said within 24 hrs", "佢話兩個鐘內唔俾錢就發出去", "他说明早10点前要转账", "by 今晚12點".

`resolve_deadline(text, now=..., zone=...)` returns the deadline as an aware UTC datetime, or None when the
message states none or it is unsure (a time in the past, "2 hours ago", "兩個鐘前", a number that is not a
time). Relative deadlines count from `now` (the helpline clock; tests fix it); clock times and days are read
in the texter's zone: one the message names ("9pm EST", "香港時間"), else the zone of their number's area
(`zone_for_number`, for regions with several zones), else the region's zone (content/regions.yml).

Assumed times, chosen so the queue never underrates a deadline and documented here:
- a day without a time ("by Friday", "聽日", "tomorrow") is that day at DAY_HOUR (09:00);
- "morning" MORNING_HOUR, "afternoon" AFTERNOON_HOUR, "evening" EVENING_HOUR; "tonight" / "今晚" with no
  hour is the end of that night (midnight);
- an hour without am/pm or a period is its next occurrence (with no day) or, with a day, 7-11 morning and
  1-6 afternoon; "12" alone is noon or midnight, whichever comes first;
- between midnight and EARLY_MORNING_END, "tomorrow morning" / "明早" / "聽朝" means the coming morning.
Where one message states several deadlines, the soonest counts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helpline.numerals import CN_DIGITS
from helpline.settings import clock

UTC = dt.timezone.utc
HORIZON = dt.timedelta(days=31)  # further than this is not a threat's deadline we can rank by
DAY_HOUR = 9
MORNING_HOUR = 9
AFTERNOON_HOUR = 14
EVENING_HOUR = 18
EARLY_MORNING_END = 5  # before 05:00, "tomorrow morning" is the morning about to come
DEFAULT_ZONE = "Asia/Hong_Kong"

# --- normalisation -------------------------------------------------------------------------------------

# Traditional -> Simplified for the characters the patterns read (both scripts then share one pattern).
_T2S = str.maketrans(
    "點鐘時聽內後兩個禮週晝為給發轉錢頭間離還開約則係臺灣東準鍾夠貼傳網帳賬聯絡",
    "点钟时听内后两个礼周昼为给发转钱头间离还开约则系台湾东准钟够贴传网帐账联络",
)
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "twenty-four": 24,
    "twenty four": 24,
    "forty-eight": 48,
    "forty eight": 48,
    "seventy-two": 72,
    "seventy two": 72,
    "fourty-eight": 48,
    "fourty eight": 48,
}
_WEEKDAYS_CN = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAYS_EN = (
    (0, r"mon(?:day)?|monady"),
    (1, r"tue(?:s(?:day)?)?|teusday|tuseday"),
    (2, r"wed(?:nesday|nsday|nesdy|ensday)?"),
    (3, r"thu(?:rs?)?(?:day)?|thrusday|thur"),
    (4, r"fri(?:day)?|firday|fridy|frday"),
    (5, r"sat(?:urday|urdy)?"),
    (6, r"sun(?:day)?"),
)


def _cn_number(raw: str) -> int | None:
    """二十四 -> 24, 廿四 -> 24, 十二 -> 12, 两 -> 2 (up to 99)."""
    raw = raw.replace("廿", "二十")
    if "十" in raw:
        tens, _, units = raw.partition("十")
        high = CN_DIGITS.get(tens, None) if tens else 1
        low = CN_DIGITS.get(units, None) if units else 0
        if high is None or low is None:
            return None
        return high * 10 + low
    if len(raw) == 1:
        return CN_DIGITS.get(raw)
    return None


def normalise(text: str) -> str:
    """Lower case, half-width, Simplified for the time words, weekdays as tokens, numbers as digits."""
    text = unicodedata.normalize("NFKC", text or "").lower().translate(_T2S)
    text = text.replace("：", ":")
    # weekdays before numerals: 星期五 / 礼拜五 / 周五 / 下星期五 -> " wd4 " / " nwd4 "
    text = re.sub(
        r"(下个?|下一个)?(?:星期|礼拜|周)([一二三四五六日天])",
        lambda m: f" {'n' if m.group(1) else ''}wd{_WEEKDAYS_CN[m.group(2)]} ",
        text,
    )
    text = re.sub(
        r"[零〇一二两三四五六七八九十廿]+",
        lambda m: str(_cn_number(m.group(0))) if _cn_number(m.group(0)) is not None else m.group(0),
        text,
    )
    text = re.sub(r"\bhalf an? (hour|hr)\b", r"0.5 \1", text)
    text = re.sub(
        r"\b(twenty[- ]four|forty[- ]eight|fourty[- ]eight|seventy[- ]two|an?|one|two|three|four|five|six"
        r"|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\b(?=\s*(?:more\s+)?(?:hours?|hrs?|hr"
        r"|hors?|hous|minutes?|mins?|days?|o'?clock)\b)",
        lambda m: str(_EN_NUMBERS[m.group(1)]),
        text,
    )
    text = re.sub(
        r"\b(\d+) and a half (hours?|hrs?)\b", lambda m: f"{int(m.group(1)) + 0.5} {m.group(2)}", text
    )
    for day, pattern in _WEEKDAYS_EN:
        text = re.sub(
            rf"\b(by|before|until|till|til|on|this|next|due|b4)\s+({pattern})\b", rf"\1 wd{day} ", text
        )
    return re.sub(r"[ \t]+", " ", text)


# --- zones ---------------------------------------------------------------------------------------------

_STATED_ZONES = (
    (r"\b(?:est|edt|eastern(?: time)?|new york time|ny time)\b", "America/New_York"),
    (r"\b(?:cst|cdt|central time|chicago time)\b", "America/Chicago"),
    (r"\b(?:mst|mdt|mountain time|denver time)\b", "America/Denver"),
    (r"\b(?:pst|pdt|pacific(?: time)?|la time|california time)\b", "America/Los_Angeles"),
    (r"\b(?:akst|alaska time)\b", "America/Anchorage"),
    (r"\b(?:hst|hawaii time)\b", "Pacific/Honolulu"),
    (r"\b(?:uk time|london time|gmt|bst|british time)\b", "Europe/London"),
    (r"\b(?:hkt|hk time|hong kong time)\b|香港时间", "Asia/Hong_Kong"),
    (r"\b(?:beijing time|china time)\b|北京时间", "Asia/Shanghai"),
    (r"\b(?:taiwan time|taipei time)\b|台湾时间", "Asia/Taipei"),
    (r"\b(?:singapore time|sgt)\b|新加坡时间", "Asia/Singapore"),
    (r"\b(?:malaysia time|myt)\b|马来西亚时间|大马时间", "Asia/Kuala_Lumpur"),
    (r"\bmacau time\b|澳门时间", "Asia/Macau"),
)


def stated_zone(text: str) -> str | None:
    """An IANA zone the message names ("9pm EST", "香港時間"), else None."""
    normal = normalise(text)
    for pattern, zone in _STATED_ZONES:
        if re.search(pattern, normal):
            return zone
    return None


def zone_for_number(number: str | None) -> str | None:
    """The IANA zone of an E.164 number's area when it has exactly one (+1 415 -> America/Los_Angeles)."""
    if not number:
        return None
    try:
        import phonenumbers
        from phonenumbers import timezone as number_zones

        zones = [z for z in number_zones.time_zones_for_number(phonenumbers.parse(number)) if "/" in z]
    except Exception:  # noqa: BLE001 - an unreadable number has no zone
        return None
    zones = [z for z in zones if z != "Etc/Unknown"]
    return zones[0] if len(zones) == 1 else None


def region_zone(region: str | None) -> str:
    """The region's zone (content/regions.yml, as the opening hours read it; INTL's for an unknown one)."""
    try:
        from helpline.content.hours import get_hours

        return get_hours().for_region(region).timezone
    except Exception:  # noqa: BLE001 - the hours file is checked by its own tests
        return DEFAULT_ZONE


def texter_zone(text: str, region: str | None = None, zone: str | None = None) -> ZoneInfo:
    """The zone the texter's clock times are in: named in the message, else `zone` (their number's
    area), else the region's."""
    for name in (stated_zone(text), zone, region_zone(region), DEFAULT_ZONE):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo(DEFAULT_ZONE)


# --- patterns ------------------------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?|半)"
_UNIT_HOURS = r"hours?|hrs?|hr|hors?|hous|horus|houres|hourz|huors?|h|小时|钟头|钟|个钟"
_UNIT_MINUTES = r"minutes?|mins?|minuts?|分钟|分"
_UNIT_DAYS = r"days?|日|天"
_RELATIVE = re.compile(
    rf"(?<![\d.:点月号])(?:{_NUM}\s*(?:more\s+)?(?:个|粒)?\s*(半)?\s*"
    rf"(?:(?P<h>{_UNIT_HOURS})|(?P<m>{_UNIT_MINUTES})|(?P<d>{_UNIT_DAYS}))(?![a-z]))"
)
_EN_BEFORE_CUE = re.compile(
    r"(?:\b(?:within|in|inside|next|have|has|(?:gave|give|given|giving)(?:\s+(?:me|u|you|him|her))?|got|only"
    r"|just|left|u|you|deadline|max|maximum)|限|俾你|畀你|给你|给我|俾我|畀我|只有|仲有|还有|剩|剩返|剩下)"
    r"\s*(?:the\s+next\s+|the\s+)?$"
)
_AFTER_CUE = re.compile(
    r"^\s*(?:内|之内|以内|后|之后|以后|为限|时间|to pay|to send|left|or\b|otherwise|deadline|max|from now|限)"
)
_AGO = re.compile(r"^\s*(?:ago|before\b|前(?!要|就|俾|畀|转|付|还)|以前|之前|earlier|already)")
_DURATION_BEFORE_BAD = re.compile(
    r"(?:for|after|last|past|spent|over|about)\s*(?:the\s+)?$|已经$|聊了$|倾咗$"
)

_THREAT_CUES = re.compile(
    r"pay|money|send|post|share|leak|expose|release|upload|deadline|or else|otherwise|transfer|"
    r"俾钱|畀钱|给钱|付钱|转账|转帐|过数|入数|钱|发出去|发给|发俾|放上网|公开|曝光|唔系|否则|不然|要不|就发|"
    r"限|截止|为止|之前|以前"
)
_DEADLINE_AFTER = re.compile(r"^\s*(?:钟)?\s*(?:前|之前|以前|内|之内|为止|or\b|otherwise|deadline)")
_CLOCK_CUE_BEFORE = re.compile(
    r"(?:by|before|b4|until|till|til|latest|no later than|due|deadline|by\s+(?:today|tonight|tomorrow))"
    r"(?:\s+(?:next|this|the|coming|on))?\s*$"
)

_DAY_WORDS = (
    (r"day after tomorrow|后天|后日", 2, None),
    (r"tomorrow night|tmr night|tmrw night|听晚|明晚|明天晚上|明日晚上|听日晚上|听日夜晚", 1, "night"),
    (r"tomorrow evening|明天傍晚", 1, "evening"),
    (r"tomorrow afternoon|明天下午|明日下午|听日下午|听日晏昼", 1, "afternoon"),
    (
        r"tomorrow morning|tmr morning|tmrw morning|听朝|明早|明天早上|明天上午|明日早上|听日朝早|听日早上",
        1,
        "morning",
    ),
    (r"tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|2moro|2morrow|听日|明天|明日", 1, None),
    (r"tonight|tonite|2nite|今晚|今日夜晚|今天晚上|今夜", 0, "night"),
    (r"this evening|今日傍晚", 0, "evening"),
    (r"this afternoon|今日下午|今天下午|今日晏昼", 0, "afternoon"),
    (r"this morning|今朝|今天早上|今天上午", 0, "morning"),
    (r"end of (?:the )?day|eod|end of today", 0, "night"),
    (r"today|今日|今天", 0, None),
)
_DAY_RE = re.compile("|".join(f"(?P<d{i}>{p})" for i, (p, _, _) in enumerate(_DAY_WORDS)))
_WEEKDAY_RE = re.compile(r"\b(n?)wd(\d)\b")
_PERIOD_WORDS = (
    (r"凌晨|半夜|深夜", "small"),
    (r"morning|早上|上午|朝早|早晨|\bam\b", "morning"),
    (r"afternoon|arvo|下午|晏昼", "afternoon"),
    (r"evening|傍晚|黄昏", "evening"),
    (r"night|晚上|夜晚|夜|晚", "night"),
)
_PERIOD_RE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PERIOD_WORDS)))
_MIDNIGHT = re.compile(r"midnight|mid-night|midnite|午夜|12\s*am\b|半夜12点|凌晨12点|深夜12点|夜晚12点")
_NOON = re.compile(r"\bnoon\b|midday|中午12点|中午(?!\d)")
_EN_TIME = re.compile(
    r"(?<![\d:.$a-z])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)?"
    r"(?![\d:]|\s*(?:hours?|hrs?|hr|h\b|mins?|minutes?|days?|小时|钟|个|分|日|天|%|k\b|usd|hkd|rmb|元|蚊|块|号|月|/))"
)
_ZH_TIME = re.compile(r"(\d{1,2})\s*(?:点钟?|(?<!小)时)\s*(半|(\d{1,2})\s*分?|(?:1|3)个字)?")


@dataclass(frozen=True)
class _Clock:
    hour: int  # 0-24; 24 is the end of the day (midnight)
    minute: int
    fixed: bool  # am/pm or a period says which half of the day


def _relative(normal: str, now: dt.datetime) -> list[dt.datetime]:
    found = []
    for match in _RELATIVE.finditer(normal):
        raw, half = match.group(1), match.group(2)
        amount = 0.5 if raw == "半" else float(raw)
        if half:
            amount += 0.5
        before, after = normal[: match.start()], normal[match.end() :]
        if _AGO.match(after) or _DURATION_BEFORE_BAD.search(before):
            continue
        cued = bool(_EN_BEFORE_CUE.search(before.rstrip()[-24:]) or _AFTER_CUE.match(after))
        if not cued and not _THREAT_CUES.search(normal):
            continue
        if match.group("h"):
            unit = dt.timedelta(hours=amount)
        elif match.group("m"):
            unit = dt.timedelta(minutes=amount)
        else:
            if not cued:
                continue  # "3日" alone may be a date or a duration: unsure
            unit = dt.timedelta(days=amount)
        if unit > dt.timedelta(0):
            found.append(now + unit)
    return found


def _period_near(normal: str, start: int, end: int) -> str | None:
    window = normal[max(0, start - 8) : start] + " " + normal[end : end + 10]
    match = _PERIOD_RE.search(window)
    if not match:
        return None
    for i, (_, name) in enumerate(_PERIOD_WORDS):
        if match.group(f"p{i}"):
            return name
    return None


def _clock_times(normal: str) -> list[tuple[int, int, _Clock]]:
    """(start, end, clock) for each time of day the message states."""
    found: list[tuple[int, int, _Clock]] = []
    taken: list[range] = []

    def free(start: int, end: int) -> bool:
        return not any(start < r.stop and r.start < end for r in taken)

    for match in _MIDNIGHT.finditer(normal):
        found.append((match.start(), match.end(), _Clock(24, 0, True)))
        taken.append(range(match.start(), match.end()))
    for match in _NOON.finditer(normal):
        if free(match.start(), match.end()):
            found.append((match.start(), match.end(), _Clock(12, 0, True)))
            taken.append(range(match.start(), match.end()))
    for match in _ZH_TIME.finditer(normal):
        if not free(match.start(), match.end()):
            continue
        hour = int(match.group(1))
        minute = 30 if match.group(2) == "半" else int(match.group(3) or 0)
        if match.group(2) in ("1个字", "3个字"):
            minute = 5 if match.group(2) == "1个字" else 15
        if hour > 24 or minute > 59:
            continue
        period = _period_near(normal, match.start(), match.end())
        found.append((match.start(), match.end(), _with_period(hour, minute, period)))
        taken.append(range(match.start(), match.end()))
    for match in _EN_TIME.finditer(normal):
        if not free(match.start(), match.end()):
            continue
        hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "")
        if hour > 24 or minute > 59:
            continue
        before = normal[: match.start()]
        period = _period_near(normal, match.start(), match.end())
        near = normal[max(0, match.start() - 10) : match.end() + 10]
        cued = (
            bool(_CLOCK_CUE_BEFORE.search(before.rstrip()))
            or bool(suffix)
            or bool(_DEADLINE_AFTER.match(normal[match.end() :]))
            or (bool(match.group(2)) and (period is not None or bool(_DAY_RE.search(near))))
        )
        if not cued:
            continue
        if suffix.startswith("p"):
            clock_ = _Clock(hour + 12 if hour < 12 else 12, minute, True)
        elif suffix.startswith("a"):
            clock_ = _Clock(24 if hour == 12 else hour, minute, True)
        else:
            clock_ = _with_period(hour, minute, period)
        found.append((match.start(), match.end(), clock_))
        taken.append(range(match.start(), match.end()))
    return found


def _with_period(hour: int, minute: int, period: str | None) -> _Clock:
    if hour > 12 or period is None:
        return _Clock(hour, minute, hour > 12 or hour == 0)
    if period == "small":
        return _Clock(24 if hour == 12 else hour, minute, True)
    if period == "morning":
        return _Clock(hour, minute, True)
    if period == "night":
        if hour == 12:
            return _Clock(24, minute, True)
        if hour <= 4:
            return _Clock(24 + hour, minute, True)  # "今晚1点": 1 am after tonight
        return _Clock(hour + 12, minute, True)
    return _Clock(hour + 12 if hour < 12 else hour, minute, True)  # afternoon, evening


def _days(normal: str) -> list[tuple[int, int, int | None, str | None, int | None]]:
    """(start, end, days ahead, period, weekday) for each day word."""
    found = []
    for match in _DAY_RE.finditer(normal):
        for i, (_, ahead, period) in enumerate(_DAY_WORDS):
            if match.group(f"d{i}"):
                found.append((match.start(), match.end(), ahead, period, None))
                break
    for match in _WEEKDAY_RE.finditer(normal):
        found.append((match.start(), match.end(), -1 if match.group(1) else None, None, int(match.group(2))))
    return found


def _at(local_day: dt.date, clock_: _Clock, zone: ZoneInfo) -> dt.datetime:
    extra_days, hour = divmod(clock_.hour, 24)
    naive = dt.datetime.combine(local_day + dt.timedelta(days=extra_days), dt.time(hour, clock_.minute))
    # zoneinfo resolves a wall time in a gap or fold by its fold attribute: fine for deadlines
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _next_occurrence(local_now: dt.datetime, clock_: _Clock, zone: ZoneInfo) -> dt.datetime:
    candidates = [clock_]
    if not clock_.fixed and clock_.hour <= 12:
        candidates.append(_Clock(clock_.hour + 12, clock_.minute, True))
    now_utc = local_now.astimezone(UTC)
    best = []
    for candidate in candidates:
        for offset in (0, 1):
            at = _at(local_now.date() + dt.timedelta(days=offset), candidate, zone)
            if at > now_utc:
                best.append(at)
                break
    return min(best)


def _weekday_date(local_now: dt.datetime, weekday: int, next_week: bool) -> dt.date:
    today = local_now.date()
    if next_week:  # 下星期五: the Friday of next week
        return today + dt.timedelta(days=(7 - today.weekday()) + weekday)
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


_PERIOD_DEFAULT = {
    "morning": _Clock(MORNING_HOUR, 0, True),
    "afternoon": _Clock(AFTERNOON_HOUR, 0, True),
    "evening": _Clock(EVENING_HOUR, 0, True),
    "night": _Clock(24, 0, True),
    "small": _Clock(24, 0, True),
}


def _day_clock(clock_: _Clock | None, period: str | None) -> _Clock:
    if clock_ is None:
        return _PERIOD_DEFAULT.get(period or "", _Clock(DAY_HOUR, 0, True))
    if clock_.fixed:
        return clock_
    if period:
        return _with_period(clock_.hour, clock_.minute, period)
    if clock_.hour == 12:
        return _Clock(12, clock_.minute, True)
    if 1 <= clock_.hour <= 6:
        return _Clock(clock_.hour + 12, clock_.minute, True)
    return clock_


def _absolute(normal: str, now: dt.datetime, zone: ZoneInfo) -> list[dt.datetime]:
    local_now = now.astimezone(zone)
    clocks = _clock_times(normal)
    days = _days(normal)
    used_days: set[int] = set()
    found = []
    threat = bool(_THREAT_CUES.search(normal))
    for start, end, clock_ in clocks:
        cued = threat or _cue_before(normal, start) or _cue_after(normal, end)
        day = None
        for index, (d_start, d_end, ahead, period, weekday) in enumerate(days):
            if (d_end <= start and start - d_end <= 12) or (d_start >= end and d_start - end <= 12):
                day = (ahead, period, weekday)
                used_days.add(index)
                cued = cued or _cue_before(normal, d_start) or _cue_after(normal, d_end)
                break
        if not cued:
            continue
        if day is None:
            found.append(_next_occurrence(local_now, clock_, zone))
            continue
        found.extend(_on_day(local_now, zone, *day, clock_))
    for index, (d_start, d_end, ahead, period, weekday) in enumerate(days):
        if index not in used_days and (threat or _cue_before(normal, d_start) or _cue_after(normal, d_end)):
            found.extend(_on_day(local_now, zone, ahead, period, weekday, None))
    return found


def _cue_after(normal: str, end: int) -> bool:
    return bool(_DEADLINE_AFTER.match(normal[end:]))


def _cue_before(normal: str, start: int) -> bool:
    return bool(_CLOCK_CUE_BEFORE.search(normal[:start].rstrip()))


def _on_day(
    local_now: dt.datetime,
    zone: ZoneInfo,
    ahead: int | None,
    period: str | None,
    weekday: int | None,
    clock_: _Clock | None,
) -> list[dt.datetime]:
    now_utc = local_now.astimezone(UTC)
    wall = _day_clock(clock_, period)
    if weekday is not None:
        day = _weekday_date(local_now, weekday, ahead == -1)
        at = _at(day, wall, zone)
        if at <= now_utc and ahead != -1:
            at = _at(day + dt.timedelta(days=7), wall, zone)
        return [at]
    assert ahead is not None
    day = local_now.date() + dt.timedelta(days=ahead)
    if ahead == 1 and period == "morning" and local_now.hour < EARLY_MORNING_END:
        day = local_now.date()  # at 2 am, "tomorrow morning" is the morning about to come
    if ahead == 0 and clock_ is not None and not clock_.fixed and period is None:
        return [_next_occurrence(local_now, clock_, zone)]  # "today by 5": the next 5 o'clock today
    return [_at(day, wall, zone)]


def resolve_deadline(
    text: str | None,
    now: dt.datetime | None = None,
    *,
    region: str | None = None,
    zone: str | None = None,
) -> dt.datetime | None:
    """The soonest deadline the message states, aware UTC, or None (none stated, or unsure).

    `now` defaults to the helpline clock; `zone` is the texter's number's zone when known (it outranks the
    region's zone; a zone named in the message outranks both)."""
    if not text or not text.strip():
        return None
    now = (now or clock.now()).astimezone(UTC)
    normal = normalise(text)
    local_zone = texter_zone(text, region, zone)
    candidates = _relative(normal, now) + _absolute(normal, now, local_zone)
    future = [at for at in candidates if now < at <= now + HORIZON]
    return min(future) if future else None


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 UTC with a Z ("2026-12-03T16:00:00Z"), the form of the `deadline_at` slot and API field."""
    if value is None:
        return None
    value = value.astimezone(UTC).replace(microsecond=0)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str | None) -> dt.datetime | None:
    """The inverse of `iso` (tolerates +00:00 and naive UTC); None for anything unreadable."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
