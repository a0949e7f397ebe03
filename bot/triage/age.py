"""Detect a stated age, an under-18 marker or a school grade in a message.

Stated ages ("im 15", "14 y/o", "我十四歲", "今年15", "13M", "啱啱16", "剛滿十五",
and a message that is only a number 10-17, i.e. a reply to "how old are you")
are found with regular expressions on width-folded text (lexicon:
``lexicon/age_words.yml``);
school grades ("中三", "F.4", "Year 9", "初二", "國一", "8th grade") with a
spaCy PhraseMatcher on the mixed-script tokenizer plus token-context filters
(lexicon: ``lexicon/age_grades.yml``).

``AgeFinding.age`` is any stated age in 5-99 (adults included, e.g. 24 with
``minor=False``); ages the other party claims for themselves ("she said she
was 16") are ignored. ``minor`` is True for a stated age under 18 about the
texter or the person they ask about, for "under 18"/未成年 markers, and for any
school grade. When several ages appear, a minor's age wins, then the texter's
own, then a relative's, then an unattributed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.triage.tokens import PhraseRules, Rule, fold, get_doc, load_lexicon, span_offsets

MIN_AGE = 5
MAX_AGE = 99
ADULT_AGE = 18


@dataclass(frozen=True)
class AgeFinding:
    """Result of :func:`detect_age`; ``span`` are offsets into the original text."""

    minor: bool
    age: int | None
    grade: str | None
    span: tuple[int, int] | None


NO_FINDING = AgeFinding(minor=False, age=None, grade=None, span=None)

# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------
_CN_VAL = {"一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_ALL = "零〇一二兩两三四五六七八九十百千萬万億亿幾几廿"
_DIGIT_GUARD = r"(?<![\d.,:/$¥£€#])"
_DIGIT_END = r"(?!\d|[.,:/]\d)"
# digits when the number starts the expression (no letter/digit right before)
_DIG_FREE = rf"(?<![A-Za-z0-9.,:/$¥£€#])\d{{1,2}}{_DIGIT_END}"
_DIG = rf"{_DIGIT_GUARD}\d{{1,2}}{_DIGIT_END}"
_DIG10 = rf"{_DIGIT_GUARD}[1-9]\d{_DIGIT_END}"
_CN = (
    rf"(?<![{_CN_ALL}第])"
    r"(?:[二三四五六七八九]十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|廿[一二三四五六七八九]?|[五六七八九])"
    rf"(?![{_CN_ALL}])"
)
# bare (no 歲) Chinese numerals must be two characters or more (十二-九十九)
_CN2 = (
    rf"(?<![{_CN_ALL}第])"
    r"(?:[二三四五六七八九]十[一二三四五六七八九]?|十[一二三四五六七八九]|廿[一二三四五六七八九])"
    rf"(?![{_CN_ALL}])"
)
# "just" / "turned" / "full" words before a bare age: 我啱啱17, 剛滿十五, 今年先啱啱夠16
_ZH_JUST = r"(?:啱啱|岩岩|剛剛|刚刚|剛|刚|才|先|已經|已经|今年|而家|現在|现在|只有|得|都|滿|满|夠|够|踏入|足)"
# "soon" words: 就快滿18 (still 17), 下個月16, 明年先夠18 (only ages 10-18:
# "快20" is more likely money or minutes than an age)
_ZH_SOON = (
    r"(?:就快|快要|快|就嚟|就來|就来|即將|即将|下個月|下个月|下星期|下禮拜|下礼拜"
    r"|明年|下年|今年會|今年会|今年就)"
)
# A message that is ONLY a number 10-17 is a reply to "how old are you"
# (menu choices are 1-9). Chinese 十-十七 and English ten-seventeen too; a
# particle or punctuation may follow. Larger bare numbers are amounts or years.
_ONLY_NUMBER = (
    r"^\s*(?P<a>(?P<n>1[0-7]|十[一二三四五六七]?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen))\s*"
    r"(?:[.!！。~～]+|呀|啊|a|ar|la|lah|啦|喇|囉|咋|咁大|咁大啫)?\s*[.!！。~～?？]*\s*$"
)


def _alt(words: list[str] | Any) -> str:
    """Regex alternation, longest first; Latin words get word boundaries."""
    parts = []
    for w in sorted({str(x) for x in words}, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        if re.match(r"[A-Za-z0-9'%-]", w):
            esc = rf"(?<![A-Za-z']){esc}"
        if re.search(r"[A-Za-z0-9']$", w):
            esc = rf"{esc}(?![A-Za-z'])"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def parse_cn_small(s: str) -> int | None:
    """Parse a Chinese numeral 1-99 (十四, 二十, 廿四, 九)."""
    if not s:
        return None
    if s[0] == "廿":
        return 20 + (_CN_VAL.get(s[1], 0) if len(s) > 1 else 0)
    if "十" in s:
        tens, _, units = s.partition("十")
        t = _CN_VAL.get(tens, 0) if tens else 1
        u = _CN_VAL.get(units, 0) if units else 0
        return t * 10 + u
    return _CN_VAL.get(s)


@lru_cache(maxsize=1)
def _en_numbers() -> tuple[str, dict[str, int]]:
    lex = load_lexicon("age_words")
    units, teens, tens = lex["en_units"], lex["en_teens"], lex["en_tens"]
    vals: dict[str, int] = {**units, **teens, **tens}
    tens_alt = "|".join(tens)
    units_alt = "|".join(units)
    teens_alt = "|".join(teens)
    big_units = "|".join(k for k, v in units.items() if v >= MIN_AGE)
    pattern = rf"\b(?:(?:{tens_alt})(?:[-\s]?(?:{units_alt}))?|{teens_alt}|{big_units})\b"
    return pattern, vals


def parse_number(s: str) -> int | None:
    """Parse digits, Chinese numerals or English number words to an int."""
    s = s.strip().lower()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s[0] in "十廿一二三四五六七八九":
        return parse_cn_small(s)
    _, vals = _en_numbers()
    total = 0
    for part in re.split(r"[-\s]+", s):
        if part not in vals:
            return None
        total += vals[part]
    return total


# --------------------------------------------------------------------------
# patterns
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Pat:
    name: str
    regex: re.Pattern
    bare_end: bool  # the match ends on the number: check units after it
    future: bool = False  # "turning 16": minor if n <= 18


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    age: int | None
    minor: bool
    subject: str  # self | relation | third | unknown | other


@lru_cache(maxsize=1)
def _relation_words() -> tuple[str, ...]:
    """Relation words from entities_relations.yml (Han ones of 2+ chars)."""
    lex = load_lexicon("entities_relations")
    words: set[str] = set()
    for entry in lex["entries"]:
        phrases = list(entry.get("phrases") or [])
        for g in entry.get("guarded") or []:
            phrases.extend(g.get("phrases") or [])
        for p in phrases:
            p = str(p)
            if re.match(r"[A-Za-z]", p) or len(p) >= 2:
                words.add(p.lower())
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _compiled() -> dict[str, Any]:
    lex = load_lexicon("age_words")
    en_num, _ = _en_numbers()
    num = rf"(?:{_DIG}|{_CN}|{en_num})"
    num_free = rf"(?:{_DIG_FREE}|{_CN}|{en_num})"
    rel = _alt(_relation_words())
    rel_zh = _alt([w for w in _relation_words() if not re.match(r"[a-z]", w)])
    lead = _alt(lex["zh_bare_lead"])
    mods = (
        r"(?:(?:only|just|now|currently|still|like|about|almost|nearly|barely|already|a"
        r"|gonna\s+be|going\s+to\s+be)\s+)*"
    )
    i = re.I
    pats = [
        _Pat("zh_sui", re.compile(rf"(?P<a>(?P<n>{_DIG_FREE}|{_CN})\s*(?:周|週|足)?\s*[歲岁])", i), False),
        _Pat(
            "zh_bare",
            re.compile(
                rf"(?:{lead}|{rel_zh})\s*(?:{_ZH_JUST}\s*){{0,3}}"
                rf"(?P<a>(?P<n>{_DIG10}|{_CN2}))(?![A-Za-z%$'])",
                i,
            ),
            True,
        ),
        _Pat("only_number", re.compile(_ONLY_NUMBER, re.I), False),
        _Pat(
            "zh_just",
            re.compile(
                rf"(?:(?:啱啱|岩岩|剛剛|刚刚|剛|刚|才|已經|已经)\s*(?:滿|满|夠|够|踏入|足)"
                rf"|啱啱|岩岩|剛剛|刚刚)\s*(?P<a>(?P<n>{_DIG10}|{_CN2}))(?![A-Za-z%$'])",
                i,
            ),
            True,
        ),
        _Pat(
            "zh_soon",
            re.compile(
                rf"{_ZH_SOON}\s*(?:滿|满|夠|够|踏入|到|就|先)?\s*"
                rf"(?P<a>(?P<n>{_DIGIT_GUARD}1[0-8]{_DIGIT_END}|(?<![{_CN_ALL}])十[一二三四五六七八]?(?![{_CN_ALL}])))"
                r"(?![A-Za-z%$'])",
                i,
            ),
            True,
            future=True,
        ),
        _Pat(
            "paren",
            re.compile(
                rf"(?:{rel}|(?<![a-z])me|(?<![a-z'])i|我)\s*[(\[]\s*(?P<a>(?P<n>{num})"
                rf"\s*(?:歲|岁|yo|y/o|yrs?|[mf])?)\s*[)\]]",
                i,
            ),
            False,
        ),
        _Pat(
            "en_im",
            re.compile(rf"(?<![a-z'])(?:i\s*'?\s*m|i\s+am)\s+{mods}(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])", i),
            True,
        ),
        _Pat(
            "en_third",
            re.compile(
                rf"(?<![a-z'])(?:he|she|they)(?:\s*'?s|\s+is|\s+are|\s*'re)?\s+{mods}"
                rf"(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])",
                i,
            ),
            True,
        ),
        _Pat(
            "en_rel",
            re.compile(
                rf"{rel}(?:\s*'s|\s+is|\s+was|\s+who\s+is|\s*,|\s+aged?|\s*:)?\s+{mods}"
                rf"(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])",
                i,
            ),
            True,
        ),
        _Pat(
            "en_years_old",
            re.compile(rf"(?P<a>(?P<n>{num_free})[\s-]*(?:years?|yrs?|yr)[\s-]*old)(?![a-z])", i),
            False,
        ),
        _Pat(
            "en_yo",
            re.compile(rf"(?P<a>(?P<n>{num_free})\s*(?:yo|y/o|y\.o\.?|yrs?\s*/\s*o))(?![a-z])", i),
            False,
        ),
        _Pat(
            "en_going_on",
            re.compile(rf"(?P<a>(?P<n>{num_free})\s+going\s+on\s+(?:{_DIG}|{en_num}))(?![A-Za-z%$'\"])", i),
            False,
        ),
        _Pat(
            "en_age",
            re.compile(
                rf"(?<![a-z])(?:age[ds]?|at\s+the\s+age)\s*(?:of\s+|is\s+|:|=|-)?\s*"
                rf"(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])",
                i,
            ),
            True,
        ),
        _Pat(
            "en_turn",
            re.compile(
                rf"(?<![a-z])(?:turning|turn|gonna\s+be|going\s+to\s+be|will\s+be)\s+"
                rf"(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])",
                i,
            ),
            True,
            future=True,
        ),
        _Pat(
            "en_turned",
            re.compile(rf"(?<![a-z])(?:turned|just\s+turned)\s+(?P<a>(?P<n>{num}))(?![A-Za-z%$'\"])", i),
            True,
        ),
        # age/gender: 13M, 15F, 15f, 14/m, and lower-case 13m only after "im"/start
        _Pat("sex", re.compile(rf"(?P<a>(?P<n>{_DIG_FREE})\s?[MF])(?![A-Za-z0-9])"), True),
        _Pat("sex_f", re.compile(rf"(?P<a>(?P<n>{_DIG_FREE})f)(?![A-Za-z0-9])"), True),
        _Pat("sex_slash", re.compile(rf"(?P<a>(?P<n>{_DIG_FREE})\s*/\s*[mfMF])(?![A-Za-z0-9])"), True),
        _Pat(
            "sex_m",
            re.compile(
                r"(?:^\s*|(?i:(?<![a-z'])(?:i'?m|i\s+am|me|asl)\s+))(?P<a>(?P<n>\d{1,2})m)(?![A-Za-z0-9])"
            ),
            True,
        ),
    ]
    units = _alt(list(lex["zh_units_after"]) + list(lex["en_units_after"]))
    markers = _alt(list(lex["minor_markers_zh"]) + list(lex["minor_markers_en"]))
    subj = lex["subject"]
    subject_alts = {
        "self": _alt(subj["self"]),
        "third": _alt(subj["third"]),
        "other": _alt(subj["other"]),
        "relation": rel,
    }
    subject_re = re.compile("|".join(f"(?P<{k}>{v})" for k, v in subject_alts.items()), re.I)
    return {
        "pats": pats,
        "units_after": re.compile(rf"\s*(?:{units}|['\"]\s*\d)", re.I),
        "markers": re.compile(
            rf"(?:{markers}|(?:18|十八)\s*(?:周|週)?\s*[歲岁]?\s*(?:或)?以下)"
            rf"(?!\s*(?:issue|problem|thing|detail|injur|mistake|change|case|fix|one|bug|key|scale|chord|role|league))",
            re.I,
        ),
        "subject": subject_re,
        "subject_keys": tuple(subject_alts),
        "claim": re.compile(_alt(subj["claim_verbs"]), re.I),
        "rel_after": re.compile(rf"\s*(?:嘅|的|個|个|old|year\s*old)?\s*{rel}", re.I),
    }


_CLAUSE_END = re.compile(r"[。！？!?\n;；]|\.(?!\d)")
_COMMA = re.compile(r"[,，、]")


def _subject(text_lower: str, start: int, end: int) -> str:
    """Who the age at ``text_lower[start:end]`` is about (see module doc)."""
    c = _compiled()
    clause_start = 0
    for m in _CLAUSE_END.finditer(text_lower, 0, start):
        clause_start = m.end()
    # search the comma segment nearest to the age first, then up to 2 earlier
    bounds = [clause_start] + [m.end() for m in _COMMA.finditer(text_lower, clause_start, start)]
    best: tuple[int, int, str, int] | None = None
    ctx_used = ""
    for seg_start in reversed(bounds[-3:]):
        ctx = text_lower[seg_start:start]
        for m in c["subject"].finditer(ctx):
            kind = m.lastgroup or "unknown"
            cand = (m.end(), m.end() - m.start(), kind, m.start())
            if best is None or cand[:2] > best[:2]:
                best = cand
        if best is not None:
            ctx_used = ctx
            break
    kind = best[2] if best else "unknown"
    if kind in ("self", "unknown"):
        after = c["rel_after"].match(text_lower, end)
        if after:
            return "relation"
    if kind == "third" and best is not None:
        before = ctx_used[: best[3]]
        claim = list(c["claim"].finditer(before))
        if claim:
            rel_before = [
                m for m in c["subject"].finditer(before[: claim[-1].start()]) if m.lastgroup == "relation"
            ]
            return "relation" if rel_before else "other"
    return kind


def _stated_ages(text: str) -> tuple[list[_Cand], list[_Cand]]:
    """Return (age candidates, under-18 marker candidates)."""
    c = _compiled()
    low = text.lower()
    markers: list[_Cand] = []
    for m in c["markers"].finditer(text):
        markers.append(_Cand(m.start(), m.end(), None, True, _subject(low, m.start(), m.end())))
    seen: dict[tuple[int, int], _Cand] = {}
    for pat in c["pats"]:
        for m in pat.regex.finditer(text):
            n_start, n_end = m.span("n")
            if any(mk.start <= n_start < mk.end for mk in markers):
                continue
            n = parse_number(m.group("n"))
            if n is None or not MIN_AGE <= n <= MAX_AGE:
                continue
            a_start, a_end = m.span("a")
            if pat.bare_end and c["units_after"].match(text, a_end):
                continue
            minor = n <= ADULT_AGE if pat.future else n < ADULT_AGE
            cand = _Cand(a_start, a_end, n, minor, _subject(low, a_start, a_end))
            key = (n_start, n_end)
            prev = seen.get(key)
            if prev is None or (cand.end - cand.start) > (prev.end - prev.start):
                seen[key] = cand
    return sorted(seen.values(), key=lambda x: x.start), markers


# --------------------------------------------------------------------------
# grades (spaCy PhraseMatcher)
# --------------------------------------------------------------------------
def _expand(form: str, n: int | None, nums: dict[str, dict]) -> list[str]:
    if n is None:
        return [form]
    out = [form]
    subs = {
        "{d}": [str(n)],
        "{zh}": [nums["zh"].get(n)],
        "{en}": [nums["en"].get(n)],
        "{ord}": list(nums["ord"].get(n) or []),
    }
    for key, values in subs.items():
        if key in form:
            out = [f.replace(key, v) for f in out for v in values if v]
    return out


@lru_cache(maxsize=1)
def _grade_rules() -> PhraseRules:
    lex = load_lexicon("age_grades")
    nums = lex["numerals"]
    rules = PhraseRules("grade")
    for spec in lex["rules"]:
        lo, hi = spec.get("range", [None, None])
        numbers = range(lo, hi + 1) if lo is not None else [None]
        for n in numbers:
            code = spec["code"]
            if n is not None:
                code = code.format(n=n + int(spec.get("code_offset", 0)))
            phrases = [p for f in spec["forms"] for p in _expand(str(f), n, nums)]
            rules.add(
                Rule.build("grade", code, spec),
                phrases,
                case_sensitive=bool(spec.get("case_sensitive", False)),
            )
    return rules


def find_grades(text: str) -> list[tuple[str, tuple[int, int]]]:
    """All school grades in ``text`` as ``(code, (start, end))``."""
    doc = get_doc(text)
    return [(rule.value, span_offsets(doc, s, e)) for rule, s, e in _grade_rules().find(doc)]


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------
_PRIORITY = {"self": 0, "relation": 1, "unknown": 2, "third": 3}


def detect_age(text: str) -> AgeFinding:
    """Find the victim's stated age / school grade in ``text``."""
    if not text or not text.strip():
        return NO_FINDING
    folded = fold(text)
    ages, markers = _stated_ages(folded)
    ages = [a for a in ages if a.subject != "other"]
    markers = [m for m in markers if m.subject != "other"]
    grades = find_grades(text)

    minors = [a for a in ages if a.minor]
    chosen: _Cand | None = None
    if minors:
        chosen = min(minors, key=lambda a: (_PRIORITY.get(a.subject, 9), a.start))
    elif ages:
        chosen = min(ages, key=lambda a: (_PRIORITY.get(a.subject, 9), a.start))

    grade, grade_span = grades[0] if grades else (None, None)
    minor = bool(minors or markers or grades)
    if chosen is not None and not chosen.minor and minor:
        chosen = None  # an adult age (e.g. the parent's) is not the minor's age
    if chosen is not None:
        span: tuple[int, int] | None = (chosen.start, chosen.end)
        age = chosen.age
    else:
        age = None
        span = grade_span if grade_span else ((markers[0].start, markers[0].end) if markers else None)
    return AgeFinding(minor=minor, age=age, grade=grade, span=span)
