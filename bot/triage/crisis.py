"""Suicide and self-harm signal detection (recall first).

Pure Python (no Rasa imports). :func:`detect_crisis` looks for any suicide or
self-harm signal - ideation, plan, means, self-harm, farewell - in English,
Cantonese or Mandarin (either Chinese script), whatever else the message
says. The lexicon lives in ``lexicon/crisis.yml``; see its header for the
normalisation rules and how idioms ("笑死", "dying to know") are masked.
``lexicon/third_party.yml`` adds signs seen in someone else, the extorter's
threats (masked) and a small concern net; whose risk it is comes from the
subject model below (`_subject`, `_first_person`).
Data is loaded once, lazily, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import yaml

from bot.triage.needles import contains_any, keys_of, needles, text_keys

__all__ = ["CrisisFinding", "detect_crisis", "named_subject", "normalise"]

CRISIS, CONCERN, NONE = "crisis", "concern", "none"
SELF, OTHER = "self", "other"

CRISIS_PATH = Path(__file__).with_name("lexicon") / "crisis.yml"
THIRD_PARTY_PATH = Path(__file__).with_name("lexicon") / "third_party.yml"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
_ASCII_LETTER_RE = re.compile(r"[a-z]")
_APOSTROPHES_RE = re.compile("['\u2018\u2019\u02bc`\u00b4]")
_LATIN_D_RE = re.compile(f"(?<=[{_HAN}])\\s*d\\s*(?=[{_HAN}])")
_HAN_SPACE_RE = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_FOREVER_RE = re.compile(r"\b4ev(?:er|a|r)\b")
# " 2 " is "to" between words, but not a school year ("sec 2 boy", "form 2 girl"; round 11)
_TWO_RE = re.compile(
    r" 2 (?<=[a-z] 2 )(?<!sec 2 )(?<!form 2 )(?<!year 2 )(?<!yr 2 )(?<!grade 2 )(?<!primary 2 )"
    r"(?<!secondary 2 )(?<! p 2 )(?<! s 2 )(?<! f 2 )(?<!level 2 )(?<!class 2 )(?=[a-z])"
)
_LEET_HINT_RE = re.compile(r"[a-z][0134@$]|[0134@$][a-z]")
# A number with its unit is no leetspeak (round 10): "my 10yo", "at 3am", "the 4th" stay as they are.
# Round 38: nor a school year ("an s3 boy", "my f4 cousin", "p4", "y13"), which read "se", "fa" before.
_LEET_TOKEN_RE = re.compile(
    r"\b(?!\d+(yo|yos|yr|yrs|yrold|am|pm|k|hr|hrs|min|mins|th)\b|\d*(1st|3rd)\b"
    r"|(s|f|p|y|j|jc|k|g|yr|sec|form|grade|year|primary)\d{1,2}\b)"
    r"(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0134@$])[a-z0-9@$]+"
)
_LEET_TABLE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"})
_NON_WORD_RE = re.compile(r"[^\w*]+|_")
_LOOSE_STAR_RE = re.compile(r"(?<![a-z])\*|\*(?![a-z])")
_REPEAT_RE = re.compile(r"([a-z])\1{2,}")
_DOUBLE_LETTER_RE = re.compile(r"([a-z])\1")
_VOWEL_RE = re.compile(r"([aeiou])")

# Variants OpenCC t2s leaves alone; 哂 is a common typo for Cantonese 晒.
_ZH_VARIANTS = str.maketrans({"著": "着", "妳": "你", "祢": "你", "喫": "吃", "衞": "卫", "哂": "晒"})

_T2S: opencc.OpenCC | None = None


def _t2s(text: str) -> str:
    global _T2S
    if _T2S is None:
        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


@dataclass(frozen=True)
class CrisisFinding:
    """Result of :func:`detect_crisis`.

    ``signals`` names the matched lexicon entries as "<section>:<family>:<id>",
    e.g. ("zh:means:charcoal", "en:ideation:want_to_die"), in lexicon order.

    ``idioms`` lists the idiom spans that were masked ("累死了", "想死你了",
    "dying to know"), in message order, whether or not a signal remained.
    They are substrings of the *normalised* text (see :func:`normalise`:
    lower case, Simplified Chinese, punctuation dropped), so a caller can
    tell that a death word in the message was idiomatic (e.g. to overrule a
    classifier that read "累死咗" as self-harm).

    ``concerns`` names the matched entries of level ``concern`` (a possible
    signal: hopelessness, "cant go on like this"), same format; they never make
    ``is_crisis`` true.

    ``denials`` lists the texter's own denials in so many words that were masked ("im not suicidal",
    "我冇諗過自殺"; lexicon entries marked ``denial: true``, seventeenth round): like an idiom, a denial tells
    a caller that the death words it saw were not a signal, without switching off the nets that read the
    rest of the message.

    ``about`` is who the signals are about: "self" when one of them names the
    texter, "other" when the others name someone else as their own subject (a
    friend, a child, 佢/他/她: "my son says he wants to die"), None when no
    subject is named ("想死", "no way out") or there is no signal.
    """

    is_crisis: bool
    signals: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    about: str | None = None
    denials: tuple[str, ...] = ()

    @property
    def risk(self) -> str:
        """The level: "crisis", "concern" or "none"."""
        if self.is_crisis:
            return CRISIS
        return CONCERN if self.concerns else NONE


@dataclass(frozen=True)
class _Matcher:
    """A compiled lexicon pattern, with an optional cheaper superset gate and the words one of which
    each of its matches contains (bot/triage/needles.py; None: no word promised)."""

    regex: re.Pattern[str]
    gate: re.Pattern[str] | None = None
    needles: frozenset[str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needles", needles(self.regex))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.needles is not None and not contains_any(text, self.needles):
            return iter(())
        if self.gate is not None and self.gate.search(text) is None:
            return iter(())
        return self.regex.finditer(text)


@dataclass(frozen=True)
class _Side:
    """The patterns of one script (Han or Latin) of an entry or idiom list.

    ``union`` is all patterns in one regex: one fast search in the common case;
    the single patterns are only needed when idioms mask some union match. Idiom and homograph lists have
    no union (`patterns_only`): they are always searched pattern by pattern, to mask every span.
    ``needles`` are words one of which every match of any pattern contains (bot/triage/needles.py):
    a text with none of them is not searched at all. None: some pattern promises no word.
    """

    union: re.Pattern[str] | None
    matchers: tuple[_Matcher, ...]
    needles: frozenset[str] | None = None
    keys: frozenset[str] | None = None  # a short stretch of each needle (needles.keys_of)

    @classmethod
    def build(cls, matchers: list[_Matcher], flags: int) -> _Side:
        if not matchers:
            return cls(None, ())
        union = re.compile("|".join(f"(?:{m.regex.pattern})" for m in matchers), flags)
        return cls(union, tuple(matchers), *_needles_and_keys(matchers))

    @classmethod
    def patterns_only(cls, matchers: list[_Matcher]) -> _Side:
        """A list searched one pattern at a time (idioms): no union to compile at start-up."""
        return cls(None, tuple(matchers), *_needles_and_keys(matchers))

    def may_match(self, text: str, keys: frozenset[str] | None = None) -> bool:
        """False only when no pattern can match the text: it has none of the needles. `keys`, the text's
        (needles.text_keys), rules out most patterns at once when the text is scanned for many."""
        if self.needles is None:
            return True
        if keys is not None and self.keys is not None and self.keys.isdisjoint(keys):
            return False
        return contains_any(text, self.needles)

    def hit(
        self, text: str, mask: bytearray, masked: bool, keys: frozenset[str] | None = None
    ) -> tuple[int, int] | None:
        """The span of the first match whose last character is not idiom, or None."""
        if self.union is None or not self.may_match(text, keys):
            return None
        if not masked:
            match = self.union.search(text)
            return None if match is None else match.span()
        found = False
        for match in self.union.finditer(text):
            if match.end() > match.start() and not mask[match.end() - 1]:
                return match.span()
            found = True
        if not found:
            return None
        # a masked union match may hide an overlapping one: check one by one
        for matcher in self.matchers:
            span = _matches(matcher, text, mask)
            if span is not None:
                return span
        return None


def _needles_and_keys(matchers: list[_Matcher]) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The needles of a list of patterns (every pattern's, None when one promises none) and their keys."""
    each = [m.needles for m in matchers]
    if not each or any(n is None for n in each):
        return None, None
    found = frozenset().union(*each)  # type: ignore[arg-type]
    return found, keys_of(found)


@dataclass(frozen=True)
class _Entry:
    signal: str
    han: _Side
    latin: _Side
    level: str = CRISIS
    about: str | None = None


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    idioms_han: _Side
    idioms_latin: _Side
    emoji: tuple[_Entry, ...] = ()
    # idioms marked `homograph: true` ("deadline", 死机): masked like idioms but not reported as idioms,
    # as they say nothing of death and must not switch off the classifier's concern net
    homographs_han: _Side = _Side(None, ())
    homographs_latin: _Side = _Side(None, ())
    # third_party.yml: signs seen in someone else, counted only when someone else is named
    third_party: tuple[_Entry, ...] = ()
    # the homographs marked `denial: true` again, to report which denials were masked
    denials: tuple[_Matcher, ...] = ()


