"""Mixed-script tokenizer and spaCy glue for the triage rules.

Every Han character (including CJK Ext A-H) and every kana/bopomofo symbol
is its own token; runs of Latin (or other alphabetic) letters and digits form
word tokens, with internal apostrophes kept (``don't``); ``HK$``/``NT$``/``$``
style currency symbols and emoji (incl. ZWJ sequences, flags, keycaps, skin
tones) are their own tokens; whitespace and punctuation are dropped.
Offsets always point into the ORIGINAL text.

The module also owns the shared spaCy machinery used by ``age`` and
``entities``: one blank pipeline built lazily, a cached ``Doc`` builder and
``PhraseRules`` (a PhraseMatcher with per-phrase context filters).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

# --------------------------------------------------------------------------
# character classes
# --------------------------------------------------------------------------
# Han ideographs: iteration/zero marks, Ext A, URO, compatibility, Ext B-H
# (U+20000-U+3FFFF, astral; Python str has no surrogates so ranges work).
HAN_RANGES = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
)
# kana, bopomofo (Taiwanese texters type ㄉ/ㄇ particles), radicals, strokes
_OTHER_SINGLE = "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\uff66-\uff9f"
_SINGLE = HAN_RANGES + _OTHER_SINGLE
_HAN_RE = re.compile(f"[{HAN_RANGES}]")

# Letters/digits of any alphabetic script, minus CJK singles and underscore;
# plus combining marks and Indic/SE-Asian blocks whose vowel signs are not \w.
_WORD_CH = (
    f"(?:[^\\W_{_SINGLE}]"
    "|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff])"
)

_EMOJI_BASE = "[\u231a\u231b\u23e9-\u23f3\u23f8-\u23fa\u2600-\u27bf\u2b50\u2b55\U0001f000-\U0001faff]"
# text-style symbols that become emoji with VS16 (©️ ↔️ ⬆️ ...)
_EMOJI_TEXT_BASE = (
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff"
    "\u24c2\u25a0-\u25ff\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299]\ufe0f"
)
_EMOJI_MOD = "[\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]*"
_EMOJI_ATOM = f"(?:{_EMOJI_TEXT_BASE}|{_EMOJI_BASE}){_EMOJI_MOD}"
_EMOJI = f"[0-9#*]\ufe0f?\u20e3|[\U0001f1e6-\U0001f1ff]{{2}}|{_EMOJI_ATOM}(?:\u200d{_EMOJI_ATOM})*"
_CURRENCY_SYM = (
    "(?:[Hh][Kk]|[Nn][Tt]|[Uu][Ss]|[Aa][Uu]|[Nn][Zz]|[Ss]|[Aa]|[Cc])?[$\uff04]"
    "|[\u00a3\u00a5\u20ac\uffe5\u20a9\u20b1\u0e3f]"
)
_NUMBER = f"\\d+(?:[.,:]\\d+)+{_WORD_CH}*"
_WORD = f"{_WORD_CH}+(?:['\u2019]{_WORD_CH}+)*"

TOKEN_RE = re.compile(f"(?:{_EMOJI})|(?:{_CURRENCY_SYM})|(?:{_NUMBER})|[{_SINGLE}]|(?:{_WORD})")

# Full-width ASCII -> ASCII, ideographic space -> space, curly quotes ->
# straight. Every mapping is one char to one char, so offsets are preserved.
_FOLD_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({0x3000: 0x20, 0x2018: 0x27, 0x2019: 0x27, 0x201C: 0x22, 0x201D: 0x22})


@dataclass(frozen=True)
class Token:
    """A token with character offsets into the original text."""

    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """Return a length-preserving width/quote-folded copy of ``text``."""
    return text.translate(_FOLD_TABLE)


def is_han(ch: str) -> bool:
    """True if ``ch`` is a single Han ideograph (any CJK block)."""
    return bool(_HAN_RE.fullmatch(ch))


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into Han characters, words, currency symbols and emoji."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


# --------------------------------------------------------------------------
# spaCy glue
# --------------------------------------------------------------------------
OFFSETS_KEY = "triage_offsets"


class CJKTokenizer:
    """spaCy tokenizer producing the same tokens as :func:`tokenize`.

    Dropped punctuation becomes a trailing space on the previous token, so
    ``doc.text`` can differ from the input; the original character offsets
    are kept in ``doc.user_data["triage_offsets"]`` (see :func:`span_offsets`).
    """

    def __init__(self, vocab: Any, fold_text: bool = False) -> None:
        self.vocab = vocab
        self.fold_text = fold_text

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        toks = tokenize(fold(text) if self.fold_text else text)
        words = [t.text for t in toks]
        spaces = [(toks[i + 1].start if i + 1 < len(toks) else len(text)) > t.end for i, t in enumerate(toks)]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[OFFSETS_KEY] = [(t.start, t.end) for t in toks]
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Any]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    # serialisation hooks so nlp.to_disk/from_disk keep working
    def to_bytes(self, **_kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: Any) -> CJKTokenizer:
        return self

    def to_disk(self, _path: Any, **_kwargs: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_kwargs: Any) -> CJKTokenizer:
        return self


def make_spacy_tokenizer(vocab: Any, fold_text: bool = False) -> CJKTokenizer:
    """Return a callable usable as ``nlp.tokenizer`` (see :class:`CJKTokenizer`)."""
    return CJKTokenizer(vocab, fold_text=fold_text)


def span_offsets(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Original-text character offsets of tokens ``doc[start:end]``."""
    offsets = doc.user_data.get(OFFSETS_KEY)
    if offsets is None:  # a Doc made by another tokenizer
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return offsets[start][0], offsets[end - 1][1]


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The shared blank multi-language pipeline with the folding tokenizer."""
    import spacy

    nlp = spacy.blank("xx")
    nlp.tokenizer = make_spacy_tokenizer(nlp.vocab, fold_text=True)
    return nlp


@lru_cache(maxsize=512)
def get_doc(text: str) -> Any:
    """Cached folded ``Doc`` for ``text`` (shared by age and entity rules)."""
    return get_nlp().make_doc(text)


@cache
def load_lexicon(name: str) -> Any:
    """Load ``lexicon/<name>.yml`` (cached)."""
    with open(LEXICON_DIR / f"{name}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


# --------------------------------------------------------------------------
# phrase rules: PhraseMatcher + token-context filters
# --------------------------------------------------------------------------
NUM_MARK = "<NUM>"  # filter token matching any digit token or Chinese numeral
START_MARK = "<START>"  # need_before: phrase at start of message
END_MARK = "<END>"  # need_after: phrase at end of message
_CN_DIGITS = set("零〇一二兩两三四五六七八九十百千萬万")

Seq = tuple[str, ...]


def _seqs(items: Iterable[str] | None) -> tuple[Seq, ...]:
    """Tokenize filter strings into lower-cased token sequences."""
    out: list[Seq] = []
    for item in items or ():
        item = str(item)
        if item in (NUM_MARK, START_MARK, END_MARK):
            out.append((item,))
        else:
            out.append(tuple(t.text.lower() for t in tokenize(fold(item))))
    return tuple(s for s in out if s)


@dataclass(frozen=True)
class Rule:
    """A labelled phrase family with optional token-context filters."""

    label: str
    value: str
    need_before: tuple[Seq, ...] = ()
    need_after: tuple[Seq, ...] = ()
    not_before: tuple[Seq, ...] = ()
    not_after: tuple[Seq, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def build(cls, label: str, value: str, spec: dict | None = None, **extra: Any) -> Rule:
        """Build a rule from a YAML mapping with need_/not_ before/after lists."""
        spec = spec or {}
        return cls(
            label=label,
            value=str(value),
            need_before=_seqs(spec.get("need_before")),
            need_after=_seqs(spec.get("need_after")),
            not_before=_seqs(spec.get("not_before")),
            not_after=_seqs(spec.get("not_after")),
            extra=extra,
        )


def _tok_eq(tok: Any, want: str) -> bool:
    if want == NUM_MARK:
        text = tok.text
        return text[:1].isdigit() or text in _CN_DIGITS
    return tok.lower_ == want


def _has_before(doc: Any, start: int, seqs: tuple[Seq, ...]) -> bool:
    for seq in seqs:
        if seq == (START_MARK,):
            if start == 0:
                return True
            continue
        n = len(seq)
        if start >= n and all(_tok_eq(doc[start - n + i], seq[i]) for i in range(n)):
            return True
    return False


def _has_after(doc: Any, end: int, seqs: tuple[Seq, ...]) -> bool:
    for seq in seqs:
        if seq == (END_MARK,):
            if end == len(doc):
                return True
            continue
        n = len(seq)
        if end + n <= len(doc) and all(_tok_eq(doc[end + i], seq[i]) for i in range(n)):
            return True
    return False


def context_ok(doc: Any, start: int, end: int, rule: Rule) -> bool:
    """Apply a rule's need/not before/after filters to ``doc[start:end]``."""
    if rule.not_before and _has_before(doc, start, rule.not_before):
        return False
    if rule.not_after and _has_after(doc, end, rule.not_after):
        return False
    if rule.need_before or rule.need_after:
        return _has_before(doc, start, rule.need_before) or _has_after(doc, end, rule.need_after)
    return True


