"""Rule-based entity extraction for helpline messages.

Entities (dicts with ``entity``, ``value``, ``start``, ``end``; offsets into
the original text, values normalised):

* ``platform``, ``payment_method``, ``relation`` - spaCy PhraseMatcher on the
  mixed-script tokenizer, lexicons ``lexicon/entities_{platforms,
  payment_methods,relations}.yml`` (ambiguous aliases such as "line", "snap",
  "X", "ig", "Soul" need capitalisation and/or context);
* ``amount`` (number string, 萬/万/千/k/w expanded: "2萬" -> "20000") and
  ``currency`` (ISO code) - regex, lexicon ``lexicon/entities_currencies.yml``;
* ``age`` - from :func:`bot.triage.age.detect_age` (value ``str(age)``).

Overlapping matches resolve to the longest span ("微信支付" is a payment
method, not the platform 微信).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from bot.triage.age import detect_age
from bot.triage.tokens import (
    PhraseRules,
    Rule,
    fold,
    get_doc,
    is_han,
    load_lexicon,
    resolve_overlaps,
    span_offsets,
)
from helpline.numerals import CN_DIGITS

PHRASE_LEXICONS = ("entities_platforms", "entities_payment_methods", "entities_relations")
MIN_BARE_AMOUNT = 100
EMERGENCY_NUMBERS = {"999", "995", "993", "992", "911", "112", "110", "119", "120", "122"}


# --------------------------------------------------------------------------
# phrase entities
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _phrase_rules() -> PhraseRules:
    rules = PhraseRules("entities")
    for name in PHRASE_LEXICONS:
        lex = load_lexicon(name)
        label = lex["label"]
        for entry in lex["entries"]:
            value = entry["value"]
            rules.add(Rule.build(label, value), entry.get("phrases") or [])
            for guard in entry.get("guarded") or []:
                rules.add(
                    Rule.build(label, value, guard),
                    guard.get("phrases") or [],
                    case_sensitive=bool(guard.get("case_sensitive", False)),
                )
    return rules


def phrase_entities(text: str) -> list[dict]:
    """Platform, payment_method and relation entities in ``text``."""
    doc = get_doc(text)
    out = []
    for rule, s, e in _phrase_rules().find(doc):
        start, end = span_offsets(doc, s, e)
        out.append(_ent(rule.label, rule.value, start, end))
    return out


# --------------------------------------------------------------------------
# money
# --------------------------------------------------------------------------
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_PIECE_RE = re.compile(rf"\d+(?:\.\d+)?|[{_CN_NUM_CHARS}]")


def parse_amount_number(s: str) -> Decimal | None:
    """Parse "5,000", "1.5萬", "2萬5" (25000), "三千五" (3500), "十四萬"."""
    pieces = _PIECE_RE.findall(s.replace(",", "").replace(" ", ""))
    if not pieces:
        return None
    total = Decimal(0)
    section = Decimal(0)
    num: Decimal | None = None
    last_unit = 0
    prev_digit = False
    zero = False
    try:
        for p in pieces:
            if p[0].isdigit():
                num, prev_digit = Decimal(p), True
            elif p in CN_DIGITS:
                d = CN_DIGITS[p]
                if d == 0:
                    zero, num, prev_digit = True, None, False
                    continue
                num = num * 10 + d if (prev_digit and num is not None) else Decimal(d)
                prev_digit = True
            elif p in _CN_SMALL:
                section += (num if num is not None else 1) * _CN_SMALL[p]
                num, prev_digit, last_unit, zero = None, False, _CN_SMALL[p], False
            else:
                big = _CN_BIG[p]
                section += num if num is not None else 0
                total += (section or 1) * big
                section, num, prev_digit, last_unit, zero = Decimal(0), None, False, big, False
    except InvalidOperation:
        return None
    if num is not None:
        # colloquial "2萬5" = 25000, "三千五" = 3500 (a lone digit after a unit)
        if (
            last_unit >= 100
            and not zero
            and num < 10
            and num == num.to_integral_value()
            and len(pieces[-1]) == 1
        ):
            section += num * (last_unit // 10)
        else:
            section += num
    return total + section


def format_amount(d: Decimal) -> str:
    """Decimal -> "5000" / "99.5"."""
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def _alt(words: Any) -> str:
    parts = []
    for w in sorted({str(x) for x in words}, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        if re.match(r"[A-Za-z]", w):
            esc = rf"(?<![A-Za-z]){esc}"
        if re.search(r"[A-Za-z]$", w):
            esc = rf"{esc}(?![A-Za-z])"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Money:
    pattern: re.Pattern
    prefix: dict[str, str | None]
    suffix: dict[str, str | None]
    standalone_re: re.Pattern
    standalone: dict[str, str]
    mult: dict[str, int]
    cue_re: re.Pattern
    not_before_re: re.Pattern
    units_re: re.Pattern
    script: dict[str, tuple[str, ...]]


def _marker_map(section: dict) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for code, words in section.items():
        for w in words:
            out[str(w).lower()] = None if code == "NONE" else code
    return out


@lru_cache(maxsize=1)
def _money() -> _Money:
    lex = load_lexicon("entities_currencies")
    prefix = _marker_map(lex["prefixes"])
    suffix = _marker_map(lex["suffixes"])
    standalone = {k: v for k, v in _marker_map(lex["standalone"]).items() if v}
    mult = {str(k).lower(): int(v) for k, v in lex["multipliers"].items()}
    cn = _CN_NUM_CHARS
    num = (
        rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s?[十百千萬万億亿][\d{cn}]*)?"
        rf"|[零〇一二兩两三四五六七八九十][{cn}]*)"
    )
    pattern = re.compile(
        rf"(?:(?P<pre>{_alt(prefix)})\s*|(?<![A-Za-z0-9.,:/{cn}]))"
        rf"(?P<num>{num})"
        rf"(?:\s?(?P<mult>{_alt(mult)}))?"
        rf"(?:\s?(?P<suf>{_alt(suffix)}))?",
        re.I,
    )
    script = {k: tuple(str(x) for x in v) for k, v in lex["script"].items()}
    return _Money(
        pattern=pattern,
        prefix=prefix,
        suffix=suffix,
        standalone_re=re.compile(_alt(standalone), re.I),
        standalone=standalone,
        mult=mult,
        cue_re=re.compile(_alt(lex["money_cues"]), re.I),
        not_before_re=re.compile(rf"{_alt(lex['not_before_words'])}\s*$", re.I),
        units_re=re.compile(rf"\s*(?:{_alt(lex['units_after'])})", re.I),
        script=script,
    )


def guess_region(text: str) -> str:
    """Guess the region from the script: Cantonese -> "hk", Traditional -> "tw", else "cn"."""
    script = _money().script
    if any(w in text for w in script["cantonese"]):
        return "hk"
    if any(w in text for w in script["taiwan"]):
        return "tw"
    trad = sum(text.count(ch) for ch in script["traditional"])
    simp = sum(text.count(ch) for ch in script["simplified"])
    return "tw" if trad > simp else "cn"


_REGIONAL = {"hk": "HKD", "tw": "TWD", "cn": "CNY"}
_CLAUSE_END = re.compile(r"[。！？!?\n;；]|\.(?!\d)")
_CUE_WINDOW = 40


def _has_cue(text: str, start: int) -> bool:
    m = _money()
    clause_start = max(0, start - _CUE_WINDOW)
    for c in _CLAUSE_END.finditer(text, clause_start, start):
        clause_start = c.end()
    return bool(m.cue_re.search(text, clause_start, start))


def money_entities(text: str) -> list[dict]:
    """Amount and currency entities in ``text`` (expects folded text)."""
    m = _money()
    out: list[dict] = []
    region: str | None = None
    taken: list[tuple[int, int]] = []
    for mt in m.pattern.finditer(text):
        pre, num_s, mult_s, suf = mt.group("pre"), mt.group("num"), mt.group("mult"), mt.group("suf")
        num_start, num_end = mt.span("num")
        value = parse_amount_number(num_s)
        if value is None or value <= 0:
            continue
        end = mt.end("mult") if mult_s else num_end
        after = text[end : end + 2]
        if re.match(r"[:/]\d", after) or (re.match(r"-\d", after) and not (pre or suf)):
            continue  # time, date or range-like
        digits = re.sub(r"\D", "", num_s)
        plain = num_s.isdigit()
        if plain and len(digits) >= 8 and not (pre and pre.strip() in ("$", "＄")):
            continue  # phone number
        has_mag = any(ch in "百千萬万億亿" for ch in num_s)
        cn_only = not num_s[0].isdigit()
        units_after = (not suf) and bool(m.units_re.match(text, end))
        mult_key = mult_s.lower() if mult_s else None
        if pre or suf:
            ok = not units_after or bool(suf)
        elif mult_key:
            if mult_key in ("k", "grand"):
                ok = not units_after
            elif mult_key == "w":
                ok = (num_start > 0 and is_han(text[num_start - 1])) or (
                    end < len(text) and is_han(text[end])
                )
            else:
                ok = _has_cue(text, num_start) and not units_after
        elif has_mag:
            ok = not units_after
        elif cn_only:
            ok = False
        elif "," in num_s:
            ok = not units_after  # "1,500,000": grouped digits read as money
        else:
            ok = (
                value >= MIN_BARE_AMOUNT
                and digits not in EMERGENCY_NUMBERS
                and not units_after
                and not m.not_before_re.search(text, 0, num_start)
                and _has_cue(text, num_start)
            )
        if not ok:
            continue
        if mult_key:
            value *= m.mult[mult_key]
        out.append(_ent("amount", format_amount(value), num_start, end))
        taken.append((mt.start(), mt.end()))
        code: str | None = None
        cur_span: tuple[int, int] | None = None
        if suf:
            code = m.suffix.get(re.sub(r"\s+", " ", suf.lower()))
            if code == "REGIONAL":
                region = region or guess_region(text)
                code = _REGIONAL[region]
            cur_span = mt.span("suf")
        if pre and (code is None):
            pcode = m.prefix.get(re.sub(r"\s+", " ", pre.strip().lower()))
            if pcode:
                code, cur_span = pcode, (mt.start("pre"), mt.start("pre") + len(pre.strip()))
        if code and cur_span:
            out.append(_ent("currency", code, *cur_span))
    for st in m.standalone_re.finditer(text):
        if any(st.start() < e and st.end() > s for s, e in taken):
            continue
        code = m.standalone.get(re.sub(r"\s+", " ", st.group().lower()))
        if code:
            out.append(_ent("currency", code, st.start(), st.end()))
    return out


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------
def _ent(entity: str, value: str, start: int, end: int) -> dict:
    return {"entity": entity, "value": value, "start": start, "end": end}


def warm_up() -> None:
    """Build the spaCy pipeline, matchers and regexes now (about 1 s) instead
    of on the first message."""
    extract_entities("warm up: im 14, 我14歲讀中三, HK$2萬 via FPS on WhatsApp")


def extract_entities(text: str) -> list[dict]:
    """All entities in ``text``, sorted by start offset (see module doc)."""
    if not text or not text.strip():
        return []
    found = phrase_entities(text) + money_entities(fold(text))
    age = detect_age(text)
    if age.age is not None and age.span is not None:
        found.append(_ent("age", str(age.age), *age.span))
    return resolve_overlaps(found, key=lambda e: (e["start"], e["end"]))