def normalise(text: str) -> str:
    """Normalise a message for matching (see the crisis.yml header)."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _APOSTROPHES_RE.sub("", s)
    if _HAN_RE.search(s):
        s = _t2s(s).translate(_ZH_VARIANTS)
        s = _LATIN_D_RE.sub("啲", s)
        s = _HAN_SPACE_RE.sub("", s)
    # the cheap substring tests skip most substitutions for most messages
    if "4ev" in s:
        s = _FOREVER_RE.sub("forever", s)
    if _LEET_HINT_RE.search(s):
        s = _LEET_TOKEN_RE.sub(lambda m: m.group().translate(_LEET_TABLE), s)
    if " 2 " in s:
        s = _TWO_RE.sub(" to ", s)
    s = _NON_WORD_RE.sub(" ", s)
    if "*" in s:
        s = _LOOSE_STAR_RE.sub(" ", s)
    s = _REPEAT_RE.sub(r"\1", s)
    return " ".join(s.split())


def _phrase_matcher(phrase: str) -> tuple[_Matcher, bool]:
    """Compile a literal phrase; returns (matcher, is_han)."""
    norm = normalise(phrase)
    if not norm:
        raise ValueError(f"empty crisis lexicon phrase: {phrase!r}")
    if _HAN_RE.search(norm):
        body = re.escape(norm).replace(r"\ ", " ?")
        return _Matcher(re.compile(body)), True
    rest = re.escape(norm[1:]).replace(r"\ ", " ?")
    rest = _DOUBLE_LETTER_RE.sub(r"\1+", rest)
    rest = _VOWEL_RE.sub(r"[\1*]", rest)  # k*ll, d*e
    # A literal first character lets the regex engine skip ahead quickly; the
    # word boundary is checked by the lookbehind right after it.
    first = re.escape(norm[0])
    return _Matcher(re.compile(f"{first}(?<![a-z0-9].){rest}(?![a-z0-9])")), False


def _regex_matcher(source: str) -> tuple[_Matcher, bool]:
    """Compile a lexicon regex; Chinese ones are converted with t2s first."""
    if _HAN_RE.search(source):
        return _Matcher(re.compile(_t2s(source))), True
    # ASCII \b and \w, so "我想suicide" still has a word boundary
    regex = re.compile(source, re.ASCII)
    gate = re.compile(source[2:], re.ASCII) if source.startswith(r"\b") else None
    return _Matcher(regex, gate), False


def _compile(item: dict[str, Any]) -> tuple[tuple[_Matcher, ...], tuple[_Matcher, ...]]:
    han: list[_Matcher] = []
    latin: list[_Matcher] = []
    compiled = [_phrase_matcher(str(p)) for p in item.get("phrases") or []]
    compiled += [_regex_matcher(str(r)) for r in item.get("regex") or []]
    seen: set[str] = set()
    for matcher, is_han in compiled:
        if matcher.regex.pattern in seen:
            continue
        seen.add(matcher.regex.pattern)
        (han if is_han else latin).append(matcher)
    return tuple(han), tuple(latin)


def _entry(section: str, item: dict[str, Any], about: str | None = None) -> _Entry:
    han, latin = _compile(item)
    return _Entry(
        f"{section}:{item['family']}:{item['id']}",
        _Side.build(list(han), 0),
        _Side.build(list(latin), re.ASCII),
        level=_level(item),
        about=about or item.get("about"),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load and compile crisis.yml and third_party.yml (once)."""
    # libyaml's parser when built (the same safe constructor): crisis.yml took 1.4 s to read in Python
    data = yaml.load(CRISIS_PATH.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    third = yaml.load(THIRD_PARTY_PATH.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return _build_lexicon(data, third)


def _build_lexicon(data: dict[str, Any], third: dict[str, Any]) -> _Lexicon:
    """The compiled lexicon of crisis.yml's `data` and third_party.yml's `third`."""
    sections = ("en", "zh", "yue", "cmn")
    entries = [_entry(section, item) for section in sections for item in data.get(section) or []]
    entries += [_entry("concern_net", item) for item in third.get("concern_net") or []]
    emoji: list[_Entry] = []
    for item in data.get("emoji") or []:
        # matched on the raw text (NFKC only): normalisation drops emoji
        regex = re.compile("|".join(f"(?:{r})" for r in item["regex"]))
        signal = f"emoji:{item['family']}:{item['id']}"
        emoji.append(_Entry(signal, _Side(regex, (_Matcher(regex),)), _Side(None, ()), level=_level(item)))
    idioms_han: list[_Matcher] = []
    idioms_latin: list[_Matcher] = []
    homographs_han: list[_Matcher] = []
    homographs_latin: list[_Matcher] = []
    denials: list[_Matcher] = []
    idiom_items = [item for items in (data.get("idioms") or {}).values() for item in items or []]
    for item in idiom_items + list(third.get("threats") or []):
        han, latin = _compile(item)
        # a denial is a homograph whether or not it says so: masked, never reported as an idiom
        if item.get("homograph") or item.get("denial"):
            homographs_han += han
            homographs_latin += latin
            if item.get("denial"):
                denials += han + latin
        else:
            idioms_han += han
            idioms_latin += latin
    return _Lexicon(
        entries=tuple(entries),
        idioms_han=_Side.patterns_only(idioms_han),
        idioms_latin=_Side.patterns_only(idioms_latin),
        homographs_han=_Side.patterns_only(homographs_han),
        homographs_latin=_Side.patterns_only(homographs_latin),
        emoji=tuple(emoji),
        third_party=tuple(_entry("third_party", item, OTHER) for item in third.get("third_party") or []),
        denials=tuple(denials),
    )


def _level(item: dict[str, Any]) -> str:
    level = item.get("level", CRISIS)
    if level not in (CRISIS, CONCERN):
        raise ValueError(f"crisis lexicon entry {item.get('id')!r}: level must be crisis or concern")
    return level


# Round 25: an idiom never starts inside 自杀 ("我已经决定要自杀了 那个人说…": the anger idiom 杀了那个人 read
# from its second character hid the signal).
_SUICIDE_WORD_HAN = "自杀"


def _splits_suicide_word(text: str, start: int) -> bool:
    return start > 0 and text.startswith(_SUICIDE_WORD_HAN, start - 1)


def _mask(text: str, mask: bytearray, idioms: _Side, spans: list[tuple[int, int]]) -> bool:
    """Flag the characters covered by idioms and collect their spans;
    True if any were found."""
    found = False
    for matcher in idioms.matchers:
        for match in matcher.finditer(text):
            if match.end() <= match.start() or _splits_suicide_word(text, match.start()):
                continue
            mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            spans.append((match.start(), match.end()))
            found = True
    return found


def _idiom_texts(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Merge overlapping idiom spans and return their texts in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(text[start:end].strip() for start, end in merged)


def _matches(matcher: _Matcher, text: str, mask: bytearray) -> tuple[int, int] | None:
    """The first span where the pattern matches and its last character is not idiom."""
    for match in matcher.finditer(text):
        end = match.end()
        if end > match.start() and not mask[end - 1]:
            return match.span()
    return None


# Who a signal is about. The blackmailer is "he"/"she"/佢 in most messages ("he says he'll post it, i
# want to die"), so someone else counts only as the signal's own subject: named right before it, with
# nothing but saying-verbs and adverbs between ("my son told me he wants to die", "佢話佢想死", "我個女
# 一直𠝹手"), or a reflexive inside it ("kill herself"). When no subject is found the finding says None.
_RELATION_WORDS_LATIN = (
    r"(son|daughter|kid|child|children|friend|bestie|bff|bf|gf|mate|brother|bro|sister|sis|cousin|boyfriend"
    r"|girlfriend|partner|husband|wife|student|classmate|niece|nephew|teen|teenager|boy|girl|grandson"
    r"|granddaughter|roommate|flatmate|colleague|coworker|mum|mom|dad|mother|father|stepson|stepdaughter"
    r"|teammate|team mate|housemate|schoolmate|coursemate|tita|tito|auntie|aunty|aunt|uncle|hubby"
    # round 10: twins, step-siblings, Filipino family words
    r"|twin|stepbro|stepsis|stepbrother|stepsister|kuya|bunso|lola|lolo"
    # round 11: a teacher's pupils, grandparents, a domestic helper
    r"|pupil|grandma|grandpa|grandmother|grandfather|granny|grandad|granddad|nana|helper|maid"
    r"|\d+ ?(yo|year old|yr old)"
    # round 17: someone the texter is responsible for at work or in care
    r"|trainee|intern|apprentice|mentee|junior|patient|client|tenant"
    # round 17: more family and friends as they are named in texts (roomie, co-worker, stepmum, kiddo)
    r"|roomie|buddy|pal|bestfriend|co worker|room mate|flat mate|house mate|class mate|stepmom|stepmum"
    r"|stepdad|stepmother|stepfather|godson|goddaughter|grandkid|kiddo|neighbour|neighbor|fiance|fiancee"
    r"|spouse"
    # round 20: hall, dorm and bunk mates, crew on a ship or a site; "my ma", "my pa"
    r"|hallmate|hall mate|dormmate|dorm mate|bunkmate|bunk mate|shipmate|crewmate|ma|pa|mama|papa|mam"
    # round 22: lab, office and desk mates, band mates, a volunteer
    r"|labmate|lab mate|officemate|office mate|deskmate|desk mate|seatmate|bandmate|band mate|volunteer"
    # round 40: a team's captain, a class monitor or a prefect
    r"|captain|vice captain|team captain|monitor|class monitor|prefect|team leader|squad leader"
    # round 41: one who teaches or trains the texter ("our swim coach posted…"); the texter's own dropped
    # "i" after them stays theirs (_SUBJECTLESS_OWN_LATIN_RE)
    r"|coach|sifu|tutor|instructor|trainer|mentor|teacher|pastor"
    # round 42: an older sister in Filipino ("my ate"), a tutor's pupil
    r"|ate|tutee"
    # round 43: a friend as texted ("my fren in jc2 just texted me …")
    r"|fren|frenz|friendo)s?"
)
# "my eldest son", "my lil bro" (round 17: the older modifiers were little, younger, older, big, best, close)
_RELATION_MODIFIER_LATIN = (
    r"(little |lil |younger |youngest |older |oldest |elder |eldest |big |baby |kid |teenage |teen |twin "
    r"|middle |only |best |close |good |\d+ ?(yo|year old) "
    # round 24: a school year before the relation ("my sec 4 classmate", "my form 3 brother", "my p6 son")
    r"|(sec|form|year|yr|primary|grade|p|s|f|jc|poly) ?\d{1,2} "
    # round 40: a team, a club or a class first ("our swim team captain", "my choir friend")
    r"|(\w+ )?(team|club|squad|band|choir|troop|crew|class|dance|debate) "
    # round 50: where the texter knows them from, with no year ("my JC friend", "my hall friend")
    r"|(jc|poly|ite|uni|college|hall|dorm|church|school|work|office|tuition|army|ns|camp|online|gaming|discord"
    r"|ig|insta|tiktok|telegram|wechat|line|game) "
    # round 46: a foster, adopted or half relation ("my foster brother (14) said '...'")
    r"|foster |adopted |adoptive |half )?"
)
# "my little sister", "our 15yo son": the texter's own relation, as subject, speaker or owner
# (round 30: someone's relation of the texter's circle, "my wing chun sifu's son", "my coach's daughter")
_OWNER_OF_RELATION_LATIN = (
    r"((\w+ ){0,2}(sifu|coach|boss|teacher|tutor|neighbour|neighbor|friend|colleague|cousin|aunt|auntie|aunty"
    r"|uncle|landlord|landlady|pastor|manager|helper|maid|sister|brother|mum|mom|dad|godmother|godfather|mentor"
    r"|trainer|instructor)s )?"
)
_MY_RELATION_LATIN = (
    r"(my|our) " + _OWNER_OF_RELATION_LATIN + _RELATION_MODIFIER_LATIN + _RELATION_WORDS_LATIN
)
_OTHER_LATIN = (
    r"(he|she|hes|shes|he s|she s|they|theyre|they re"
    # she'd / he'd / they'd without the apostrophe (round 10): "told his friend hed end it"
    r"|shed|hed|theyd|she d|he d|they d"
    # she'll / he'll / they'll without the apostrophe (round 16): "if they see it shell drink the bleach"
    r"|shell|hell|theyll|she ll|he ll|they ll"
    r"|(my|our|a|their|his|her) " + _RELATION_MODIFIER_LATIN + _RELATION_WORDS_LATIN + ")"
)
_BETWEEN_LATIN = (
    r"(just|really|literally|actually|also|even|still|now|again|always|keeps|kept|keep|said|says|say"
    r"|told me|tells me|texted( me)?|messaged( me)?|wrote|posted|thinks|think|thought|is|was|has|had|have"
    r"|been|will|would|might|could|may|can|cant|wants|wanted|want|talks about|talked about|talking about"
    r"|is talking about|mentioned|keeps saying|that|to|like|about|of|threatened|threatens|threatening"
    r"|tried|tries|trying|going|asked( me)?|asks( me)?|wonders|wondered"
    # round 16: what their search history shows ("i found he searched how many")
    r"|searched|searches|googled|googles|looked up|looks up|was searching|has been searching|been googling)"
)
# not the one sent or told (round 10: "after what she sent my wife just looking over the edge")
_OTHER_LATIN_RE = re.compile(
    f"(?<!\\bsent )(?<!\\bsend )(?<!\\bto )(?<!\\btell )(?<!\\btold )(?<!\\bshow )(?<!\\bwith )"
    f"\\b{_OTHER_LATIN}( {_BETWEEN_LATIN}){{0,4}} ?$",
    re.ASCII,
)
_REFLEXIVE_OTHER_RE = re.compile(
    r"\b(himself|herself|themselves|themself|his life|her life|their life)\b", re.ASCII
)
# Round 23: "ive" right after a Chinese character or before a course word is IVE, the Institute of Vocational
# Education (我室友讀IVE Higher Diploma), not "I've"
# Round 30: nor "id" as the identity card ("left his wallet and id on the table"): "I'd" without its
# apostrophe only where no article, owner or other thing one carries comes before it ("and i'd" stays the
# texter's) and no card word after it
_SELF_LATIN_RE = re.compile(
    r"\b(i|im|(?<![\u4e00-\u9fff])ive(?! (higher|diploma|hd|course|courses|student|students|campus|year \d))"
    r"|(?<!his )(?<!her )(?<!the )(?<!your )(?<!their )(?<!an )(?<!its )(?<!our )"
    r"(?<!wallet and )(?<!passport and )(?<!phone and )(?<!keys and )(?<!card and )(?<!cards and )"
    r"id(?! (card|cards|number|no|photo|badge|check|verification))"
    r"|ill|me|myself|my)\b",
    re.ASCII,
)
# "me" after a verb of telling is the listener, not the one at risk ("she asked me how many pills")
_OBJECT_ME_RE = re.compile(
    r"\b(asked|asks|told|tells|texted|texts|messaged|messages|sent|sends|showed|shows|called|calls|warned"
    r"|begged|begs|wrote|writes|dmed|snapped|rang|phoned|made|makes|gave|gives|left|leaves|handed|hands"
    r"|bought|buys|recorded|records"
    # round 31: "he hugged me for a long time": the one hugged
    r"|hugged|hugs|hug"
    # round 24: "my best friend mailed me her scarf", "the last gift she'll ever send me"
    r"|mailed|mails|posted|posts|couriered|send|give|show|text|call"
    # round 42: a message app or a voice note ("whatsapp me", "msged me", "voice noted me", "dm me")
    r"|whatsapp|whatsapped|whatsapps|msged|msgd|msg|dm|dms|pm|pmed|voice noted|voice note|vn|ig|telegram|tg"
    # round 43: the same verbs going on ("my cousin keep asking me how many panadol is too many")
    r"|asking|ask|telling|texting|messaging|begging|calling|showing"
    # round 11: "my grandpa who takes care of me", "raised me", "pics of me"
    r"|of|after|raised|raises) me\b",
    re.ASCII,
)
# The texter asking what to do is the one who asks, not the one at risk (round 10): "who do i call",
# "what should i say to her", 我應該點做, 我可以點幫佢.
_ASKER_LATIN_RE = re.compile(
    r"\b(what|who|how|where|when|should|can|could|do|shall)( do| should| can| could| would| shall| must)?"
    r" i (do|say|call|tell|contact|help|handle|approach|report|go|talk|reach|ask|text|reply|respond)\b",
    re.ASCII,
)
_ASKER_HAN_RE = re.compile(
    "我(应该|应|该|可以|要|仲可以|能|能够|应唔应该|可唔可以|又)?(点样|点|怎么|怎样|如何)(做|办|帮|算|处理|开口|问|讲|说|回|覆|应对)"
    # round 27: 我現在該幹嘛, 我而家做咩好
    "|我(现在|而家|宜家|依家)?(应该|该|要)?(干嘛|干什么|做什么|做咩好|点算)"
)
# 朋友圈 (WeChat Moments) is the texter's own feed, not a friend.
_RELATIONS_HAN = (
    "仔|女|儿子|女儿|小朋友|孩子|小孩|细路|朋友(?!圈)|老友|同学|细佬|弟弟|家姐|姐姐|哥哥|大佬|妹妹|细妹|妹|弟"
    "|学妹|学弟|学姐|学长|师兄|师姐|师妹|师弟|同桌|舍友|学姊|姊姊|姊"
    "|表哥|表姐|表妹|表弟|学生|男朋友|女朋友|男友|女友|老公|老婆|伴侣|闺蜜|室友|同事|侄|姪|外甥|孙子|孙女|孙仔|孙|阿妈|妈妈|爸爸|老豆"
)
# Relations that name someone else even without 我 before them ("室友说活着没意义", "同学话佢想死").
_BARE_RELATIONS_HAN = (
    "儿子|女儿|孩子|小孩|朋友(?!圈)|老友|同学|细佬|弟弟|家姐|姐姐|哥哥|妹妹|细妹|表哥|表姐|表妹|表弟|男朋友|女朋友"
    "|男友|女友|闺蜜|室友|同事|好友|死党|兄弟|姊妹"
    # school relations (round 6): 我学妹说…, 学长话…, 同桌一直…
    "|学妹|学弟|学姐|学长|师兄|师姐|师妹|师弟|同桌|舍友|宿舍同学"
    # Taiwan forms (round 9): 學姊, 姊姊
    "|学姊|姊姊|家姊"
    # cousins on the father's side (round 10)
    "|堂妹|堂弟|堂哥|堂姐|堂姊"
)
# Cantonese relations (issue 12, round 4): 阿仔, 囡囡, 阿爸, 媽咪, 契妹, 同房, and the code-mixed 我friend /
# 我bf / 我gf / 我bro / 我sis of HK texters; bare 個仔 / 阿仔 / 囡囡 / 個同學 name someone else without 我.
_RELATIONS_HAN += (
    "|阿仔|囡囡|阿女|阿囡|阿爸|妈咪|爹哋|老窦|老母|阿哥|阿姐|阿妹|阿弟|契妹|契弟|契哥|契家姐|同房|宿友"
    # round 13: every English relation word after 我 (我housemate, 我cousin), and HK's own short forms
    "|fd|daddy|mummy|mommy|" + _RELATION_WORDS_LATIN
)
# Short family words after 我 (issue 12, round 5): 我哥一直說沒臉活, 我姐, 我妈, 我奶奶 are someone else.
# Round 10: 我個大仔, 我細女 (eldest, youngest); an apprentice (我個徒弟); spouses (我先生 is "my
# husband" in Taiwan and the mainland), in-laws, cousins on the father's side, 我們家娃, 我死黨.
_RELATIONS_HAN += "|大仔|细仔|孻仔|大女|细女|孻女|大囡|细囡"
_RELATIONS_HAN += (
    "|先生|太太|丈夫|妻子|媳妇|女婿|娃|堂妹|堂弟|堂哥|堂姐|堂兄|堂姊|表兄|表姊|死党|好友|好朋友|兄弟|姊妹|学员"
    "|继子|继女|外孙|徒弟"
)
_RELATIONS_HAN += "|哥|姐|爸|妈|奶奶|爷爷|阿嬷|阿嫲|嫲嫲|婆婆|外婆|公公|外公|舅舅|叔叔|阿姨|姑姑|表哥|表姐"
_RELATIONS_HAN += "|阿公|阿婆|阿爷|阿伯|阿叔"  # round 13: 我阿公 (grandpa), in Taiwan and Hong Kong
# round 13: a domestic helper (我們家的菲傭), a member of one's band, team or office (我樂團的鼓手)
_RELATIONS_HAN += "|菲佣|印佣|外佣|家佣|佣人|工人姐姐|鼓手|主唱|队员|团员|组员|成员|下属|队友|员工"
# round 41: an intern, a group's leader, a dorm's numbered roommates (老三 is the third eldest)
_RELATIONS_HAN += "|实习生|组长|老大|老二|老三|老四|老五|老六|老幺"
# round 42: a student who works part-time (工讀生), sworn siblings (乾妹)
_RELATIONS_HAN += "|工读生|干妹|干弟|干哥|干姐|干姊"
_RELATIONS_HAN += "|老板|老细|上司|主管|老总|店长"  # round 49: the boss the texter assists (我係老細嘅PA)
# round 46: a child in foster care with the texter (我寄養屋企個細路, 我寄养的孩子)
_RELATIONS_HAN += "|寄养(屋企|家庭|家)?(个|嘅|的)?(细路|孩子|小朋友|小孩|仔|女|儿子|女儿)"
# round 43: one under the texter in the forces or at work (我下面一個NSF, 我的兵, 我班上的新兵)
_RELATIONS_HAN += (
    "|新兵|士兵|兵仔|nsf|下面(的|嘅)?(一)?(个|位|名)(兵|新兵|nsf|员工|同事|实习生|学生|队员|下属)"
)
_BARE_RELATIONS_HAN += (
    "|个仔|个女(?![仔人生朋])|个囡|阿仔|阿女|阿囡|囡囡|契妹|契弟|同房|宿友|个同学|个朋友|个friend"
    # round 11: a grandparent's grandchild (個孫 / 個孫女); a pupil named with their school year
    # (班上有個中三女仔, 有個國二男生)
    "|个孙|个孙仔|个孙女"
    # round 43: a social worker's client (有個case同我講…)
    "|个case|有个case|我个case"
    "|(班上|班里|班中)?有(个|一个)"
    "(中[一二三四五六]|初[一二三]|高[一二三]|小[一二三四五六]|国[一二三]|form ?[1-6]|f[1-6]|s[1-6])"
    "(女仔|男仔|女生|男生|学生|同学|仔|女)"
)
# Cantonese family words that mean the texter's own without 我 (round 5): 阿妹成日喺廁所好耐, 老豆話想一了百了
# A teacher's pupil (round 10): 今日有個學生交嘅週記…, 班上有個女生…
_BARE_RELATIONS_HAN += (
    "|有个学生|有一个学生|有个同学|有个女生|有个男生|有个女仔|有个男仔|班上有个学生|班上有个同学|班上有个女生"
    "|有个兄弟|有个同事|有个工友|有个朋友|有个室友|有个舍友|工友"
    "|班上有个男生|班上一个学生|班上一个女生|班上一个男生|个大仔|个细仔|个大女|个细女"
    # round 16: a step-child (個繼女中三…)
    "|个继女|个继仔|个继子|继女|继仔|继子"
)
_BARE_RELATIONS_HAN += "|阿妹|阿弟|阿哥|阿姐|家姐|阿妈|阿爸|老豆|老窦|老母|阿嫲|阿嬷|阿爷|嫲嫲|婆婆|老公|老婆"
_BARE_RELATIONS_HAN += "|队友|队员|组员|团员"  # round 17: a teammate named bare (隊友同我講…)
# round 22: a volunteer named bare (志工跟我說…); round 33: not the work or its kit (做完義工, 義工件tee)
_BARE_RELATIONS_HAN += "|(?<![做当完])(志工|义工)(?!件|衫|tee|t恤|服|背心|证|活动|工作|时数|服务)"
# round 25: a young member of a team, a troop or a fellowship, told of by its leader (隊入面一個14歲嘅仔,
# 團契有個細路, 有個團員)
_BARE_RELATIONS_HAN += (
    "|(队|团|班|组|中心|团契|营)(入面|里面|里|上|中)?(有)?(个|一个)([0-9一二三四五六七八九十]{1,2}岁(嘅|的)?)?"
    # (their school year between: 队里一个读JC1的女生)
    "((读|读紧|念)?([a-z]{1,3}\\s?[0-9]|[大中高初国小][一二三四五六])(的|嘅)?)?"
    "(仔|女仔|男仔|女生|男生|细路|孩子|学生|团员|队员|组员|成员|女孩|男孩|小朋友"
    # (round 30: a younger girl or boy of the group, called sister or brother: 組有個高一的妹妹)
    "|妹妹|弟弟|小妹妹|小弟弟|姐姐|哥哥)"
    # (round 26: the class year first, 初一一个女生)
    "|(大[一二三四]|中[一二三四五六]|高[一二三]|初[一二三]|国[一二三])(班)?(有)?(一个|个)(女生|男生|学生|女仔|男仔)"
    # (a student named by their year alone: 一个大一女生)
    "|(?<![我你])一个(大[一二三四]|中[一二三四五六]|高[一二三]|初[一二三]|国[一二三])(女生|男生|学生|女仔|男仔)"
    # (round 41: the school year alone, as one of the group, 跆拳道班有個初二的)
    "|(队|团|班|组|中心|团契|营)(入面|里面|里|上|中)?有(个|一个)(读|读紧|念)?"
    "(中[一二三四五六]|初[一二三]|高[一二三]|小[一二三四五六]|国[一二三]|f[1-6]|s[1-6]|form ?[1-6])(的|嘅)"
    # (round 41: a former pupil, 有個舊生)
    "|有(个|一个)(旧生|旧学生|以前的学生|以前嘅学生)"
    "|有(个|一个)([0-9一二三四五六七八九十]{1,2}岁(嘅|的)?)?(团员|队员|组员|细路|孩子|女孩|男孩|小朋友|青年|少年|仔"
    # (round 26: a junior or a teammate, 有個師弟)
    "|师弟|师妹|师兄|师姐|学弟|学妹|学长|学姐|队友|拍档)"
)
# round 14: a tenant next door, a social worker's case, a care-home resident, a flatmate (我隔籬個租客話…,
# 個案話…, 我同屋…; not 同屋企人)
_LODGERS_AND_CLIENTS_HAN = "租客|房客|案主|院友|同屋(?!企)"
_BARE_RELATIONS_HAN += "|个租客|个房客|个住客|个个案|个案主|个院友|" + _LODGERS_AND_CLIENTS_HAN
_RELATIONS_HAN += "|工友|个案|" + _LODGERS_AND_CLIENTS_HAN
_RELATIONS_HAN += "|拍档|跑步拍档|搭档"  # round 26: a running or work partner (我個跑步拍檔)
_RELATIONS_HAN += "|训练生|练习生"  # round 31: a team's trainee (我們電競戰隊的訓練生)
# round 40: a team's captain, a class monitor, a transfer student (我們隊長, 我班個轉校生)
_RELATIONS_HAN += "|队长|副队长|班长|社长|转校生|插班生"
_BARE_RELATIONS_HAN += "|队长|副队长|转校生|插班生"
# round 37: a shipmate or a conscript of the same intake (我同船的, 我同梯), an orientation camp's group
# children (我組仔, 組女)
_RELATIONS_HAN += "|同船的|同船嘅|同梯的|同梯|同袍|组仔|组女"
_BARE_RELATIONS_HAN += "|组仔|组女"
# round 48: a senior or junior named bare (師兄說他的事都交代好了); a child named with their school year
# (我個P5仔, 個中二女)
_SENIORS_AND_JUNIORS_HAN = "师兄|师姐|师姊|师弟|师妹"
_BARE_RELATIONS_HAN += "|" + _SENIORS_AND_JUNIORS_HAN
_CHILD_BY_YEAR_HAN = "((p|f|s|form ?)[1-6]|[小中初高国][一二三四五六])(仔|女(?![仔人生朋])|囡)"
_BARE_RELATIONS_HAN += "|个" + _CHILD_BY_YEAR_HAN
# round 20: a hall mate (我hall友), sisters by friendship (好姐妹, cos圈嘅姐妹)
_HALL_MATES_AND_SISTERS_HAN = "hall友|房友|姐妹"
_RELATIONS_HAN += "|" + _HALL_MATES_AND_SISTERS_HAN
_BARE_RELATIONS_HAN += "|" + _HALL_MATES_AND_SISTERS_HAN
# round 17: a partner in slang (男票, 對象), a patient, step-parents and in-laws, a neighbour, an apprentice
_RELATIONS_HAN += (
    "|男票|女票|对象|病人|病患|继母|继父|后母|后父|后妈|后爸|嫂子|大嫂|阿嫂|弟妹|弟媳|小姑|小叔|姑仔|姨仔|邻居|姨甥"
    "|舅母|伯父|伯母|姨妈|姑妈|婶婶|干妈|干女儿|干儿子|契女|契仔|未婚夫|未婚妻|学徒|实习生"
    # round 47: an apprentice or their master (我徒弟, 我師傅)
    "|徒弟|徒儿|师傅"
    # round 48: a senior or junior of a temple, a school of martial arts or a lab (我師兄, 一起出坡的師兄),
    # and a child named with their school year (我個P5仔)
    "|" + _SENIORS_AND_JUNIORS_HAN + "|个?" + _CHILD_BY_YEAR_HAN
)
# a message app as the verb, and the texter written to (我friend whatsapp我話…, 我表妹微信跟我說…)
_APP_VERB_HAN = "(whatsapp|wa|msg|pm|dm|ig|line|微信|短信|短讯|信息|讯息)"
_WRITTEN_TO_ME_HAN = "(我|俾我|给我|跟我|同我)"
_SAY_HAN = (
    "话|说|讲|同我讲|跟我说|和我说|讲过|话过|说过|问我|同我话|跟我讲|对我说|话俾我知|send俾我话|发信息说"
    # round 38: a message sent, then its words (傳訊息說「對不起…」)
    "|(传|发|send)(咗|了)?(个|条|一条)?\\s?(讯息|信息|短讯|短信|msg|message)\\s?(来|过来)?(同我|跟我|给我|俾我)?(说|话|讲)"
    # round 19: keeps muttering or saying (老念叨, 總是說, 成日碎碎念)
    "|念叨|嘀咕|碎碎念|碎念|唠叨|老说|老是说|总说|总是说|老讲|老是讲"
    # round 42: muttering, the quoted words right after it (成日念「…」; not studying, 念書, 念大學)
    "|念(?=\\s?$)"
    # round 6: an app as the verb of saying
    rf"|\s?{_APP_VERB_HAN}{_WRITTEN_TO_ME_HAN}?\s?(话|说|讲)"
    # round 17: or with the words quoted right after it, the quote mark left as a space ("WhatsApp我「我…」")
    rf"|\s?{_APP_VERB_HAN}(咗|了)?{_WRITTEN_TO_ME_HAN}\s"
)
# A relation named as a subject: 我 + relation (我個女, 我哥), or a bare relation (阿妹, 個仔). The one told,
# asked or kept in the dark is a listener, not the one at risk: no relation right after 同/俾/讓/問…
# (同阿媽講, 俾我朋友, 讓我媽看到), and no bare one right after 我/佢/個/的 either.
# round 18: nor a role one takes on (下世再做朋友, 當佢係朋友)
# (round 30: nor the one whose room it is put in, "放我妈房间")
_LISTENER_BEFORE_HAN = "俾畀给比同跟和向诉发传让叫被对问帮陪搵找欠借做当进去放"
_BARE_RELATION_HAN = (
    # (round 13: nor right after 班, "俾我班同學" is the class told; round 14: nor after 將/把,
    # "將囡囡啲衫執好" is the child's clothes packed)
    # (round 39: nor a "good" friend told, 我跟好朋友說我想死: 好 after the listener's mark)
    f"((?<![我你佢他她个的嘅同跟和俾畀给对向问让叫女男欠借班将把])(?<![同跟和俾畀给对向问我]好)({_BARE_RELATIONS_HAN})"
    # a teacher's pupils (round 10: 學生跟我說…, 一個坐輪椅的學員), never the texter saying what they are
    # (我係學生)
    "|(?<![是系我])(学生|学员|学生仔|学生妹))"
)
# round 11: a space before a code-mixed relation ("我 friend", "我 girlfriend")
_RELATION_NP_HAN = (
    # round 38: "my" before a code-mixed relation with Chinese right after it ("my bf成日講「…」"); not in
    # English ("my mum's sleeping pills" keeps English's own rules)
    f"((?<![a-z])(my|our)\\s?({_RELATIONS_HAN})(?=\\s?[\u4e00-\u9fff])"
    # round 39: a senior or junior of the texter's lab (lab個師兄, 實驗室的師姐)
    "|(?<![a-z])(lab|实验室|研究室|课题组)\\s?(个|嘅|的|里的|入面嘅)(师兄|师姐|师弟|师妹|同门)"
    f"|(我|我哋|我们)\\s?(的|嘅|个|屋企|家|班)?"
    # round 20: their school year or age first (我國二的弟弟, 我16歲嘅細妹)
    # (with 的/嘅: "我國三 阿公的藥" is the texter's own year, then whose medicine)
    "(((中|初|高|国|小)[一二三四五六]|大[一二三四]|[0-9一二三四五六七八九十]{1,3}岁)(的|嘅))?"
    # round 13: a household or a group first (我們家的, 我樂團的, 我公司嘅)
    # round 22: any team by its sport (我們籃球隊的, 游泳队嘅; 乐队, 球队 and 团队 among them), a temple,
    # a fellowship
    # (round 41: a study or work group, 小組)
    "((家|屋企|乐团|公司|部门|社团|宿舍|hall|教会|组|小组|队|[\u4e00-\u9fff]{1,3}队|宫庙|团契"
    # round 46: a shared or rented room (我雅房的室友, 我合租的室友, 我隔壁房嘅舍友)
    "|雅房|套房|合租|分租|同租|租屋|出租屋|劏房|隔壁|隔篱|隔壁房|隔篱房|对面房"
    # round 30: a martial-arts hall, a club or a society (我道館的師弟, 我泳會嘅師妹)
    "|[\u4e00-\u9fff]{1,2}(馆|会|社)"
    # round 43: where they came from (我越南來的朋友, 我從大陸嚟嘅同事)
    "|(从|由)?[\u4e00-\u9fff]{1,3}(来|嚟))(的|嘅|里的|入面嘅))?"
    f"({_RELATIONS_HAN})|{_BARE_RELATION_HAN}"
    # round 41: a team, a club or a class of theirs first, with no 我 (乒乓球隊的隊友, 合唱團嘅師姐,
    # 公司的同事); not 網上認識的朋友, whose 的 follows no group
    "|(?<![我你佢他她])([\u4e00-\u9fff]{1,3}队|乐团|合唱团|社团|宿舍|教会|团契|公司|部门|小组"
    # (round 42: a department, 系上的學長; a part-time job or an internship, 打工認識的同事)
    "|系上|系里|系队|打工|兼职|实习"
    "|[\u4e00-\u9fff]{1,2}(馆|会|社|班))"
    # (one new to it or met there between, 公司新來的實習生, 補習班認識的朋友; not 網上認識的, whose
    # place is no group)
    # (round 42: in Cantonese, 公司新嚟嘅intern; or with 個, 樂隊個鼓手; or on it, 隊上的學弟)
    f"(里|入面|上)?(新来|刚来|新嚟|啱嚟|新入嚟|新|以前|认识|识)?(的|嘅|里的|入面嘅|里面的|个)({_RELATIONS_HAN})"
    # (a neighbour's child, 鄰居家的小孩; round 42: the room or the flat next door, 隔籬房嘅師姐,
    # 隔壁寢室的學姊)
    "|(邻居|隔壁|隔篱|楼上|楼下|对面)(家|屋企|房|屋|间房|寝室|宿舍)?(的|嘅)(小孩|孩子|女儿|儿子|仔|女|细路|小朋友"
    "|师兄|师姐|师弟|师妹|学长|学姐|学姊|学弟|学妹|同学|室友|租客|房客|阿伯|阿婶|姐姐|哥哥|妹妹|弟弟)"
    # round 47: the texter's shop or workshop first, with no 嘅 (我個髮型屋徒弟, 我間餐廳嘅伙計)
    "|(我|我哋|我们)\\s?(个|间|嘅|的)?[\u4e00-\u9fff]{1,3}(屋|店|铺|厂|餐厅|酒楼|工场|工作室|salon)(的|嘅|个|里的|入面嘅)?"
    "(徒弟|学徒|师傅|伙计|同事|员工|下属|学生))"
)
# How often or when someone said it (成日講, 琴日話), and the verbs that report their words.
# all night, every day (round 10: 阿爸成晚講…)
_ALL_NIGHT_HAN = "成晚|日日|晚晚|整晚|整天|每晚|每天"
# round 11: these days (这两天, 呢几日, 近排)
_THESE_DAYS_HAN = "这两天|这几天|呢两日|呢几日|呢排|近排"
_WHEN_SAID_HAN = (
    f"成日|一直|经常|又|仲|还|突然|今日|今天|琴日|昨天|啱啱|刚刚|跟住|{_ALL_NIGHT_HAN}|{_THESE_DAYS_HAN}|最近"
    # round 17: a moment ago (頭先)
    "|头先|刚才"
    # round 40: just now, with one character (我表弟刚WhatsApp跟我说…)
    "|刚"
    # round 32: over and over (她一直重複說…)
    "|重复|反复|不停|不断"
)
# round 29: a voice note or a message sent to the texter, then its words (佢send咗段voice俾我話「…」)
_SENT_ME_HAN = (
    "((send|发|传)(咗|了)?(段|条|个|一段|一条|呢段|这段|呢条|这条)?"
    "(voice|voice message|语音|录音|msg|message|讯息|信息|短讯)?"
    "(俾|给|畀)我\\s?(话|讲|说)?"
    # round 30: or sent the texter a line, with no 俾 (佢啱啱send我一句「…」); round 31: or its words right
    # after (我闺蜜凌晨五点发我'…')
    "|(send|发|传)(咗|了)?我(一句|句|一段|段|一条|条)?\\s?"
    # round 47: or the texter first, then the app (刚给我发微信「…」, 啱啱俾我send WhatsApp「…」)
    "|(给|俾|畀)我(send|发|传)(咗|了)?(个|条|一条|段|一段)?\\s?(微信|wechat|whatsapp|wa|讯息|信息|短讯|短信|消息|msg"
    "|message|voice|语音|录音)\\s?(话|讲|说)?)"
)
# (round 39: posted, with no aspect word, in a place named before it, 喺群組發：「…」)
_QUOTING_HAN = (
    f"{_SAY_HAN}|写|写咗|写了|send咗|发咗|发了|post咗|发(?!现|觉|生|烧|梦|达|展|誓|脾气|嬲|火|癫|疯|抖|呆)"
    f"|{_SENT_ME_HAN}"
    # round 46: what they keep repeating or mutter to themself (她一直重複「…」)
    "|重复(着|住|讲|说)?|反复(讲|说)|喃喃(自语)?|自言自语(说|讲)?"
)
_OTHER_HAN_RE = re.compile(
    # (round 44: not "it's him" again, 一開電話又係佢: the one named, the blackmailer, not a subject)
    f"((?<![系是])(佢|他|她)|(?<![{_LISTENER_BEFORE_HAN}])((我|我哋|我们|我的|我嘅|我个|我屋企|我家)({_RELATIONS_HAN})"
    f"|{_BARE_RELATION_HAN}))"
    f"(哋|们|地)?({_SAY_HAN}|成日|一直|经常|又|都|仲|还|已经|好似|似乎|可能|会|要|真系|真的|最近|开始|偷偷|系|是"
    f"|{_ALL_NIGHT_HAN}|觉得|认为|却|总是|老是|自己|{_THESE_DAYS_HAN}"
    # round 11: code-mixed, with spaces ("我 friend 这两天一直讲 …")
    "|佢|他|她|想|想要|好想|打算|准备|试过|试图|曾经|就|去|仲话|又话|\\s"
    # round 12: his kind of person (他这种人没有以后了), always saying (老说)
    "|这种人|这样的人|呢种人|咁嘅人|老说|老讲"
    # round 16: when it was (她去年试过一次, 佢上年做过)
    "|去年|旧年|上年|前年|之前|以前|早前|上次|上个月|上个礼拜|上星期"
    # round 36: what they would use it for (佢用嚟做傻事)
    "|用嚟|用来|拿来|拎嚟|攞嚟|拿去|拎去){0,6}$"
)
# 我 after a verb of telling or a preposition is the listener ("佢問我食幾多粒藥", "同我講"), not the one
# at risk
# nor is 我 as the one who hears or sees it ("我聽到佢喊 話唔想活", "我見到佢手臂有痕")
# round 16: nor 我 told something right after an app or a message verb in English ("WhatsApp我話…", "dm我说…":
# they wrote to the texter; "佢一send我即刻跳" is still the texter)
_WROTE_TO_ME_HAN = "|".join(
    f"(?<={verb})" for verb in ("whatsapp", "wechat", "msg", "pm", "dm", "call", "text", "send", "ig")
)
# (round 23: nor 被我 where the words before a signal end, "by me": 被我|看到她在搜… is the texter who saw)
_SELF_HAN_RE = re.compile(
    rf"(?<![问同跟给俾畀叫教诉对和])(?!(?<=被)我$)(?!({_WROTE_TO_ME_HAN})我[话说讲\s])我(?!哋|们|地|(刚|刚刚|啱啱|先|今日|今天|琴日|昨天|头先|最近)?(听到|听见|见到|睇到|看到|看见|发现|留意到|收到|掀开|翻开|拉起|撩起|揭开"
    # (round 47: or only saw, 我見佢車尾箱有…)
    "|见(?=佢|他|她)|睇见)|面前|眼前|前面|身边|身旁)"
)
# A relation named as a subject further back still decides ("my sister has been cutting and says she
# doesnt want to live", "我細妹成日𠝹手 仲話唔想活") unless the texter speaks of themself after it;
# not when it is an object ("send it to my friend", "俾我朋友").
_RELATION_NP_LATIN = (
    r"\b("
    + _MY_RELATION_LATIN
    + r"|((a|one|some|this|the) )?(guy|girl|boy|kid|student|friend|person|someone|lady|man|woman|auntie"
    r"|uncle)"
    # (round 25: with words naming the class between, "a girl in my sec 3 form class")
    r" (in|from|at|on) (my|our) (\w+ ){0,3}?(class|school|year|group|team|dorm|form|shift|night shift|crew"
    r"|floor|ward|unit|course|cohort|batch|hall|block|office|department"
    # round 19: a club or a group outside class ("a girl in my cca", "a boy in my youth group")
    r"|cca|club|society|choir|band|squad|troop|youth group|cell group|tuition class|church"
    # round 44: a gaming group ("a guy from our valorant 5-stack", "someone in our clan")
    r"|stack|party|clan|guild|server|lobby|discord)"
    # round 19: with their school year before them ("a jc1 girl in my cca", "a sec 2 boy from my church")
    r"|(a|one|this|the) (jc ?[i1-3]|j[i1-3]|sec ?\d|s\d|p\d|f\d|form \d|year \d+|yr \d+|grade \d+)"
    r" (guy|girl|boy|kid|student) (in|from|at|on) my \w+( \w+)?"
    r"|someone (in|from|on) my (class|school|year|group"
    r"|team|shift)"
    # round 10: a relation word or a year-N pupil opening the message ("classmate wrote...", "year 10 boy
    # told me...")
    # (a subject with its verb: not "mum if you read this", which speaks to her)
    # round 11: where they are from may come between ("colleague on night shift left…", "friend at uni says")
    # (round 13: any workplace, "coworker at the factory says")
    # (round 41: with an article or one word of where first, "a colleague texted…", "kindergarten colleague
    # texted…"; not a greeting or the texter's own word, "ok mum…", "im…")
    r"|^((a|an|one|another|this) )?((?!(i|im|ok|okay|so|and|but|hey|hi|hello|yo|pls|please|sorry|lol|omg|help"
    r"|um|uh|hmm|bro|sis|my|our|your|dear)\b)[a-z]+ )?"
    + _RELATION_WORDS_LATIN
    + r"(?=( (at|from|in|on) (uni|school|college|work|church|site|night shift"
    r"|the site|the office|the warehouse|my team|my shift|my course|(the |my |our )[a-z]+))?"
    r" (just |keeps |always |also |has |had"
    r" |even |then )?(said|says|wrote"
    r"|writes|posted|posts|told|tells|texted|messaged|msged|sent|gave|gives|is|was|has|had|keeps|kept|started"
    r"|stopped|hasnt|wont|cant|didnt|been|tried|tries|asked|left|went|came|got|gets|locked|refuses|refused"
    r"|stays|stayed|hid|hides|bought|buys)\b)"
    r"|^(year|yr|form|grade|sec|secondary|primary|p|s|f) ?\d+ (boy|girl|kid|student|guy|pupil|child)"
    # round 13: a parent's child, told by a teacher ("her boy said", "his daughter wrote")
    r"|(his|her|their) (little |younger |older |eldest |youngest |\d+ ?(yo|year old) )?(son|daughter|boy|girl"
    r"|kid|child|kids|children|brother|sister)"
    # round 10: "a year 9 girl", "a form 3 boy", "one p6 student" (a teacher or parent speaking)
    # (round 18: "my p6 student", "our form 4 boy")
    r"|(a|an|one|this|the|another|my|our) (year|yr|form|grade|sec|secondary|primary|p|s|f) ?\d+"
    r" (boy|girl|kid|student|guy|pupil|child)"
    # round 27: a word before a mate of a team, a class or a home ("my fencing teammate")
    r"|(my|our) \w+ (teammate|team mate|bandmate|classmate|coursemate|roommate|flatmate|housemate|hallmate"
    r"|labmate|crewmate|squadmate|bunkmate|dormmate"
    # round 41: or before one who teaches or trains them ("our swim coach", "my piano teacher")
    r"|coach|sifu|tutor|instructor|trainer|teacher|captain)s?"
    # round 25: one of the young people in the texter's care ("one of my lads", "one of my u16 boys")
    r"|(one|some|two|three|a few|a couple) of (my|our) (\w+ )?(lads|boys|girls|kids|students|pupils|players"
    r"|members|scouts|campers|clients|residents|trainees|juniors|mentees|athletes|swimmers|cadets|youths"
    r"|first years|freshers|freshmen|tutees|seniors|boarders)"
    # round 19: a pupil named by their year alone, in the teacher's form or class ("a y9 in my form")
    r"|(a|one|this|another) (year|yr|y|form|grade|sec|secondary|primary|p|s|f) ?\d+"
    r" (in|from) (my|our) (form|class|tutor group|homeroom|set|year group)"
    # round 11: "one of my year 8s", "two of my p5s" (a teacher speaking of a pupil)
    r"|(one|some|two|three|a few|a couple) of (my|our)"
    r" (year|yr|form|grade|sec|secondary|primary|p|s|f) ?\d+(s| (girls|boys|kids|students|pupils))"
    # round 21: a pupil or someone in the texter's care who came to them ("an f 4 boy just came to the staff
    # room and said", "a resident came to the nurses station")
    r"|(a|an|one|this) (\w+ ){0,2}(student|pupil|boy|girl|kid|child|teen|resident|patient|client|trainee"
    r"|camper|scout|player) (just )?(came|walked|ran|turned up|showed up|stayed|stayed back|came back)"
    r"( in| into| to| up to| back to| over to)? (my|the|our) (\w+ )?(office|staff room|staffroom|room|desk"
    r"|classroom|counter|clinic|door|tent|station|locker room|changing room))\b"
)
# A relation as the owner of the means ("got my dads insulin", "saving up my mums sleeping pills") is not
# the one at risk.
_OWNED_MEANS_LATIN = (
    r"(?! (sleeping |heart |blood pressure |pain |old )?(pil+s|meds|medicine|medication|insulin|tablets|"
    r"panadol|razor|razors|blade|blades|knife|knives|gun|belt|rope|car|cough syrup|prescription"
    r"|pil+ bottle|pil+|bottle)\b)"
)
_OWNER_BEFORE_LATIN_RE = re.compile(_RELATION_NP_LATIN + " $", re.ASCII)
_RELATION_LATIN_RE = re.compile(
    # (round 27: nor "to both my kids", "to all my friends": the ones written to)
    r"(?<!\bto both )(?<!\bto all )"
    r"(?<!\bto )(?<!\bwith )(?<!\btell )(?<!\bshow )(?<!\bsend )(?<!\bsent )(?<!\bat )"
    # round 11: the one a video reached is no subject ("the video already reached my cousin")
    r"(?<!\breached )(?<!\breach )(?<!\breaches )"
    # round 18: nor the one owed, thanked or visited ("paid back what i owed my friend")
    r"(?<!\bowed )(?<!\bowe )(?<!\bthanked )(?<!\bvisited )"
    + _RELATION_NP_LATIN
    + _OWNED_MEANS_LATIN
    # round 25: nor the owner of a number, an address or a workplace the blackmailer holds ("has my vid and my
    # mum's number")
    + r"(?!s? (number|phone number|contact|contacts|address|account|email|workplace|office|boss|company"
    r"|work group|group chat|gc"
    # round 39: nor the owner of the group or the chat the images reach ("already in my cousins group")
    r"|group|chat|class chat|class group|class gc|family chat|family group|whatsapp group|wechat group"
    r"|line group|telegram group|discord|discord server|server"
    # round 26: nor the owner of the PIN or the papers left in order ("my wife's bank PIN is in the drawer")
    r"|bank|bank pin|pin|password|passwords|insurance|savings)\b)",
    re.ASCII,
)
# (round 25: nor the one the images are sent to, "发到我老公的工作群", "寄到我公司"; "发去" and "寄去" end
# in 去, a listener's mark since round 26)
# (round 38: nor the ones a burden falls on, "活住只會連累老婆仔女", "害我媽")
_RELATION_HAN_RE = re.compile(
    f"(?<![{_LISTENER_BEFORE_HAN}])(?<!发到)(?<!传到)(?<!寄到)(?<!send到)(?<!post到)"
    f"(?<!连累)(?<!拖累)(?<!害)(?<!累老婆)(?<!累老公)(?<!累爸妈)(?<!累父母){_RELATION_NP_HAN}"
    # round 44: nor the owner of the contact list or the group the blackmailer holds
    # ("佢有晒我啲朋友list"), as in English
    "(?!(嘅|的|啲)?\\s?(list|名单|通讯录|联络人|联系人|contacts|contact|群组|群|group|gc))"
)
_PRONOUN_OTHER_RE = re.compile(r"\b(he|she|hes|shes|they|theyre|him|her|his|them)\b|佢|他|她", re.ASCII)
# Where a relation wrote it ("wrote in our gc", "in her notebook"), after the verb.
_WHERE_WRITTEN_LATIN = (
    # round 13: up to two words before the place ("on her close friends story", "in our class gc")
    r"( (in|on) (the |our |his |her |their |my )?(\w+ ){0,2}(group|group chat|gc|chat|story|ig|insta|snap"
    r"|notes app|notes|journal|diary|notebook|planner|exercise book|essay|homework"
    # round 18: a chat app or server ("typed in our family whatsapp", "in the discord server")
    r"|whatsapp|discord|server|telegram|wechat|line|messenger|dms|dm"
    # round 18: school work and notes ("wrote on his worksheet")
    r"|worksheet|exam paper|test paper|desk|whiteboard|mirror|post it|postit|sticky note|status|bio"
    # round 19: a story shown to a few, a feed ("put on close friends", "posted on her moments")
    r"|close friends|cf|feed|stories|profile|timeline|wall|moments))?"
)
# Where the relation is, between them and the verb (round 16: "my brother on a container ship messaged:").
_WHERE_THEY_ARE_LATIN = (
    # (round 50: up to four words, "my friend in sec 2 (normal stream) keeps writing")
    r"( (on|in|at|from|back in|out in|over in) (a |an |the |his |her |their |our )?(\w+ ){0,3}\w+)?"
)
# Reported speech: after "my son said", 我個女話, the quoted "I" is theirs ("我孩子说我死了你们就轻松了").
# Round 10: any relation named as a subject ("guy in my class said", "year 10 boy told me").
# Round 17: when and where it was said, after the verb ("sent me 10 min ago:", "told me in the pantry").
_WHEN_SAID_LATIN = (
    r"( (\d+|a|an|one|two|few|a few) (min|mins|minutes|hour|hours|hr|hrs|sec|secs|seconds) ago"
    r"| just now| last night| this morning| tonight| earlier| yesterday)?"
    r"( (in|at|during|after|before) (the |our |his |her |a )?(\w+ )?\w+)?"
)
# round 17: not the one written to ("i messaged my sister saying i want to die" is the texter's own words)
_WRITTEN_TO_LATIN = "".join(
    rf"(?<!\b{verb} )"
    for verb in (
        "messaged",
        "texted",
        "told",
        "tell",
        "called",
        "asked",
        "emailed",
        "dmed",
        "sent",
        "to",
        "with",
    )
)
_QUOTE_LATIN_RE = re.compile(
    _WRITTEN_TO_LATIN
    + _RELATION_NP_LATIN
    # round 17: an age given after them ("my little bro (16)")
    + r"( \d{1,2})?"
    + _WHERE_THEY_ARE_LATIN
    # round 38: a relative clause about them ("an s3 boy whose dad is in prison told me")
    + r"( (who|whose) (\w+ ){0,6}?\w+)?"
    # (round 50: "keep writing", as texters type it)
    + r" (just |literally |keeps |keep |kept |always )?(said( to (me|us))?|says|say|saying|texted( me)?"
    r"|wrote( to me)?|posted|told (me|us)|tells me|messaged( me)?|sent( me)?|dmed( me)?|dm ?d( me)?"
    # round 50: what they keep writing or posting ("keeps writing 'i hope i dont wake up' in her notebook")
    r"|writes|writing|posts|posting"
    # round 28: told to someone of theirs ("my son told his sister '…'")
    r"|told (his|her|their) (\w+ )?\w+"
    r"|whatsapped( me)?|emailed( me)?"
    # round 39: said under the breath ("my sister whispered to me i …")
    r"|whispered( to me| to us)?|whispers( to me)?|muttered( to me)?|mumbled( to me)?"
    r"|whispering|muttering|mumbling"
    # round 18: typed, in a chat the texter forwards ("forwarding what my cousin typed in our gc:"); a card
    # or a note handed over with the words on it ("gave her teacher a card saying …")
    r"|typed( to me)?|(gave|handed|sent|left|passed|slipped)( \w+){0,2} (a|the|this)( \w+)? (card|note|letter"
    r"|drawing|post it|postit) (saying|that said|which said|that says|reading))"
    + _WHERE_WRITTEN_LATIN
    + _WHEN_SAID_LATIN
    + r"( that| like)?"
    r"( (i|im|i m|ill|i will|i am|am|really|just|want|wanna|going|gonna|to|should|feel|like|wish"
    r"|need|you|youd|you d|yall|all|everyone|would|could|be"
    # round 17: the listener addressed first ("gor im going to…")
    r"|gor|kor|jie|bro|sis|mum|mom|ma|dad|guys)){0,5} ?$",
    re.ASCII,
)
# A relation's conditional, reported (round 6): "my son said if this gets out my life is over". Only an
# if/when clause: without punctuation a plain clause could be the texter's own words after the quote
# ("my bro said im overreacting i want to die"), and a suicidal texter told to help someone else is the
# worse mistake.
_QUOTE_CONDITION_LATIN_RE = re.compile(
    _RELATION_NP_LATIN
    # round 28: an age given after them, and told to someone of theirs ("my son (16) told his sister if …")
    + r"( \d{1,2})?"
    + r" (just |literally |keeps |kept |always |also |even )?(said|says|saying|texted( me)?|wrote|told me"
    r"|told (his|her|their) (\w+ )?\w+"
    r"|tells me|messaged( me)?|keeps saying|kept saying)"
    # round 18: where it was written ("wrote on his worksheet if …")
     + _WHERE_WRITTEN_LATIN + r"( that| like)? (if|when|once|after|as soon as)"
    r"( (?!(you|u|but|and|so|because|cos|coz|cause|text|call|help|then)\b)[a-z0-9*]+){0,7} ?$",
    re.ASCII,
)
# Where they said it, between the relation and the verb (round 6): 朋友喺群組講…, 我表妹在ig限動寫…
# Round 9: a story or a school notebook too (男生在IG限動寫…, 學生在週記寫…).
_WHERE_SAID_HAN = (
    # round 10: a notebook handed in, with no 在 (今天交的週記裡寫…)
    r"(交的|交嘅|交咗嘅|交了的)(周记|日记|作文|作业|功课|笔记|联络簿|周记本)(里|入面|上|度|里面)?|"
    r"(喺|在|于)\s?(群组|群|group|gc|ig|instagram|ig story|story|限动|朋友圈|fb|facebook|动态|post"
    r"|tg|telegram|whatsapp|wechat|微信|line|dcard|threads|小红书|微博|周记|日记|作业本|作业|功课|联络簿|手册|笔记"
    # round 38: school books and papers (在練習本上寫, 喺作文簿度寫)
    r"|练习本|练习簿|作文本|作文簿|作文|本子|课本|笔记本|日记本|作业簿|草稿纸|试卷|考卷|桌面|书桌|枱面)"
    r"(\s?(限动|story|动态|度|入面|里|上|里面|到|最后一页|最后|封底)){0,2}"
)
# Who may be quoted (round 9): a relation, or a student or a boy or girl of a class a teacher speaks of
# (班上一個男生在IG限動寫…), never the texter saying what they are (我是學生).
_QUOTE_SPEAKER_HAN = (
    # round 17: not the one told ("我同我老公講我想死" is the texter's own words to him)
    f"((?<![{_LISTENER_BEFORE_HAN}]){_RELATION_NP_HAN}|(?<![是系])(班上|班里|班上的|我班|班中|队里|队上|队中|我队"
    # round 38: the teacher's class named whole (我們班一個初三男生, 我哋班有個中二女仔)
    "|我们班|我哋班|我们班上|我们级|我哋级)?(一个|有个|个)?"
    # round 13: an age first, and a team's children (一个17岁的孩子, 队里个队员)
    # (round 38: or a school year, 一個初三男生)
    "([0-9一二三四五六七八九十]+岁(的|嘅)?|[小初中高国][一二三四五六](的|嘅)?|f\\s?[1-6](的|嘅)?)?"
    # round 22: a young volunteer or a member of a temple or a church (一個年輕志工)
    "(年轻|后生|新来)?(的|嘅)?"
    "(学生|男生|女生|男仔|女仔|男同学|女同学|细路|小朋友|学员|孩子|小孩|队员|球员|志工|义工|会员|教友|信徒|同工"
    # round 34: a team's junior (我们狮队一个14岁的师弟)
    "|师弟|师妹|学弟|学妹"
    # round 40: a transfer student (有個轉校生週記寫…)
    "|转校生|插班生))"
)
# a message sent to the texter, as the verb of their words (學生下課傳訊息給我…); sent with no word for the
# message (round 18: 我弟發給我：哥 我…) is _SENT_ME_HAN's, among the quoting verbs since round 29
_MESSAGED_ME_HAN = (
    "(传|发|send|send咗|发咗|传咗|发了|传了)(个|条|一条|一个)?(讯息|信息|短讯|msg|message|whatsapp|wechat"
    "|微信)(给我|俾我|畀我|来|过来)"
)
# Round 19: the speaker's school year or age, given right after them ("我細佬讀初二 頭先…",
# "有個隊員（中四）同我講").
_DESCRIBED_HAN = (
    # (round 38: where they study first, "我表弟在新山讀中二", "我表妹喺澳門讀中三")
    "(\\s?((在|喺)[\u4e00-\u9fff]{1,4}(读|读紧|念))?(读|读紧|在读|念|上|今年)?"
    "([小初中高国大][一二三四五六]|f\\s?[1-6]|form\\s?[1-6]|[0-9一二三四五六七八九十]{1,2}岁)\\s?)?"
)
# Round 40: at night, as the quote rules name the time they said it (半夜, 琴晚, 昨晚)
_AT_NIGHT_HAN = "半夜|凌晨|今晚|琴晚|昨晚"
# Round 39: how they said it (偷偷同我講, 好細聲咁講, 哭著說)
_HOW_SAID_HAN = (
    "偷偷|悄悄|细细声|小小声|小声|好细声咁|好细声|哭住|喊住|哭着|喊着|好平静咁|好冷静咁|平静地|冷静地"
    # round 40: on the phone (昨晚打電話跟我說…, 打嚟同我講…)
    "|打电话来|打电话|打咗电话|打了电话|打咗嚟|打嚟|打来|打视频|视频|语音|call我"
)
# Round 40: the texter addressed in Malay, Tagalog or English right after a Chinese verb of saying
_ADDRESSED_LATIN = "(kak|kakak|abang|ate|kuya|bro|sis|mum|mom|ma|dad|mama|papa|mummy|mommy|daddy)(?![a-z])"
# Round 40: their own "I" opening their words in English after a Chinese verb of saying (他在群里说 im
# going to…)
_LATIN_I_OPENING = (
    "(\\s?(i|im|i m|i am|ill|i ll|i will)\\s?"
    "(going to|gonna|will|wanna|want to|really want to|just want to)?\\s?)?"
)
# Round 40: a parent addressed in a child's question (一直问 妈妈…, 成日問我 媽咪…)
_ASKED_PARENT_HAN = "妈妈|妈咪|妈|阿妈|爸爸|爸|阿爸|爹哋|老豆|mum|mom|mama|daddy|mummy"
# the question after its asker, up to the signal: a 我 right after the address is the child's, another 我 or a
# turn back to the texter's own (但, 其實…) ends it
_ASKED_PARENT_WORDS_HAN = (
    f"({_WHEN_SAID_HAN}){{0,2}}(问|问我|跟我说|同我讲|对我说|话)\\s?({_ASKED_PARENT_HAN})"
    "(我)?((?!但|可是|不过|可系|其实|but)[^。我]){0,40}$"
)
_QUOTE_HAN_RE = re.compile(
    f"{_QUOTE_SPEAKER_HAN}{_DESCRIBED_HAN}({_WHEN_SAID_HAN}|最近|下课|放学|{_AT_NIGHT_HAN}|{_HOW_SAID_HAN}){{0,2}}"
    f"({_WHERE_SAID_HAN})?"
    f"({_QUOTING_HAN}|{_MESSAGED_ME_HAN}"
    # round 40: or asked, a parent addressed right after it (一直问 妈妈我是不是你的累赘)
    f"|问(我)?(?=\\s?({_ASKED_PARENT_HAN})))(住|着)?"
    # the one they wrote to, named first (round 10: 學生傳訊息給我 老師我想死; round 18: after a colon,
    # "給我：哥")
    "\\s?(老师|阿sir|sir|miss|妈|妈妈|妈咪|阿妈|爸|爸爸|老公|老婆|哥|姐|家姐|师父|师傅"
    # round 28: a grandparent addressed (阿嬤對不起…)
    "|阿嬷|阿嫲|嫲嫲|奶奶|婆婆|外婆|阿婆|爷爷|阿公|公公|外公"
    # round 29: a sister or a brother addressed, Taiwan forms too (傳給我「姊 我想死…」)
    "|姊|姊姊|哥哥|姐姐|家姊|细佬|弟弟|妹妹|阿妹|阿弟"
    # round 40: or in Malay, Tagalog or English (跟我说 kak 我要…, 同我講 bro i want to…)
    f"|{_ADDRESSED_LATIN})?\\s?"
    # their own 我 right before the signal ("…傳訊息給我 老師我想死")
    "(如果|要是|假如|若果|万一)?(今天|今日|今晚|听日|明天|听晚)?(我|我都|我真系|我真的)?(要|会|想|好想|准备)?"
    # round 40: or their own "I" in English after a Chinese verb of saying (他在群里说 im going to…)
    f"{_LATIN_I_OPENING}$"
)
# 佢/他/她 quoting, once a relation was named before it: "表哥俾人勒索 佢成日講 我死咗大家會輕鬆啲".
# Without a relation named first, 佢 is as likely the blackmailer talking to the texter: the texter's
# own reading stays.
_QUOTE_PRONOUN_HAN_RE = re.compile(
    # round 18: more than one word of when (佢而家又同我講…)
    f"(佢|他|她|仲|还|又)({_WHEN_SAID_HAN}|{_HOW_SAID_HAN}|都|而家|宜家|依家|现在|今晚|琴晚|昨晚){{0,3}}"
    # (round 40: where they said it, 他在群里说…)
    f"({_WHERE_SAID_HAN})?({_QUOTING_HAN}|写住|讲咗句|说了句|话咗句)(住|着)?"
    # (round 40: the texter addressed first, 跟我说 kak…, 同我講 家姐…)
    f"(\\s?({_ADDRESSED_LATIN}|家姐|姐姐|姐|哥哥|哥|阿哥|家姊|姊))?\\s?"
    # round 17: the quoted words may open with what they will do (佢啱啱WhatsApp我「我要…」)
    "(我|我都|我真系|我真的)?(要|会|想|好想|准备)?"
    # round 40: or with their own "I" in English (他在群里说 im going to…)
    f"{_LATIN_I_OPENING}$"
)
# Round 40: 佢/他/她 asking the parent, once a relation was named before it ("兒子十四歲… 他一直問
# 媽媽我是不是…"); the question as _ASKED_PARENT_SPEECH_HAN_RE reads it
_ASKED_PARENT_PRONOUN_HAN_RE = re.compile(f"(佢|他|她){_ASKED_PARENT_WORDS_HAN}")
# Round 19: 佢/他/她 and what they would then do, a few words before a signal with no 我 in it
# ("有個隊員同我講如果… 佢就喺船上面跳落海"); theirs once a relation or one who may be quoted was named
# before it. ("他真的傳的話我就上頂樓" stays the texter's: the 我 is in the signal.)
# (one who may be quoted: a relation as _RELATION_HAN_RE reads it, or "有個隊員", "班上一個女生")
_SPEAKER_HAN_RE = re.compile(_QUOTE_SPEAKER_HAN)
_PRONOUN_THEN_HAN_RE = re.compile(
    # (not what they would be spared: "等我走咗佢就唔使再丟架" is the texter's burden)
    "(佢|他|她)(就|便|会|一定)(?!唔使|不用|唔洗|不必|唔会|不会|冇|没|可以|轻松|开心|好过)[^我你。]{0,8}$"
)
# A relation's post or message, quoted anywhere before the signal: "我朋友出咗個post 寫住 對唔住 我走先".
_POSTED_QUOTE_HAN_RE = re.compile(
    # (round 39: not the texter's own 我寫咗 after them, "全部俾咗堂弟… 我寫咗封信")
    f"{_RELATION_NP_HAN}.{{0,24}}(?<!我)(写住|写着|写道|写咗|写了|讲咗句|说了句|话咗句|仲话|又话|还说|仲讲|又讲"
    # round 11: a line posted (出咗句, 發了一句)
    "|出咗句|出了句|出咗一句|出了一句|发咗句|发了句|发咗一句|发了一句|post咗句|post咗一句|打咗句|打了一句"
    # round 40: a line sent (send咗句「…」俾我), or all a story says (IG story得一句「…」)
    "|send咗句|send咗一句|send了句|send了一句|传咗句|传了句|传了一句"
    "|(ig|story|限动|动态|status|fb|post)\\s?(得|只有|只得|净系得|就得|剩)(一句|句)"
    # round 37: posted somewhere, its words after ("我哥剛發在家族群的：「…」")
    "|(发|传|post|po|贴)(咗|了)?(在|喺|上|到|入)[^。\\s我]{1,10}(的|嘅)\\s"
    # round 29: sent this to me (send咗呢段俾我)
    "|(send|发|传)(咗|了)(呢段|这段|呢条|这条|段|条)[^。我]{0,8}(俾|给|畀)我)"
)
# Round 11: a relation's words to the texter, with the listener addressed before the signal ("兒子跟我說 媽
# 要是… 你就當沒生過我"). The stretch between has no 我 and no turn back to the texter's own words
# (但, 可是, 其實…): "我媽跟我說沒事的 可是我還是想死" stays the texter's.
_SAID_TO_ME_HAN_RE = re.compile(
    # (round 39: how they said it, between, 偷偷同我講, 好細聲咁同我講)
    f"{_RELATION_NP_HAN}(今日|今天|琴日|昨天|头先|刚刚|啱啱|突然|{_HOW_SAID_HAN}){{0,2}}(跟|同|对|和|向)我(说|讲|话|讲咗|说了)"
    "((?!但|可是|不过|可系|其实|but|然后|之后|跟住)[^。我]){1,40}$"
)
# Round 41: a relation named, a clause about them with no 我, then "told me", "messaged me" or "said" with no
# subject of its own, and the signal ("我同學被人拿視頻勒索了 跟我說 我撐不下去了", "我室友私信我 不想活了"):
# their words, a 我 opening them among them; a clause with the texter's own 我 between ("我同學把我的…") is
# not one
_TOLD_ME_HAN = (
    "((跟|同|对|和|向)我(说|讲|话|讲咗|说了|讲了)"
    # (an app as the verb, not as the place: 同事的IG)
    "|(?<![的嘅])(私信|私讯|私聊|pm|dm|msg|whatsapp|wa|微信|短信|ig|line)(咗|了)?我(说|讲|话)?"
    "|(给|俾|畀)我(发|传|send|打)(了|咗)?(一条|条|个|一个|段|一段)?(消息|信息|讯息|msg|短信|语音|电话)?(说|讲|话)?"
    # (round 42: a call to the texter, 半夜打給我說)
    "|(打|打电话|打咗电话|打了电话|call)(给|俾|畀)(了|咗)?我(说|讲|话))"
)
_TOLD_ME_AFTER_RELATION_HAN_RE = re.compile(
    # (not the one told, 我跟我媽說…, nor an "if", 佢知道嘅話…)
    f"{_RELATION_HAN_RE.pattern}[^我。]{{0,24}}({_TOLD_ME_HAN}|({_WHERE_SAID_HAN})?({_QUOTING_HAN}|发了条动态|发咗个post"
    # (round 42: a story or a post put up, 出咗個story, po咗個限動)
    "|(出|发|po|post|up|贴)(咗|了)((个|条|一个|一条)?\\s?(ig\\s?)?(story|post|限动|动态|帖|帖子)"
    "|(一篇|篇)(文|贴文|文章|帖子)?)))"
    # (nor 話 as a word's end: 電話, 那些話, 笑話)
    "(?<!嘅话)(?<!的话)(?<!电话)(?<!些话)(?<!啲话)(?<!句话)(?<!笑话)(?<!废话)(?<!种话)(?<!讲话)(?<!说话)"
    # (the words may open with 我 and what has been done or will be: 我已經…, 我都…, 我要…; round 42: or with
    # "this is", 呢個係最後一次…)
    "(住|着|了|咗)?\\s?((这|呢|这个|呢个|今次|这次)(系|是|就系|就是))?"
    "(我|我都|我真系|我真的)?(已经|都|真系|真的|就)?(要|会|想|好想|准备)?(从|由)?$"
)


# Round 42: told to the texter in Chinese, the words that follow in English, unquoted ("my flatmate …
# 頭先同我講 i want to kill myself"): the switch of language marks them as the teller's words.
_TOLD_ME_THEN_LATIN_HAN_RE = re.compile(f"{_TOLD_ME_HAN}\\s?(?=[a-z])([a-z]+ ){{0,3}}$")


def _told_by_relation(before: str) -> bool:
    """_TOLD_ME_AFTER_RELATION_HAN_RE, the relation not the one something was sent or told to
    ("把我的影片傳給公司同事…")."""
    told = _TOLD_ME_AFTER_RELATION_HAN_RE.search(before)
    return told is not None and not _told_to(before, told.start())


# Round 40: a relation's question to the texter with a parent addressed first ("兒子一直問 媽媽我是不是妳的
# 累贅 妳要是沒生我就好了"): the words after the address are theirs, a 我 right after it among them,
# unless another 我 or a turn back to the texter's own (但, 其實…) comes between: "個仔問我 媽媽你係咪好攰
# 我真係想死" is the texter's (the spaces between Chinese are gone once normalised: no clause break tells)
_ASKED_PARENT_SPEECH_HAN_RE = re.compile(f"{_RELATION_NP_HAN}{_ASKED_PARENT_WORDS_HAN}")
# Round 18: a relation's message, forwarded or quoted by what it is ("轉傳我弟剛剛的訊息: 哥 我要…",
# "转发我同事昨晚的消息"): the words right after it are theirs. Only when it is forwarded, or opens by naming
# the one it was written to: "收到我老公嘅message 我想死" may be the texter's own words on reading it.
_FORWARDED_HAN = (
    "(转发|转传|转寄|转贴|forward|fwd|截图|screenshot|cap图|cap|以下系|以下是|呢个系|呢条系|这是)"
)
_RELATION_MESSAGE_HAN = (
    f"{_RELATION_NP_HAN}({_WHEN_SAID_HAN}|昨晚|琴晚|今朝|今早|半夜|凌晨|上个礼拜|上星期){{0,2}}"
    "(传来|发来|send来|send嚟|传嚟|发嚟|发过来|传过来|留|写|发|传|send)?(咗|了)?(的|嘅|条|个|一条|一个)"
    "(讯息|信息|消息|短讯|短信|留言|msg|message|whatsapp|微信|遗言|post|限动|帖子|text)"
    "\\s?(写住|写着|写|话|说|讲)?"
)
_ADDRESSED_HAN = "(哥|姐|家姐|妈|爸|妈妈|爸爸|阿妈|阿爸|妈咪|老师|阿sir|sir|miss|老公|老婆|bb|宝贝|各位|大家)"
_RELATION_MESSAGE_HAN_RE = re.compile(
    f"({_FORWARDED_HAN}\\s?{_RELATION_MESSAGE_HAN}(\\s?{_ADDRESSED_HAN})?|{_RELATION_MESSAGE_HAN}\\s?{_ADDRESSED_HAN})"
    "\\s?(我|我都|我真系|我真的)?(要|会|想|好想|准备)?$"
)
# Round 18: what 他/她/佢 said, with a few words of when between ("她下播前说 把家里的药…"): theirs, as
# with no gap (_OTHER_HAN_RE); never across the texter's 我 or a 你.
_PRONOUN_SAID_HAN_RE = re.compile(
    "(佢|他|她)[^我你。\\s]{1,6}(说|话|讲|说过|讲过|话过)$"
    # round 43: or with the texter addressed first, then their own 我 ("他刚隔着门说妈我不想活了"); not the
    # texter speaking to them (我跟我妈说 妈 我…)
    f"|(?<![跟同对和向])(佢|他|她|{_RELATION_NP_HAN})[^我你。\\s]{{0,6}}(说|话|讲|喊|叫)\\s?(妈|妈妈|妈咪|阿妈|老妈|爸|爸爸|阿爸|老豆"
    "|爹哋|哥|哥哥|阿哥|姐|姐姐|家姐|老师|阿sir|miss)\\s?我?$"
)
_WINDOW = 60
# Round 9: a body part of his or hers is theirs ("her forearm is covered in fresh cuts"), and a
# relation's pills are only theirs to own (我媽的安眠藥, 我爸嘅降壓藥): who takes them is said elsewhere.
_POSSESSOR_OTHER_LATIN_RE = re.compile(r"\b(his|her|their) $", re.ASCII)
# The places marks are hidden or shown; each pattern below adds what it alone needs.
_MARKED_BODY_LATIN = r"(fore)?arms?|wrists?|thighs?|legs?|stomach|hips?"
# (round 44: or the sleeves that hide it, "keeps her sleeves down")
_BODY_PART_LATIN_RE = re.compile(rf"({_MARKED_BODY_LATIN}|skin|hands?|neck|body|sleeves?)\b", re.ASCII)
# Round 11: a mark inside the signal on his or her body, or under what covers it ("under her watch strap").
_POSSESSED_BODY_LATIN_RE = re.compile(
    rf"\b(his|her|their) (watch strap|watch|sleeves?|bracelets?|wristbands?"
    rf"|{_MARKED_BODY_LATIN}|skin|ankles?)\b",
    re.ASCII,
)
# Round 11: shown just before the signal ("she showed me her thighs, all cut").
_SHOWED_BODY_LATIN_RE = re.compile(
    rf"\b(showed|shows|showing|show) (me|us) (his|her|their) ({_MARKED_BODY_LATIN})\b.{{0,6}}$",
    re.ASCII,
)
# Round 39: what a relation left over of their pills (阿爸食剩嘅安眠藥, 我妈吃剩的药): still only its owner
_LEFT_OVER_HAN = "(食剩|吃剩|用剩|剩低|剩下|开剩)"
# round 13: or a quantity of theirs (阿媽成樽安眠藥, 我爸一板药)
_OWNER_BEFORE_HAN_RE = re.compile(
    f"{_RELATION_NP_HAN}{_LEFT_OVER_HAN}?((的|嘅|啲)|(的|嘅)?(成|一|两|几|半|整)(樽|瓶|盒|排|板|包|袋))"
    # round 17: what the pills are for, when the signal starts at 藥 (我媽的降血壓藥…一次吞光)
    "(安眠|降压|降血压|止痛|血压|瞓觉|睡觉|精神科|抗抑郁|糖尿|心脏|退烧|感冒)?$"
)
_MEANS_HAN_RE = re.compile("(安眠|降压|止痛|血压|瞓觉|睡觉|精神科|抗抑郁)?(药|丸|刀|刀片|剃刀|绳)")


def _first_self(text: str) -> int:
    """Where the texter first speaks of themself in `text` (its length when they do not)."""
    match = _SELF_HAN_RE.search(text) or _SELF_LATIN_RE.search(text)
    return match.start() if match else len(text)


def _window_start(norm: str, start: int) -> int:
    """Where the text read before a signal begins: _WINDOW characters back, or further back to the start
    of a relation the cut would halve (round 10: "guy on my night shift said ... handing his stuff out"),
    or of a "told me" it would halve."""
    lo = max(0, start - _WINDOW)
    if lo == 0:
        return lo
    # round 11: nor an object "me" whose verb it would cut off ("who takes care of | me lost money…")
    for regex in (_RELATION_LATIN_RE, _RELATION_HAN_RE, _OBJECT_ME_RE):
        for match in regex.finditer(norm, max(0, lo - 40), start):
            if match.start() < lo < match.end():
                return match.start()
    return lo


# round 13: the texter as the one who writes or speaks to a relation ("我給我爸寫了封信 … 對不起他")
_TEXTER_TO_RELATION_HAN_RE = re.compile(f"我(给|俾|畀|同|跟|帮|为|替|对)(我|我的|我嘅)?({_RELATIONS_HAN})$")
# round 13: a signal that opens with 他/她/佢 and an adverb names its own subject ("她就結束一切")
_LED_BY_PRONOUN_HAN_RE = re.compile("(佢|他|她)(哋|们|地)?(就|便|会|要|已经|真系|真的|都)")


def _subject(norm: str, span: tuple[int, int]) -> str | None:
    """Who the signal at `span` is about: "self", "other", or None when it names no subject."""
    start, end = span
    inside = norm[start:end]
    lo = _window_start(norm, start)
    before = norm[lo:start]
    quoted = (
        _QUOTE_LATIN_RE,
        _QUOTE_CONDITION_LATIN_RE,
        _QUOTE_HAN_RE,
        _RELATION_MESSAGE_HAN_RE,
        _FORWARDED_FROM_LATIN_RE,
    )
    if any(quote.search(before) for quote in quoted):
        return OTHER  # their words, quoted: "my son said 'i want to die'"
    if _FORWARDED_LEAD_HAN_RE.match(norm) and _ATTRIBUTED_AFTER_HAN_RE.search(norm, end):
        return OTHER  # "轉發:「…別問為什麼」 這是我哥們五分鐘前發的": forwarded, then said whose (round 29)
    if _GAVE_THEIR_OWN_LATIN_RE.match(inside):
        return OTHER  # "gave me her gold ring 'for your daughter, I won't need it'": the giver's (round 28)
    if _ASKING_THEM_HAN_RE.search(before):
        return OTHER  # "我要不要直接問他是不是想自殺": the question is about him (round 31)
    if _SEEING_THEM_THEN_HAN_RE.search(before):
        return SELF  # "我見到佢就想死": the texter's reaction to seeing him (round 47)
    if _SAW_THEM_HAN_RE.search(before):
        return OTHER  # "我見佢用火機燒自己手指": what the texter saw him do (round 32)
    if _SENT_ME_PICTURE_HAN_RE.search(before):
        return OTHER  # "她刚私聊发我一张刀放在枕头边的照片": what she sent the texter a picture of (round 43)
    if _FOUND_THEIR_NOTE_LATIN_RE.search(before) or _FOUND_THEIR_NOTE_HAN_RE.search(before):
        return OTHER  # "found a note on his bed 'i want to die'": the note's writer's words (round 35)
    if _TEXTER_TO_RELATION_HAN_RE.search(before):
        return SELF  # "我給我爸寫了封信": the texter writes to them, the relation only receives it
    addressed = _ADDRESSED_HAN_RE.match(norm)
    # (round 50: the signal may open with the apology itself, 阿嬤對不起 禮拜天不能再陪妳…)
    if addressed and addressed.end(1) <= start and not _RELATION_HAN_RE.search(norm, addressed.end(), start):
        return SELF  # "老婆，對唔住，密碼寫咗喺抽屜…": the relation is the one spoken to (round 24)
    posted = _POSTED_QUOTE_HAN_RE.search(norm, lo, end)
    # (round 39: unless the texter's own clause comes between, "…他還說要發我照片 我只會害家裡 不想…")
    own_clause_after = posted is not None and (
        _OWN_CLAUSE_AFTER_OTHER_HAN_RE.search(norm, posted.end(), start)
        # round 50: what they said of the texter, "還說我丟臉", then the texter's own words (searched from the
        # last few characters of the match, its verb, 還說, on)
        or _CRITICISED_ME_HAN_RE.search(norm, max(posted.start(), posted.end() - 4), start)
    )
    if posted and posted.end() <= start + _first_self(inside) and not own_clause_after:
        return OTHER  # "個女…仲話 以後你幫我照顧佢": the 我 is inside the relation's words
    if _POSTED_QUOTE_HAN_RE.search(before) and not own_clause_after:
        return OTHER  # "我朋友出咗個post 寫住 … 我走先": the words are the relation's
    if _SAID_TO_ME_HAN_RE.search(before):
        return OTHER  # "兒子跟我說 媽 … 你就當沒生過我": his words to the texter
    if _told_by_relation(before):
        return OTHER  # "我同學被人勒索了 跟我說 我撐不下去了": told by the relation named (round 41)
    told = _TOLD_ME_THEN_LATIN_HAN_RE.search(before)
    if told and _relation_named(norm[: lo + told.start()]):
        return OTHER  # "my flatmate … 頭先同我講 i want to kill myself": English after Chinese (round 42)
    if _ASKED_PARENT_SPEECH_HAN_RE.search(before):
        return OTHER  # "兒子一直問 媽媽我是不是妳的累贅…": his question to his mother (round 40)
    quoting = _QUOTE_PRONOUN_HAN_RE.search(before)
    # (round 32: or named in English, "my roommate … 她一直重複說我想死")
    if quoting and _relation_named(norm[: lo + quoting.start()]):
        return OTHER  # "表哥俾人勒索 佢成日講 我死咗…": the relation's words
    asking = _ASKED_PARENT_PRONOUN_HAN_RE.search(before)
    if asking and _relation_named(norm[: lo + asking.start()]):
        return OTHER  # "兒子…他一直問 媽媽我是不是妳的累贅": his question to his mother (round 40)
    # searched in place, so the listener rule sees the verb right before the span ("同學問我死咗會唔會好啲")
    inside_relations = [m.span() for m in _RELATION_HAN_RE.finditer(norm, start, end)]
    # "my" that opens a relation is theirs: "fresh cuts on my bfs thighs" (round 6)
    inside_relations += [m.span() for m in _RELATION_LATIN_RE.finditer(norm, start, end + 40)]
    selves = [*_SELF_LATIN_RE.finditer(norm, start, end), *_SELF_HAN_RE.finditer(norm, start, end)]
    # round 19: nor the listener inside it ("… od'd last spring, she told me she's there again")
    inside_relations += [m.span() for m in _OBJECT_ME_RE.finditer(norm, start, end)]
    # round 49: nor the texter's place where it was left ("my flatmate left a note on my bed")
    inside_relations += [m.span() for m in _ON_MY_THING_LATIN_RE.finditer(norm, start, end)]
    if _THIRD_PERSON_IS_LATIN_RE.search(before) and not _ME_LATIN_RE.search(inside):
        return OTHER  # "keeps saying hes | a burden to my mum": his, the "my" inside an object (round 50)
    if any(not _covered(m.span(), inside_relations) for m in selves):
        return SELF
    then = _PRONOUN_THEN_HAN_RE.search(before)
    if then and _SPEAKER_HAN_RE.search(norm, 0, lo + then.start()):
        return OTHER  # "有個隊員同我講如果… 佢就喺船上面跳落海": what they would then do
    if (
        _REFLEXIVE_OTHER_RE.search(inside)
        or _OTHER_HAN_RE.match(inside)
        or _LED_BY_PRONOUN_HAN_RE.match(inside)
        or _ASKED_ME_HAN_RE.search(inside)
        or (_ASKED_ME_BEFORE_HAN_RE.search(before) and not _OWN_CLAUSE_HAN_RE.search(before))
    ):
        return OTHER
    habitual = _HABITUAL_SAID_HAN_RE.search(before)
    if (
        habitual
        and not before[: habitual.start()].endswith("我")
        and _RELATION_HAN_RE.search(norm, 0, lo + habitual.start())
    ):
        return OTHER  # "我阿爸…成日坐喺度發呆 話人生冇意思": what he keeps saying
    if _POSSESSOR_OTHER_LATIN_RE.search(before) and _BODY_PART_LATIN_RE.match(inside):
        return OTHER  # "her forearm is covered in fresh cuts"
    if _POSSESSED_BODY_LATIN_RE.search(inside):
        return OTHER  # "fresh marks under his watch strap": his body, named inside the signal (round 11)
    shown = _SHOWED_BODY_LATIN_RE.search(before)
    if shown and not _SELF_LATIN_RE.search(before, shown.end()):
        return OTHER  # "a sec 2 boy showed me his arm, rows of marks": his arm, named just before (round 11)
    if _THEIR_PLACE_AFTER_LATIN_RE.match(norm, end) and _MEANS_WORD_LATIN_RE.search(inside):
        return OTHER  # "found empty blister packs in his drawer": found among their things (round 19)
    if _IN_THEIR_PLACE_HAN_RE.search(before) and _FIND_VERB_HAN_RE.match(inside):
        return OTHER  # "在他車裡發現好幾盒藥": found among their things, the find in the signal (round 31)
    if _found_among_their_things(before):
        return OTHER  # "喺佢書包搵到兩盒止痛藥": found among their things, the means are theirs (round 14)
    if _OWNER_BEFORE_HAN_RE.search(before) and _MEANS_HAN_RE.match(inside):
        # 我媽的安眠藥…我知道: the relation owns the pills; read with what follows them
        return _last_named(norm[start : end + 20]) or SELF
    if _OWNER_BEFORE_LATIN_RE.search(before) and not _RELATION_LATIN_RE.search(norm, lo, end):
        # "saving up my mums sleeping pills": the relation owns the means; read with the means after it
        return _last_named(norm[lo:end]) or SELF
    demanding = _DEMANDING_PRONOUN_HAN_RE.search(before) and not _relation_named(norm)
    if (
        _OTHER_LATIN_RE.search(before)
        or (_OTHER_HAN_RE.search(before) and not demanding and not _own_clause_after_other(before))
        or _PRONOUN_SAID_HAN_RE.search(before)
    ):
        return OTHER
    if _COORDINATED_OTHER_LATIN_RE.search(before):
        return OTHER  # "he gave his cousin his bicycle … and wrote sorry for everything" (round 28)
    if _found_by_me(norm, start) and _RELATION_LATIN_RE.search(norm, 0, start):
        return OTHER  # "my dad tried with charcoal … and i found charcoal in the boot again": his (round 24)
    named = _last_named(before)
    if (
        (named == OTHER or (named is None and not _PRONOUN_OTHER_RE.search(before)))
        and _SUBJECTLESS_OWN_LATIN_RE.match(inside)
        and not _SUBJECT_BEFORE_LATIN_RE.search(before)
    ):
        # "my mum saw the video. dont want to live anymore": the dropped subject is the texter; round 50: so
        # too with no one named or spoken of before ("cant see any future after this. my dad drinks")
        return SELF
    return named


# Round 50: he or she, and a verb "to be", right before the signal ("keeps saying hes | a burden to my mum"):
# the signal is theirs, whatever "my" it holds as an object; not when the texter is in it as "me" or "I"
# ("shes | better off without me" is the texter's burden)
_ME_LATIN_RE = re.compile(r"\b(me|i|im|i m|myself|mine)\b", re.ASCII)
_THIRD_PERSON_IS_LATIN_RE = re.compile(
    r"\b(hes|shes|he s|she s|he is|she is|theyre|they re|they are|he was|she was|they were"
    r"|he feels like|she feels like|they feel like) $",
    re.ASCII,
)


# Round 41: an English signal that opens with a verb in the first person's form and no subject ("dont want
# to live", "wanna die", "cant go on"): a texter drops their own "i", not a relation's, who would take
# "wants", "doesnt", "says" (those stay with the one named before)
# (not where the signal starts mid-clause, after a subject, a negation, an auxiliary or a preposition: "he
# doesnt | want to be here")
_SUBJECT_BEFORE_LATIN_RE = re.compile(
    r"\b(he|she|they|hes|shes|theyre|i|im|we|you|u|doesnt|does|did|didnt|dont|not|never|also|still|really|just"
    r"|to|would|will|wont|cant|could|might|may|and|who|that|said|says|told|tells|keeps|kept"
    # (nor after a verb "to be" or "to have", nor after a preposition: "is thinking of | ending it", "crying
    # about | ending it all")
    r"|is|was|are|were|be|been|being|has|had|have|about|of|on|with|for|from|by|at|in|like"
    # (round 42: nor after a message sent to the texter or a post named: "texted me | dont want to live",
    # "posted on ig story | dont want to live")
    r"|(texted|text|texts|msged|msgd|msg|messaged|whatsapp|whatsapped|dm|dmed|pm|pmed|voice noted|called|sent"
    r"|wrote|typed|replied|told|tells) (me|us)|saying|story|stories|diary|journal|status|gc|group chat|chat"
    r"|caption) $",
    re.ASCII,
)
_SUBJECTLESS_OWN_LATIN_RE = re.compile(
    r"(dont|do not|cant|cannot|can not|wanna|want to|wish i|just want|really want|no longer want|am|gonna"
    r"|ready to|planning to|thinking of|thinking about|might|will|going to|about to|ending)\b",
    re.ASCII,
)


# Round 39: the texter's own clause after the last he, she or relation before a signal ("他還說要發我照片
# 我只會害家裡 不想拖累他們了"): the signal is the texter's, the pronoun the blackmailer's
_OWN_CLAUSE_AFTER_OTHER_HAN_RE = re.compile(
    "我(只会|只系|只是|就系|就是|都系|都是|真系|真的|已经|不想|唔想|好想|觉得|根本|活着|系个|是个|成个|整个)"
)


# Round 50: what a relation said of the texter, in reported speech (還說我丟臉, 仲話我冇用): the 我 is the
# texter's, so what follows it is the texter's own clause, not the relation's quoted words
_CRITICISED_ME_HAN_RE = re.compile(
    "(说|话|讲|骂|笑)\\s?我(好|很|真系|真的|太|系|是|就系|就是|一个|个)?(丢脸|丢人|没用|冇用|恶心|核突|不要脸|唔要脸|下贱|犯贱"
    "|贱|变态|活该|废物|垃圾|可耻|肮脏|污糟|样衰|无耻|有病|神经病|贱人|烂|失败|废柴|蠢|笨|白痴|弱智|丑|衰)"
)


def _own_clause_after_other(before: str) -> bool:
    """Whether the texter speaks for themself after the last 佢/他/她 or relation of `before` (round 39)."""
    ends = [match.end() for match in _OTHER_HAN_RE.finditer(before)]
    return bool(ends) and _OWN_CLAUSE_AFTER_OTHER_HAN_RE.search(before, ends[-1]) is not None


# Round 23: what he or she asked the texter is theirs ("今日佢問我一次過食幾多先會瞓到唔醒": a customer asking
# the pharmacy assistant who texts)
_ASKED_ME_HAN_RE = re.compile("(佢|他|她)(今日|今天|头先|刚刚|啱啱|琴日|昨天|又|仲|还)?(问|问咗|问了|问过)我")
_ASKED_ME_BEFORE_HAN_RE = re.compile(_ASKED_ME_HAN_RE.pattern + "[^。]{0,10}$")
# Round 30: 佢 still demanding, with no relation named in the message, is the blackmailer ("俾咗三次錢佢都仲要
# 封信已經寫好": the letter is the texter's)
_DEMANDING_PRONOUN_HAN_RE = re.compile(
    "(佢|他|她)(都|仲|又|还|仍然|继续){0,3}(要|问我要|追数|逼我|催我)(钱|多|更多|多啲)?$"
)
# Round 31: the texter asking whether to ask him ("我要不要直接問他是不是想自殺"): the words are about him
_ASKING_THEM_HAN_RE = re.compile(
    "问(下|一下)?(他|她|佢)(是不是|系咪|是否|有冇|有没有|会唔会|会不会)(真的|真系)?(想|打算|谂过|想过|有)?$"
)
# Round 32: what the texter saw him or her do, right before the signal ("頭先我見佢用火機燒自己手指")
_SEEING_HAN = "见到|看到|睇到|看见|睇见|撞到|撞见|捉到"
# Round 47: the texter seeing him or her, then at once their own reaction ("我見到佢就想死", "我一睇到佢個名都
# 想死"): the texter's
_SEEING_THEM_THEN_HAN_RE = re.compile(
    "我(一|每次|次次)?(见|见到|看到|看见|睇到|睇见)(佢|他|她)[^我你。\\s]{0,3}?(就|即刻|便|都)$"
)
_SAW_THEM_HAN_RE = re.compile(
    # (round 44: 我 left out, "今天换衣服看到他两条腿上…", with a two-character verb; not seen by him, her or
    # others, 佢見到佢…, 被人看到他…)
    f"(我(啱啱|头先|刚刚|刚才)?(见|{_SEEING_HAN})"
    f"|(?<![佢他她被俾畀让叫人再我])({_SEEING_HAN}))(佢|他|她)(喺度|在)?"
    # round 39: what they took or hid, named between (我見佢將幾包炭收埋…, 我看到她把一整瓶藥藏…)
    # (round 47: not the texter's reaction to seeing them, 我見到佢就想死: "seeing him, I want to die")
    "((将|把|拎|拿|攞|偷偷将|偷偷把)[^我你。\\s]{0,6}|(?!就|即刻|便)[^我你。\\s]{0,2})$"
)
# Round 43: a photo he or she sent the texter, of what they have or did ("她刚私聊发我一张刀放在枕头边的
# 照片"): the sender's, the texter only the one it was sent to
_SENT_ME_PICTURE_HAN_RE = re.compile(
    f"(佢|他|她|{_RELATION_NP_HAN})[^我你。\\s]{{0,6}}(发|传|send|寄|转)(咗|了|过|过来)?(俾|给|畀)?我(一|两|几)?"
    "(张|幅|段|条|个)$"
)
# Round 35: a note found where he or she sleeps or works, quoted right after ("found a note on his bed 'i want
# to die'", "喺佢床頭搵到張字條 寫住…"): the words are the note's writer's, not the texter's
_FOUND_THEIR_NOTE_LATIN_RE = re.compile(
    r"\b(found|find|saw|see|read|spotted) (a|the|this|one) (\w+ )?"
    r"(note|letter|card|message|post it|postit|sticky note)"
    r" (on|under|in|inside|by|beside|next to) (his|her|their) (\w+ ){0,2}\w+"
    r"( (saying|that said|which said|that says|reading|written on it))?( that| like)?( i| im| i m)? ?$",
    re.ASCII,
)
_FOUND_THEIR_NOTE_HAN_RE = re.compile(
    "(喺|在|从)(佢|他|她)(的|嘅)?(床|床头|枕头|枕头底|书桌|枱|桌|书包|房|房间|抽屉|银包|钱包)(上|度|底|下|入面|里|里面)?"
    "(发现|搵到|见到|看到|睇到|找到|执到)(一)?(张|封|份|个)?(字条|纸条|信|遗书|便条|卡)"
    "(写住|写着|上面写|写咗|写了|话|说)?[^我你。]{0,2}$"
)
# Round 30: unless the texter's own 我 opens a clause of its own right before the signal ("佢又問我攞多兩萬...
# 我想死啊": the blackmailer asked, the texter wants to die)
_OWN_CLAUSE_HAN_RE = re.compile("(^|\\s)我(真系|真的|好|都|就|真|只|而家|宜家|现在)?$")
# Round 30: what a relation named before keeps saying, with no 我 between (我阿爸…成日坐喺度發呆 話人生冇意思)
_HABITUAL_SAID_HAN_RE = re.compile(
    "(成日|一直|经常|日日|成晚|整天|每天|老是|总是)[^我你。]{0,8}(话|讲|说)(住|着)?$"
)


# Round 24: a relation named first and then asked for forgiveness is the one spoken to, not the subject
# ("老婆，對唔住，…", "阿媽 sorry …")
_ADDRESSED_HAN_RE = re.compile(
    "(老婆|老公|阿妈|阿爸|妈|爸|妈妈|爸爸|妈咪|爹哋|老豆|老母|阿女|阿仔|囡囡|宝贝|bb|家姐|细佬|哥|姐"
    # round 50: a grandparent, an aunt or an uncle spoken to (阿嬤對不起 禮拜天不能再陪妳…)
    "|阿嬷|阿嫲|嫲嫲|奶奶|外婆|婆婆|阿婆|阿公|爷爷|公公|外公|姨妈|阿姨|舅舅|姑姑|姑妈)"
    "[\\s，,]*(对唔住|对不起|sorry|原谅我|唔好怪我|不要怪我|我爱你)"
)


# Round 29: a message forwarded first and said whose after it ("轉發:「…」 這是我哥們五分鐘前發的")
_FORWARDED_LEAD_HAN_RE = re.compile(f"^\\s?{_FORWARDED_HAN}")
_ATTRIBUTED_AFTER_HAN_RE = re.compile(
    f"(这是|这系|呢个系|呢段系|呢条系|以上系|以上是)\\s?{_RELATION_NP_HAN}[^。我]{{0,12}}(发|send|传|写|讲|说)"
    "(嘅|的|来的|嚟嘅|过来的|给我的|俾我嘅)"
)
# Round 28: things of theirs handed to the texter ("gave me her gold ring 'I won't need it'"): the giver's
_GAVE_THEIR_OWN_LATIN_RE = re.compile(
    r"(gave|handed|sent|left|passed|lent|mailed|posted) (me|us) (his|her|their) ", re.ASCII
)
# Round 28: he or she, then what they did, joined by "and" to the signal with no "i" or "my" between ("he gave
# his cousin his bicycle and his model kits and wrote sorry for everything")
_COORDINATED_VERBS_LATIN = r"(wrote|said|texted|posted|left|typed|messaged|sent|told \w+)"
_COORDINATED_OTHER_LATIN_RE = re.compile(
    rf"\b(he|she|they)\b(?:(?!{_SELF_LATIN_RE.pattern})[a-z0-9 ]){{0,80}}"
    rf"\band (then |also )?{_COORDINATED_VERBS_LATIN} $",
    re.ASCII,
)


# Round 24: the texter who found or saw the means, right before them, once a relation was named: theirs
_FOUND_BY_ME_LATIN_RE = re.compile(
    r"\bi (just |then |also |later |now |even |have |ve |had )?(found|saw|noticed|spotted|caught)"
    r"( (him|her|them)( with)?)?\b",
    re.ASCII,
)


def _found_by_me(norm: str, start: int) -> bool:
    """ "i found" (saw, noticed…) right before the signal at `start`, or as its first word."""
    return any(
        m.start() < start <= m.end() + 1
        for m in _FOUND_BY_ME_LATIN_RE.finditer(norm, max(0, start - 30), start + 20)
    )


# Round 19: means named with their place right after them ("empty blister packs in his drawer", "the whole
# supply in his work bag") are theirs
# (the places, and the words that put something in them, are shared with _IN_MY_PLACE_LATIN_RE: the
# texter's own)
_IN_PLACE_LATIN = "(in|inside|under|hidden in|at the bottom of)"
_PLACES_LATIN = (
    "drawer|bag|room|locker|car|pocket|pencil case|wardrobe|desk|backpack|schoolbag|boot|trunk|cupboard"
    "|bedside table"
)
_THEIR_PLACE_AFTER_LATIN_RE = re.compile(
    rf" ?{_IN_PLACE_LATIN} (his|her|their) (\w+ )?({_PLACES_LATIN}|bin|pencilcase)\b",
    re.ASCII,
)
# (only means: "left a letter for mum in her sock drawer" is the texter's letter in her drawer)
_MEANS_WORD_LATIN_RE = re.compile(
    r"\b(pills?|blister|tablets?|supply|stash|rope|razors?|blades?|charcoal|meds|medication|knife|cable|cord"
    r"|packs?|panadol|paracetamol|sleeping)\b",
    re.ASCII,
)
# Round 14: what the texter found among someone else's things, right before the signal, is theirs
# ("喺佢書包搵到兩盒止痛藥同一封信", "在她抽屜裡發現一瓶農藥"); since round 31 up to 12 characters after the
# finding ("在他QQ裡看到一個群 裡面在約…").
# the things and rooms of theirs the means are found in (round 31: their car)
_THEIR_THINGS_HAN = "书包|背囊|包包|包|袋|抽屉|柜桶|房|房间|床底|枕头|衣柜|书桌|柜|车|车尾箱"
_INSIDE_HAN = "(里|入面|度|底|下|里面|里头)?"
_THEIR_PLACE_HAN = (
    f"(喺|在|从)(佢|他|她)(嘅|的)?({_THEIR_THINGS_HAN}"
    # round 31: their phone or their chats (在他QQ裡看到一個群)
    f"|手机|电话|qq|微信|whatsapp|ig|电脑){_INSIDE_HAN}"
)
_FIND_VERB_HAN = "(揾到|找到|发现|翻到|见到|看到|执到)"
_FOUND_IN_THEIR_PLACE_HAN_RE = re.compile(f"{_THEIR_PLACE_HAN}{_FIND_VERB_HAN}(咗|了)?[^。]{{0,12}}$")
# Round 37: the finding first, then their place and what is in it ("我見到佢背囊有條繩", "看到他抽屜裡放著")
_SEEN_IN_THEIR_PLACE_HAN_RE = re.compile(
    # (round 47: or only seen, 我見佢車尾箱有包炭)
    f"({_FIND_VERB_HAN}|见|看见|睇见)(咗|了)?(佢|他|她)(嘅|的)?({_THEIR_THINGS_HAN}){_INSIDE_HAN}"
    "(有|放住|放着|藏住|藏着|收埋|塞满|塞住)[^。]{0,16}$"
)


def _found_among_their_things(before: str) -> bool:
    """The words right before a signal tell of finding it among his or her things, in either order ("喺佢書包
    搵到…", "我見到佢背囊有…")."""
    return bool(_FOUND_IN_THEIR_PLACE_HAN_RE.search(before) or _SEEN_IN_THEIR_PLACE_HAN_RE.search(before))


# Round 31: their place right before a signal that opens with the finding ("在他車裡 | 發現好幾盒藥")
_IN_THEIR_PLACE_HAN_RE = re.compile(f"{_THEIR_PLACE_HAN}$")
_FIND_VERB_HAN_RE = re.compile(_FIND_VERB_HAN)


# A relation who would see, find out or laugh is an onlooker (驚同學見到手上啲痕), not the one at risk.
_ONLOOKER_HAN_RE = re.compile(
    "(会|会唔会|都|又|应该|应|可能|一定)?(看到|看见|见到|睇到|发现|知道|知|笑"
    # round 18: one who does not know or would find what was left (我媽不知道, 連阿媽都搵唔到, 我哥應該找得到)
    "|不知道|唔知|唔知道|冇发现|没发现|没有发现|揾唔到|找不到|揾得到|找得到|揾到|找到)"
    "|(周末|明天|听日|今晚|听晚|后日|下星期)?(出门|出差|返工|上班|出街|离开|瞓着|睡着|唔喺度|不在家|去旅行"
    # round 18: asleep or on a night shift (等我爸媽睡了, 阿媽今晚夜班)
    "|睡了|瞓咗|睡觉了|夜班|返夜班|开夜|值夜|通宵班|做夜更)"
    # round 32: gone home to their family this week (室友這禮拜回老家): away while the texter plans
    "|(这礼拜|这个礼拜|呢个礼拜|今个礼拜|这周|这星期|呢个星期|今个星期|这几天|呢几日)?"
    "(回老家|返乡下|回乡下|回乡|返老家|回国|返大陆|回大陆|返台湾|回台湾)"
    "|(在外面|喺出面|喺门口|在门口)?(来|过来|走来|嚟|入嚟|进来)?(敲门|拍门|问我|叫我)"
)


# Round 10: a relation who only owns something (寄去我老婆公司, 老婆孩子的號碼) or is the one told, with a
# word between (跟國小同學說謝謝), is not the one at risk; and the clause a relation is said to say is
# theirs (細佬成日講我呢世都係咁: that 我 is the brother).
_POSSESSED_HAN_RE = re.compile(
    "([^\\s，。话说讲]{0,3}?(的|嘅))?(号码|电话|手机|公司|学校|微信|通讯录|联络|联系方式|地址|老板|恩情|养育之恩)"
)
_LISTENER_NEAR_HAN_RE = re.compile("[跟同和向对给俾畀][^我佢他她住\\s]{1,2}$")
# (round 40: how and where they said it too, 偷偷跟我說, 哭著說, 在微信上跟我說, 在限動發了一句)
_REPORTED_HAN_RE = re.compile(
    f"{_RELATION_NP_HAN}({_WHEN_SAID_HAN}|{_HOW_SAID_HAN}|{_AT_NIGHT_HAN}){{0,3}}({_WHERE_SAID_HAN})?"
    f"({_SAY_HAN}|(发|写|post|打)(了|咗)?(一句|句))"
)


def _told_clauses(text: str) -> list[tuple[int, int]]:
    """Where a relation's reported words begin, without quotation marks: the 我 right after their
    verb of saying is theirs ("細佬成日講我呢世都係咁"). Only the first characters: normalised Chinese has
    no spaces left to end a clause, and the texter's own 我覺得 may follow soon after."""
    return [(m.end(), m.end() + 3) for m in _REPORTED_HAN_RE.finditer(text)]


def _subject_relation_han(text: str, span: tuple[int, int]) -> bool:
    """A Han relation at `span` that may be a subject: not an onlooker, an owner or the one told."""
    start, end = span
    return not (
        _ONLOOKER_HAN_RE.match(text, end) or _POSSESSED_HAN_RE.match(text, end) or _told_to(text, start)
    )


def _told_to(text: str, start: int) -> bool:
    """The Han relation at `start` follows a listener's mark a word or two back (跟, 同, 給, 俾…:
    "傳給公司同事"): the one told or sent to, not a subject."""
    return _LISTENER_NEAR_HAN_RE.search(text, max(0, start - 3), start) is not None


# Round 11: a relation who only owns the means is no subject (把我媽的降壓藥…, 食埋阿嫲櫃桶嗰幾排瞓覺藥).
_OWNS_MEANS_HAN_RE = re.compile(
    # (round 39: what they left over, _LEFT_OVER_HAN)
    f"{_LEFT_OVER_HAN}?(的|嘅|啲)?(柜桶|抽屉|房|房间|药箱|床头|袋)?(里|入面|度)?(嗰|𠮶|那|啲|的|嘅)?(几|一|两)?(排|板|盒|樽|瓶|粒|颗|啲|些)?"
    + _MEANS_HAN_RE.pattern
)


# Round 25: the texter named only to say who they are to the one at risk (我係駐校社工, 我是童軍團的團長,
# "i'm a pastor", "i am his grandmother"): a caller's role, not a subject.
_ROLE_HAN = (
    "社工|老师|教练|班主任|团长|领袖|导师|辅导员|传道|牧师|姑娘|舍监|护士|校长|队长|教官|外婆|婆婆|嫲嫲|奶奶|爷爷|外公"
    "|阿妈|妈妈|爸爸|阿爸|家长|义工|志工"
)
_ROLE_INTRO_HAN_RE = re.compile(
    rf"我(系|是)(一个|个|一名|名|佢|他|她)?(嘅|的)?[^，,。\s我]{{0,8}}?({_ROLE_HAN})"
)
# Round 28: a relation kept in the dark ("my roommate doesnt know", 我室友唔知) is not a subject (_named)
_UNAWARE_RE = re.compile(
    r" ?(still |even )?(doesnt|does not|doesn t|dont|don t|didnt|did not|didn t|hasnt|has not|havent"
    r"|have not)"
    r" (know|find out|found out|notice|noticed)\b"
    "|(都|仲|还|也)?(唔知|不知道|不知|冇发现|没发现"
    # round 42: not noticed yet (同事仲未發覺, 還沒察覺)
    "|(仲|还|都|也)?(未|未曾|没有|没|冇)(发觉|察觉|留意到|为意|发现)"
    # round 46: the one who came back later ("室友回來之前把牆擦乾淨了": before the roommate came back)
    "|(还没|仲未|未)?(回来|返嚟|返来|回家|返屋企|返到嚟|返到屋企|进来|入嚟|醒|起身|下班|放学|放工)(之前|以前|前))"
)
# Round 47: a relation who calls the texter names ("同學話我癲", "佢哋笑我係怪人") speaks of the texter,
# and is not the one at risk.
_CALLS_ME_NAMES_HAN_RE = re.compile(
    "(哋|们|地)?(都|成日|经常|又|仲|还|一直)?(话|说|讲|笑|闹|叫|当)我(系|是|做)?"
    "(癫|黐线|痴线|有病|神经病|神经|变态|怪人|怪胎|怪|傻|疯|疯子|癫佬|癫婆|废|废柴|衰|丑|肥|娘|gay|基)"
)
_ROLE_INTRO_LATIN_RE = re.compile(
    r"\b(im|i m|i am) (a|an|the|his|her|their) (\w+ ){0,2}(teacher|coach|youth worker|counsellor|counselor"
    r"|pastor|priest|social worker|tutor|warden|leader|nurse|grandmother|grandma|grandfather|grandpa|mother"
    r"|mum|mom|father|dad|aunt|auntie|uncle|principal)\b",
    re.ASCII,
)
# Round 26: the texter named the beneficiary (將保險受益人改咗做我): the one provided for, not a subject.
_NAMED_BENEFICIARY_HAN_RE = re.compile(
    "(受益人|beneficiary)[^。]{0,6}(改|转|写|填|换)(咗|了|成)?(做|为|成)?我"
)
_WALKED_IN_HAN_RE = re.compile(
    "我(头先|刚刚|啱啱|今日|今天|琴日|昨天)?(入|入咗|走入|行入|进|进了|进去|开门入)(佢|他|她)(的|嘅)?(房|房间)(度|里)?"
    "(见到|看到|发现|睇到|看见)"
)
_OBSERVER_LATIN_RE = re.compile(
    r"\bi (just |then |also |later )?(saw|see|seen|found|noticed|notice|heard|caught|spotted|checked)\b",
    re.ASCII,
)


_LISTENER_BEFORE_LATIN_RE = re.compile(
    r"\b(told|tell|tells|telling|to|with|show|showed|showing|asked|ask|texted|messaged|called|sent|send) $",
    re.ASCII,
)


def _subject_relations(text: str) -> list[tuple[int, int]]:
    """The spans of the relations named in `text` that may be a subject: not the one told, shown, sent or
    given to, not only the owner of the means, not the one kept in the dark."""
    # round 41: not the one told, shown or sent to ("told my teacher the scratches are from my cat")
    relations = [
        m.span()
        for m in _RELATION_LATIN_RE.finditer(text)
        if not _LISTENER_BEFORE_LATIN_RE.search(text, 0, m.start())
    ]
    relations += [
        m.span()
        for m in _RELATION_HAN_RE.finditer(text)
        if _subject_relation_han(text, m.span()) and not _OWNS_MEANS_HAN_RE.match(text, m.end())
    ]
    # round 28: nor the one kept in the dark ("my roommate doesnt know", 我室友唔知); round 47: nor one who
    # calls the texter names (同學話我癲)
    return [
        span
        for span in relations
        if not _UNAWARE_RE.match(text, span[1]) and not _CALLS_ME_NAMES_HAN_RE.match(text, span[1])
    ]


def _named(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of the relations (_subject_relations) and of the texter (not as the listener) named in
    `text`."""
    relations = _subject_relations(text)
    objects = [m.span() for m in _OBJECT_ME_RE.finditer(text)]
    objects += [m.span() for m in _ASKER_LATIN_RE.finditer(text)]
    # round 19: the texter as the one who saw or found it ("i saw he searched …"), as 我見到 in Chinese
    objects += [m.span() for m in _OBSERVER_LATIN_RE.finditer(text)]
    # the 我 who asks what to do, or who speaks inside a relation's reported words
    not_the_texter = [m.span() for m in _ASKER_HAN_RE.finditer(text)] + _told_clauses(text)
    # round 25: the texter saying who they are to the one at risk, or walking into their room to find it
    not_the_texter += [m.span() for m in _ROLE_INTRO_HAN_RE.finditer(text)]
    not_the_texter += [m.span() for m in _WALKED_IN_HAN_RE.finditer(text)]
    not_the_texter += [m.span() for m in _NAMED_BENEFICIARY_HAN_RE.finditer(text)]
    objects += [m.span() for m in _ROLE_INTRO_LATIN_RE.finditer(text)]
    selves = [
        m.span()
        for m in _SELF_LATIN_RE.finditer(text)
        if not _covered(m.span(), relations) and not _covered(m.span(), objects)
    ]
    selves += [
        m.span()
        for m in _SELF_HAN_RE.finditer(text)
        if not _covered(m.span(), relations) and not _covered(m.span(), not_the_texter)
    ]
    return relations, selves


def _last_named(text: str) -> str | None:
    """ "other" when the last one named as a possible subject in `text` is someone else, "self" when it is
    the texter, None when neither is named."""
    relations, selves = _named(text)
    last_relation = max((e for _, e in relations), default=-1)
    last_self = max((e for _, e in selves), default=-1)
    if last_relation < 0 and last_self < 0:
        return None
    return OTHER if last_relation > last_self else SELF


def _covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


_SELF_LEAD_RE = re.compile(r"(\b(i|im|i m|ive|i have|i am)|(?<![问同跟给俾畀叫教诉对和])我) ?$")


# Round 18: 佢, 他 or 她 right before a Chinese sign of third_party.yml, with a few words between
# ("佢成日着長袖遮手").
_PRONOUN_LEAD_HAN_RE = re.compile("(佢|他|她)[^。我]{0,8}$")


def _seen_in(norm: str, span: tuple[int, int], someone_named: bool) -> str:
    """Whose a sign of third_party.yml is: the texter's when they are its subject right before it ("he
    posted it and im not eating", 我冇食嘢), else the one the message speaks of. `someone_named`: a
    relation is named, or the texter is known to ask for someone else. Round 18: a Chinese sign where neither
    holds, only 佢 / 他 / 她 (most often the blackmailer), is someone else's only when the pronoun leads it
    or is in it: a Chinese texter often leaves out their own 我 ("企喺天台好耐 佢應該send咗")."""
    start, end = span
    if _SELF_LEAD_RE.search(norm[max(0, start - 6) : start]):
        return SELF
    inside = norm[start:end]
    if someone_named or not _HAN_RE.search(inside) or _PRONOUN_OTHER_RE.search(inside):
        return OTHER
    return OTHER if _PRONOUN_LEAD_HAN_RE.search(norm[max(0, start - 12) : start]) else SELF


def named_subject(text: str) -> str | None:
    """Who a message with no lexicon signal speaks of: "other" when it names a relation (my son, 我表妹,
    a girl in my class) and the texter never speaks of themself (except as the listener: 同我講, "told
    me"), "self" when they do, None when it names no relation. For a risk the classifier alone reads
    ("我表妹腿上都是美工刀划的伤"); "i told my son everything" stays the texter's. Round 19: the 我 / "i"
    inside a relation's quoted words is theirs, not the texter's ("阿媽成日話「如果我同阿婆一齊走咗
    就好」")."""
    relations, selves = _named(normalise(text))
    if not relations:
        return None
    own_words = _texters_own_words(text)
    if own_words is not None:
        _, selves = _named(normalise(own_words))
    return SELF if selves else OTHER


# Round 38: the texter asking on behalf of someone ("幫朋友問", "帮我同学问一下"): the 佢/她 after it is them.
# (Not 同: in Cantonese "同朋友睇" is watching with them.)
_ASKING_FOR_HAN_RE = re.compile(f"(帮|替|代)(我)?(的|嘅|个)?({_RELATIONS_HAN}|friend|朋友|同学)(问|咨询|查)")


def _relation_named(norm: str) -> bool:
    return bool(
        _RELATION_LATIN_RE.search(norm) or _RELATION_HAN_RE.search(norm) or _ASKING_FOR_HAN_RE.search(norm)
    )


def _someone_else_named(norm: str) -> bool:
    return _relation_named(norm) or bool(_PRONOUN_OTHER_RE.search(norm))


# The texter put in the place of the one they speak of, so the first-person lexicon reads what a friend
# or child said or did: "my daughter said she wishes she was dead" -> "i said i wish i was dead",
# "我個仔話佢係屋企嘅負擔" -> "我話我系屋企嘅负担". A signal that appears only in this reading is theirs.
_SHIFT_LATIN = (
    (re.compile(_RELATION_NP_LATIN, re.ASCII), "i"),
    (re.compile(r"\b(he|she|they) (is|are)\b", re.ASCII), "i am"),
    (re.compile(r"\b(hes|shes|theyre|he s|she s|they re)\b", re.ASCII), "im"),
    # she'll / he'll / they'd ... lose their apostrophe in normalise: "shell be gone" -> "ill be gone"
    (re.compile(r"\b(shell|hell|theyll|she ll|he ll|they ll)\b", re.ASCII), "ill"),
    (re.compile(r"\b(shed|hed|theyd|she d|he d|they d)\b", re.ASCII), "id"),
    (re.compile(r"\b(theyve|they ve)\b", re.ASCII), "ive"),
    (re.compile(r"\b(he|she|they)\b", re.ASCII), "i"),
    (re.compile(r"\b(himself|herself|themselves|themself)\b", re.ASCII), "myself"),
    (re.compile(r"\b(him|them)\b", re.ASCII), "me"),
    (re.compile(r"\b(his|her|their)\b", re.ASCII), "my"),
)
_I_VERB_RE = re.compile(
    r"\bi ((?:just |really |still |always |never |even |now |also )?)([a-z]+)\b", re.ASCII
)
_I_FORMS = {"is": "am", "has": "have", "does": "do", "doesnt": "dont", "isnt": "am not", "hasnt": "havent"}
_NOT_VERBS = {"was", "always", "has", "is", "as", "this", "yes", "less", "unless", "across", "its", "us"}


def _i_form(match: re.Match[str]) -> str:
    adverb, verb = match.group(1), match.group(2)
    if verb in _I_FORMS:
        verb = _I_FORMS[verb]
    elif verb in _NOT_VERBS or len(verb) < 4 or not verb.endswith("s") or verb.endswith(("ss", "us", "is")):
        pass
    elif verb.endswith("ies"):
        verb = verb[:-3] + "y"
    elif verb.endswith(("shes", "ches", "xes", "oes", "sses")):
        verb = verb[:-2]
    else:
        verb = verb[:-1]
    return f"i {adverb}{verb}"


_SHIFT_HAN = (
    (_RELATION_HAN_RE, "我"),
    (re.compile("(佢|他|她)(哋|们|地)"), "我哋"),
    (re.compile("佢|他|她"), "我"),
)


def _first_person(norm: str) -> str:
    """The message with the one it speaks of replaced by the texter (see above)."""
    shifted = norm
    if _ASCII_LETTER_RE.search(shifted):
        for regex, replacement in _SHIFT_LATIN:
            shifted = regex.sub(replacement, shifted)
        shifted = _I_VERB_RE.sub(_i_form, shifted)
    if _HAN_RE.search(shifted):
        for regex, replacement in _SHIFT_HAN:
            shifted = regex.sub(replacement, shifted)
    return shifted


@dataclass
class _Scan:
    """The idiom mask of one text and what the entries found in it."""

    text: str
    mask: bytearray
    masked: bool
    idiom_spans: list[tuple[int, int]]
    hits: dict[str, tuple[_Entry, tuple[int, int]]]


def _scan(text: str, lexicon: _Lexicon, entries: tuple[_Entry, ...]) -> _Scan:
    check_han = _HAN_RE.search(text) is not None
    check_latin = _ASCII_LETTER_RE.search(text) is not None
    mask = bytearray(len(text))
    masked = False
    spans: list[tuple[int, int]] = []  # the idioms', reported
    unreported: list[tuple[int, int]] = []  # the homographs', masked only
    keys = text_keys(text)
    for side, check, found in (
        (lexicon.idioms_han, check_han, spans),
        (lexicon.idioms_latin, check_latin, spans),
        (lexicon.homographs_han, check_han, unreported),
        (lexicon.homographs_latin, check_latin, unreported),
    ):
        # each idiom pattern is searched on its own, and only when the text has one of its needles
        if check and side.matchers and side.may_match(text, keys):
            masked |= _mask(text, mask, side, found)
    hits: dict[str, tuple[_Entry, tuple[int, int]]] = {}
    for entry in entries:
        span = (entry.han.hit(text, mask, masked, keys) if check_han else None) or (
            entry.latin.hit(text, mask, masked, keys) if check_latin else None
        )
        if span is not None:
            hits[entry.signal] = (entry, span)
    return _Scan(text, mask, masked, spans, hits)


# "jk", "開玩笑" after a death phrase: taken back, perhaps, so never ignored, but not sure either; the
# assistant asks directly (concern) instead of starting the crisis path. Not "not kidding", 唔係講笑,
# 不是开玩笑, nor "half joking" / 半開玩笑 (normalised text: lower case, Simplified).
_RETRACTION_RE = re.compile(
    r"(?<![a-z])(jk|jkjk|j k|just (kidding|kiddin|joking)|only joking|kidding|joking)(?![a-z])"
    r"|(开玩笑|开个玩笑|讲笑|讲下笑|讲吓笑|说笑|玩笑话)"
    # round 42: corrected at once to an idiom "to death" ("我想死…唔係 我意思係尷尬到死", "i mean
    # embarrassed to death")
    r"|((唔系|不是|不对|唔啱|\bno\b)\s?)?(我(的|嘅)?意思(系|是)|我系话|我是说|\bi mean\b(?! it\b))[^。]{0,20}"
    r"(到死|到想死|得要死|死人|\bto death\b)"
)
_NOT_RETRACTED_RE = re.compile(
    r"(\b(not|no|aint|isnt|wasnt|never|half|dont|doesnt|didnt|cant|wont|hardly)\b( \w+){0,3} ?$)"
    r"|(唔系|不是|没有|冇|没|无|唔|不|半|并非|别当|唔似|不像|唔觉得|不觉得).{0,3}$"
    # round 44: what the texter had taken for a joke ("我仲以為佢講笑", "i thought he was joking")
    # (以為 of anyone, 以為我講笑 too; not 當: 當我講笑啦 takes it back, 我應該當佢講笑定點 asks whether to)
    r"|以为(佢|他|她|你|我|佢哋|他们)?(只系|只是|系|是|在|喺度)?$"
    r"|\b(thought|assumed|figured) (he|she|they|it|you|u)( was| were| is| are)?( just| only)? ?$"
)
RETRACTION_REACH = 80  # characters after the last signal within which a retraction counts


def _retracted(norm: str, scan: _Scan, level: dict[str, str]) -> bool:
    """Every clear signal comes from the message's own words and is followed, soon after, by a
    retraction that is not itself negated ("i want to die jk", "死咗佢算 開玩笑咋")."""
    crisis = [signal for signal, value in level.items() if value == CRISIS]
    if not crisis or any(signal not in scan.hits for signal in crisis):
        return False
    last_end = max(scan.hits[signal][1][1] for signal in crisis)
    for match in _RETRACTION_RE.finditer(norm, last_end):
        if match.start() - last_end > RETRACTION_REACH:
            return False
        if not _NOT_RETRACTED_RE.search(norm[max(0, match.start() - 30) : match.start()]):
            return True
    return False


# A relation's own words in quotation marks (round 9): "my best friend sent me 'i want to die'",
# 學生在週記寫「希望睡著就不要再醒」. Inside the marks the "I" is theirs, whatever the words; the texter's
# words are the rest. Straight single quotes count only as a pair around words ("she's" is no quote).
_QUOTED_RE = re.compile(
    "「([^」]{1,300})」|『([^』]{1,300})』|“([^”]{1,300})”|‘([^’]{1,300})’"
    '|"([^"]{1,300})"'
    # round 13: also right after Chinese (说'…', 写住'…'), where no space comes before a quote
    r"|(?:^|(?<=[\s:(\u3400-\u9fff，：、]))'((?:[^']|(?<=\w)'(?=\w)){1,300}?)'(?=[\s.,!?;:)\u3400-\u9fff，。！？]|$)"
)
# Round 24: he, she or they right before quoted words, once a relation was named earlier in the message ("my
# little brother … some guy got pics of him. he just said 'i want to kms' to me", "my brother … keeps saying
# he's 'a problem for the family'"): the words are the relation's, as _QUOTE_PRONOUN_HAN_RE reads them in
# Chinese.
_QUOTE_PRONOUN_INTRO_LATIN_RE = re.compile(
    # (round 39: or the short word for a sibling used as a name, "sis just whispered to me '…'")
    r"\b(he|she|they|bro|sis|lil bro|lil sis|kuya|ate|bunso)"
    r"( just| then| also| literally| now| even| always| keeps| kept| has been| been)?"
    r" (said|says|saying|texted( me| us)?|texting( me)?|told (me|us)|telling (me|us)|wrote|writes|posted"
    r"|posts|posting|messaged( me| us)?|dmed( me)?|sent( me| us)?|typed|replied|goes|went"
    # round 39: said under the breath ("she just whispered to me '…'")
    r"|whispered|whispers|muttered|mumbled|murmured"
    # round 46: what they searched for ("he googled 'how many pills'")
    r"|searched( for| up)?|googled|looked up|has been searching( for)?|was searching( for)?"
    # round 34: a voice note, or a picture sent with the words ("sent me a pic of the rope with '…'")
    r"|voice ?not(e|ed|es|ing)( me| us)?|voice ?messag(ed|es|ing)( me| us)?"
    r"|sent (me |us )?a (voice note|voice message|vn|pic|photo|picture|screenshot)"
    r"( of [a-z ]{1,40}?)?( with| saying)?"
    # round 36: told to someone of theirs or the texter's ("he told my dad '…'")
    r"|told (my|his|her|their|our) (\w+ )?\w+"
    r")( to (me|us))?"
    # round 27: where from ("he just texted me from his room '…'")
    r"( from (his|her|their) \w+)?"
    r"( (he s|hes|he is|she s|shes|she is|they re|theyre|they are|he was|she was|that|like))?\W{0,3}$",
    re.ASCII,
)
# Round 46: 佢, 他 or 她 right before the quotation marks, once a relation was named earlier in the message
# ("同學…跟我說她想死… 她一直重複「我不要再活了」"): as _QUOTE_PRONOUN_INTRO_LATIN_RE in English.
_QUOTE_PRONOUN_INTRO_HAN_RE = re.compile(
    f"(佢|他|她)(一直|成日|成晚|又|仲|还|都|不停|不断|再|刚刚|啱啱|刚){{0,2}}({_QUOTING_HAN})(住|着|咗|了)?[:：]?\\s?$"
)
_QUOTE_INTRO_LATIN_RE = re.compile(
    r"(" + _RELATION_NP_LATIN + r"|^" + _RELATION_WORDS_LATIN + r")\b.{0,70}"
    # round 24: "keeps posting", "keeps texting"
    r"\b(said|says|say|saying|sent( me)?|wrote|writes|posted|posts|posting|texted( me)?|texting( me)?"
    r"|messaged( me)?|dmed( me)?"
    r"|msged( me)?|msgd( me)?|msg( me)?|pmed( me)?|whatsapped( me)?|snapped( me)?|replied|typed( me)?"
    # round 42: the app as a bare verb ("my cousin just whatsapp me '…'")
    r"|whatsapp( me| us)|whatsapps( me| us)|wa( me| us)|ws( me| us)|dm( me| us)|text( me| us)"
    # (round 42: told a group of theirs or the texter's, "told our group chat '…'")
    r"|told(?= (our|the|my|his|her|their|all|everyone))"
    # round 22: an email ("my s3 student just emailed me '…'")
    r"|emailed( me| us)?|emails( me| us)?"
    # round 26: a voice note ("voice noted me '…'", "sent me a voice note saying")
    r"|voice ?not(e|ed|es|ing)( me| us)?|voice ?messag(ed|es|ing)( me| us)?"
    r"|sent (me |us )?a (voice note|voice message|vn)( saying)?"
    # round 49: a note left ("left a note on her bed '…'")
    r"|left (me |us )?a (note|letter|card|msg|message)( (on|in|under|by) (the |her |his |their |my )?[a-z]+)?"
    r"( saying| that said| that says)?"
    r"|told me|tells me|typed|put|goes|went|asked( me)?"
    # round 39: said under the breath ("bro just whispered to me '…'")
    r"|whispered( to me| to us)?|whispers( to me)?|muttered( to me)?|mumbled( to me)?|murmured( to me)?"
    # round 46: what they searched for ("my brother searched 'how many pills'")
    r"|searched( for| up)?|googled|looked up|has been searching( for)?|was searching( for)?"
    # round 30: their last message, quoted ("my bf's last whatsapp: '…'")
    r"|(last|latest|final) (message|msg|text|whatsapp|dm|post|words|voice note)( to me)?( was| said| says)?"
    # round 21: "my friend keeps telling me '…'"
    r"|telling (me|us))( to me)?"
    # round 19: the ones written to ("messaged her whole class", "posted to all her followers")
    r"( (to )?(her|his|their|the|our|my|all|all her|all his|everyone in her|everyone in his) (\w+ ){0,2}"
    r"(class|classmates|group|group chat|gc|friends|team|family|chat|server|followers|year)"
    # round 46: one person of theirs told ("told his mate '…'"; not "i told my mum '…'")
    r"| (his|her|their) (mate|friend|bestie|bff|best friend|teacher|mum|mom|dad|parents|sister|brother|cousin"
    r"|gf|bf|girlfriend|boyfriend|counsellor|counselor|tutor|coach)"
    r"| everyone| everybody| us)?"
    # round 41: what they posted named first, the words after it ("posted a long thank you to all of us and
    # '…'")
    r"( (a|an|his|her|their|this|some)( [a-z]+){1,8} (and|then|saying|with|ending with))?"
    # round 49: how they said it ("voice noted me crying '…'")
    r"( (crying|sobbing|screaming|shouting|yelling|whispering|laughing|slurring))?"
    r"( like| that)?( this)?"
    + _WHERE_WRITTEN_LATIN
    # when or where, after the verb (round 10): "my 10yo said at dinner 'i wish...'"
    # (round 27: or from where, "texted me from his room")
    + r"( (at|over|during|after|before|in|on|from) (dinner|lunch|breakfast|school|the table|bedtime|night"
    r"|class|the car|the bus|the phone|recess|the group|the gc"
    # round 20: any one-word break or place, with its article ("said at smoko", "said on the site")
    # (round 49: or two words, "sent in the squad chat '…'")
    r"|(the |a |his |her |their |our )?[a-z]+( [a-z]+)?)| (last night|tonight|today|this morning|yesterday"
    r"|earlier|out of nowhere|at \d+ ?(am|pm)?))?$",
    re.ASCII,
)
# Round 19: a message forwarded from a relation, their words quoted after it ("forward from my friend:「…」",
# "forwarding from my little bro, he's 14: '…'").
_FORWARDED_FROM_LATIN_RE = re.compile(
    r"\b(forward|forwarded|forwarding|fwd|fw|screenshot|screenshotted|copied|copying|pasted|pasting)"
    r"( this| these| it| a msg| a message| a text| his msg| her msg)?"
    r"( me)?( a screenshot| a screen shot| a ss)?"
    r" (from|of|by) ("
    + _RELATION_NP_LATIN
    + r"|(his|her|their) (bf|gf|boyfriend|girlfriend|partner|husband|wife|friend|bestie|mate|ex))\b.{0,40}$"
)
# Round 36: a relation named in English, their words sent in Chinese ("my cousin 刚发我「姐 我…」"; sent to
# the texter with or without 给/俾 is _SENT_ME_HAN's, among the quoting verbs).
_QUOTE_INTRO_MIXED_RE = re.compile(_RELATION_NP_LATIN + f".{{0,45}}({_QUOTING_HAN})(住|着|咗|了)?\\s?$")
# round 20: a post on someone's feed (转发我哥刚发的朋友圈：『…』)
_FEED_POST_HAN = "朋友圈|动态|限动|story|帖子|帖|微博|贴文|post|状态"
_QUOTE_INTRO_HAN_RE = re.compile(
    f"{_QUOTE_SPEAKER_HAN}.{{0,45}}({_QUOTING_HAN}|写住|写着|写道|写低|留言|打咗|打了|打|传|传咗|传了|发|贴|贴咗|贴了"
    # round 19: forwarded to the texter (我弟剛轉給我的：『…』)
    "|(转|转发|fwd|forward)(咗|了)?"
    # round 36: what was forwarded named (forward咗段嘢俾我)
    "(段|条|个|一段|一条|一个)?(嘢|野|msg|讯息|信息|message|text|短讯)?(给我|俾我|畀我|过嚟|过来)?"
    # round 20: written to the texter in a private message (私訊我「…」, ig我『…』)
    "|(私讯|私信|私聊|私我|inbox|ib|pm|dm|msg|whatsapp|wa|微信|line|ig|短讯|短信)(咗|了)?(我|俾我|给我|畀我)"
    # round 25: a note left for the texter (留咗張字條喺雪櫃:「…」)
    "|(留|贴|写)(咗|了|低|下)?(张|封|一张|一封)?(字条|纸条|便条|信|卡|memo)[^。「『“]{0,6}"
    # round 46: what they asked the texter to do or say (佢仲叫我「幫我同阿媽講聲sorry」)
    "|(叫|嘱|叮嘱|嘱咐|交代|吩咐|拜托|求)(咗|了|过)?我(?!search|搜|查|google)"
    # round 46: what they searched for (佢search「炭 邊度買」, 她搜了「…」; not the texter's own search,
    # 朋友叫我search「…」)
    "|(?<!我)(?<!我 )(search|搜|搜索|搜寻|查|google|谷歌|百度)(咗|了|过)?(下)?"
    # round 13: what they typed themself (佢自己打的「…」)
    ")(住|着|咗|了|的|嘅)?(一句|句|一条|条|一段|段|一个|个)?"
    # round 46: seen only by themself or close friends (她發了條仅自己可见「…」)
    "(仅自己可见|只有自己看得到|自己可见|私密|限挚友|挚友限定|限密友|close friends?|only me)?(的|嘅)?"
    f"(话|说话|讯息|信息|短讯|{_FEED_POST_HAN}|日记|个签|签名)?$"
)


# Round 20: a relation's post forwarded by the texter (转发我哥刚发的朋友圈：『…』; the 发 before 我哥 is no
# listener here).
_FORWARDED_FROM_HAN_RE = re.compile(
    f"(转发|转传|转寄|转|fwd|forward)(咗|了)?(我|我的|我嘅)({_RELATIONS_HAN})(刚刚|刚|啱啱|今日|今天|琴日|昨天|寻晚|昨晚|头先)?"
    # (round 41: or a message they sent, named or not, 轉傳我女朋友剛傳的：「…」)
    f"(发|po|贴|写|出|传|send)(咗|了)?(的|嘅)({_FEED_POST_HAN}|ig|讯息|信息|msg|message|短讯|短信)?$"
    # round 39: forwarded from them, the relation named in Chinese after an English "fw from"
    # (fw from 我個隊友：「…」)
    f"|\\b(fw|fwd|forward|forwarded|forwarding)\\s?(from|自)\\s?({_RELATION_NP_HAN}"
    # (a code-mixed one too, 我個VTuber拍檔)
    f"|(我|我的|我嘅|我个)\\s?[a-z0-9]{{1,12}}\\s?({_RELATIONS_HAN}))\\s?$"
)


_QUOTE_GAP = r"[\s,，、;；:：/]{0,3}"
_BETWEEN_QUOTES_RE = re.compile(f"{_QUOTE_GAP}(and|then|还有|仲有|又|同埋)?{_QUOTE_GAP}")


# Round 39: words found written among their things, the place said after the quote ("i found 'dont be sad
# when im gone' in his notebook"): the writer's words, as _FOUND_THEIR_NOTE_LATIN_RE reads them with the
# place first
_FOUND_BEFORE_QUOTE_LATIN_RE = re.compile(
    r"\b(found|find|saw|see|read|spotted|noticed)( (this|these words|the words|a note|a line|a message)"
    r"( saying| that said| that says)?)?\W{0,3}$",
    re.ASCII,
)
_THEIR_THING_AFTER_QUOTE_LATIN_RE = re.compile(
    r"^\W{0,3}((written|scribbled|typed|drawn) )?(in|on|inside|under|at the back of) (his|her|their) (\w+ )?"
    r"(notebook|diary|journal|exercise book|book|notes|notes app|planner|desk|wall|mirror|phone|homework"
    r"|pencil case|sketchbook|bag|room|bed|pillow|worksheet|textbook|locker)\b",
    re.ASCII,
)


# Round 49: the texter's bed, desk or door as the place where a note was left ("my flatmate left a note on my
# bed"): no subject of the signal (a means in the texter's locker or under their pillow stays theirs)
_ON_MY_THING_LATIN_RE = re.compile(
    r"\b(note|letter|card|message|msg)s? (on|in|under|by|at|beside|next to|outside) my (bed|desk|pillow|door"
    r"|doorstep|table|bag|locker|room|chair|keyboard|laptop|mailbox|letterbox)\b",
    re.ASCII,
)


# Round 49: a short aside in round brackets (an age, a school year, where they live)
_ASIDE_RE = re.compile(r"\s?[(（][^()（）]{0,80}[)）]")


def _texters_own_words(text: str) -> str | None:
    """The message without the words a relation is quoted as saying or writing (quotation marks
    included; a space where each was), or None when it quotes no relation. Lower-cased, as matching is:
    the spans are found in this very text."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    parts, last = [], 0
    for match in _QUOTED_RE.finditer(lowered):
        # round 49: a short aside in brackets is no part of who speaks ("my cousin (form 5, spm): '…'")
        before = normalise(_ASIDE_RE.sub("", lowered[max(0, match.start() - 180) : match.start()])[-90:])
        # round 13: a second quote right after theirs is theirs too ("老說'…' '…'")
        gap = lowered[last : match.start()]
        follows_theirs = bool(parts) and _BETWEEN_QUOTES_RE.fullmatch(gap) is not None
        # he, she or they right before the quote, once a relation was named; round 46: 她一直重複「…」 also
        # once the words before already read someone else at risk ("同學跟我說她想死… 她一直重複「…」")
        pronoun_latin = _QUOTE_PRONOUN_INTRO_LATIN_RE.search(before) is not None
        pronoun_han = _QUOTE_PRONOUN_INTRO_HAN_RE.search(before) is not None
        said_by_them = (pronoun_latin or pronoun_han) and (
            _relation_named(normalise(lowered[: match.start()]))
            or (pronoun_han and _detect(lowered[: match.start()]).about == OTHER)
        )
        found_among_theirs = _FOUND_BEFORE_QUOTE_LATIN_RE.search(before) is not None and bool(
            _THEIR_THING_AFTER_QUOTE_LATIN_RE.match(normalise(lowered[match.end() : match.end() + 60]))
        )
        if (
            follows_theirs
            or said_by_them
            or found_among_theirs
            or any(
                intro.search(before)
                for intro in (
                    _QUOTE_INTRO_LATIN_RE,
                    _QUOTE_INTRO_HAN_RE,
                    _QUOTE_INTRO_MIXED_RE,
                    _FORWARDED_FROM_LATIN_RE,
                    _FORWARDED_FROM_HAN_RE,
                )
            )
        ):
            parts += [lowered[last : match.start()], " "]
            last = match.end()
    return "".join([*parts, lowered[last:]]) if parts else None


def detect_crisis(text: str, someone_else: bool = False) -> CrisisFinding:
    """Find suicide / self-harm signals in one message (recall first).

    `someone_else`: the texter is known to be asking about someone else (the classifier's
    `help_someone_else`), so "she says she cant go on" is read as theirs even with no relation named.
    A signal found only inside a relation's quoted words is about them (`_texters_own_words`).
    """
    finding = _detect(text, someone_else)
    if not (finding.signals or finding.concerns):
        return finding
    own_words = _texters_own_words(text)
    if own_words is None:
        return finding
    if _detect(own_words, someone_else).about == SELF:
        # the texter's own words carry a signal about themself: theirs comes first
        return replace(finding, about=SELF)
    return replace(finding, about=OTHER)


def _masked_as_written(words: str, scan: _Scan) -> bool:
    """Words the shifted reading found that stand as they are in the message, inside an idiom its own reading
    masked: the texter's idiom, not a relation's signal ("my ML teammates so trash i wanna die 💀" shifts
    to "i so trash i wanna die", where the idiom no longer reads). Round 44."""
    if not scan.masked:
        return False
    start = scan.text.find(words)
    while start != -1:
        if all(scan.mask[start : start + len(words)]):
            return True
        start = scan.text.find(words, start + 1)
    return False


def _emoji_subject(raw: str, position: int) -> str | None:
    """Whose a means emoji is: someone else's only where the words right before it place the means among
    their things ("我見到佢背囊有條繩 🪢") or in a picture they posted (round 44), else no subject of its
    own (the message's decides). Round 37."""
    before = normalise(raw[:position])
    if _found_among_their_things(before) or _POSTED_PICTURE_HAN_RE.search(before):
        return OTHER
    if _IN_MY_PLACE_LATIN_RE.search(before):
        return SELF
    return None


# Round 47: the means among the texter's own things right before the emoji ("the rope is already in my locker
# 🪢"): theirs, whoever the message goes on to name
_IN_MY_PLACE_LATIN_RE = re.compile(
    rf"\b{_IN_PLACE_LATIN} my (\w+ )?({_PLACES_LATIN})( now| rn| already| ready)? ?$", re.ASCII
)


# Round 44: a relation posted a picture, the emoji right after it ("我朋友刚在朋友圈发了一张绳子的图🪢"): the
# means are in their post
_POSTED_PICTURE_HAN_RE = re.compile(
    f"{_RELATION_NP_HAN}[^我。]{{0,16}}(发|传|post|po|贴|send|放|出)(咗|了)?[^我。]{{0,12}}"
    "(图|相|照|照片|图片|pic|photo|story|限动)\\s?$"
)


def _read_inner_with_outer(
    hits: dict[str, tuple[Any, tuple[int, int]]], subjects: dict[str, str | None]
) -> None:
    """A signal found inside a longer one is read with it (round 41): in "…發朋友圈說我已經寫好遺書了" the
    words before "遺書" end mid-clause (寫好), so only "寫好遺書", whose words before end at the verb of
    saying, shows whose they are."""
    spans = {signal: span for signal, (_, span) in hits.items()}
    for signal, (start, end) in spans.items():
        containers = [
            (other_end - other_start, other)
            for other, (other_start, other_end) in spans.items()
            if other != signal
            and other_start <= start
            and end <= other_end
            and (other_end - other_start) > (end - start)
            and subjects.get(other) is not None
            # (an entry's own fixed subject is about its words, not the clause's: someone_else_cmn may take in
            # "他說發出去 我就去死", the blackmailer's words and the texter's own)
            and hits[other][0].about is None
        ]
        if containers:
            subjects[signal] = subjects[max(containers)[1]]


def _detect(text: str, someone_else: bool = False) -> CrisisFinding:
    """`detect_crisis` without the quoted-words rule."""
    if not text or not text.strip():
        return CrisisFinding(False, ())
    norm = normalise(text)
    raw = unicodedata.normalize("NFKC", text)
    lexicon = _lexicon()
    if not _HAN_RE.search(norm) and not _ASCII_LETTER_RE.search(norm) and not lexicon.emoji:
        return CrisisFinding(False, ())
    scan = _scan(norm, lexicon, lexicon.entries)
    subjects: dict[str, str | None] = {
        signal: entry.about or _subject(norm, span) for signal, (entry, span) in scan.hits.items()
    }
    _read_inner_with_outer(scan.hits, subjects)
    level = {signal: entry.level for signal, (entry, _) in scan.hits.items()}
    someone_named = someone_else or _relation_named(norm)
    if someone_named:
        shifted = _first_person(norm)
        if shifted != norm:
            for signal, (entry, span) in _scan(shifted, lexicon, lexicon.entries).hits.items():
                if signal not in subjects and not _masked_as_written(shifted[span[0] : span[1]], scan):
                    subjects[signal], level[signal] = OTHER, entry.level
    if lexicon.third_party and (someone_named or _PRONOUN_OTHER_RE.search(norm)):
        # round 41: a relation named only as the one given to or told ("送埋俾棋會學弟") is no subject of a
        # sign
        someone_as_subject = (
            someone_else or bool(_subject_relations(norm)) or bool(_ASKING_FOR_HAN_RE.search(norm))
        )
        for signal, (entry, span) in _scan(norm, lexicon, lexicon.third_party).hits.items():
            subjects[signal], level[signal] = _seen_in(norm, span, someone_as_subject), entry.level
    for entry in lexicon.emoji:
        found = entry.han.union.search(raw) if entry.han.union is not None else None
        if found:
            subjects[entry.signal], level[entry.signal] = _emoji_subject(raw, found.start()), entry.level
    if _retracted(norm, scan, level):
        level = {signal: CONCERN for signal in level}
    signals = tuple(s for s in subjects if level[s] == CRISIS)
    concerns = tuple(s for s in subjects if level[s] == CONCERN)
    found = set(subjects.values())
    about = SELF if SELF in found else OTHER if OTHER in found else None
    if about is None and subjects and someone_named:
        # no signal names its subject: the one the message speaks of decides ("found pills in my sons room")
        about = OTHER if someone_else else _last_named(norm)
    idioms = _idiom_texts(norm, scan.idiom_spans) if scan.idiom_spans else ()
    denials = (
        tuple(m.group() for matcher in lexicon.denials for m in matcher.finditer(norm)) if scan.masked else ()
    )
    return CrisisFinding(bool(signals), signals, idioms, concerns, about, denials)