class PhraseRules:
    """PhraseMatchers (case-insensitive LOWER and case-sensitive ORTH) whose
    matches are filtered by each rule's token context and de-overlapped."""

    def __init__(self, name: str) -> None:
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        self.name = name
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule, phrases: Iterable[str], case_sensitive: bool = False) -> None:
        """Register ``phrases`` (tokenized with the shared tokenizer) for ``rule``."""
        nlp = get_nlp()
        key = f"{self.name}:{len(self._rules)}"
        self._rules[key] = rule
        docs = [nlp.make_doc(p) for p in dict.fromkeys(str(p) for p in phrases)]
        docs = [d for d in docs if len(d)]
        if docs:
            (self._orth if case_sensitive else self._lower).add(key, docs)

    def find(self, doc: Any) -> list[tuple[Rule, int, int]]:
        """Return accepted ``(rule, start_token, end_token)``, non-overlapping,
        longest first on conflicts, sorted by position."""
        strings = doc.vocab.strings
        found: list[tuple[Rule, int, int]] = []
        for matcher in (self._lower, self._orth):
            if not len(matcher):
                continue
            for match_id, start, end in matcher(doc):
                rule = self._rules[strings[match_id]]
                if context_ok(doc, start, end, rule):
                    found.append((rule, start, end))
        return resolve_overlaps(found, key=lambda m: (m[1], m[2]))


def resolve_overlaps(items: list, key: Callable[[Any], tuple[int, int]]) -> list:
    """Keep non-overlapping items, preferring longer then earlier spans."""
    chosen: list = []
    taken: list[tuple[int, int]] = []
    for item in sorted(items, key=lambda it: (key(it)[0] - key(it)[1], key(it)[0])):
        s, e = key(item)
        if all(e <= ts or s >= te for ts, te in taken):
            chosen.append(item)
            taken.append((s, e))
    return sorted(chosen, key=lambda it: key(it))
