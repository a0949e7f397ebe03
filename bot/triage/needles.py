"""The words a regex cannot match without: a cheap test that skips a lexicon pattern a message cannot match.

Why: the crisis lexicon is some 740 regex unions, searched one after another in every message (about 800
searches, 10-25 ms a message), and almost all of them find nothing. Nearly every pattern names words it
must contain (`(kill|end) my ?self` cannot match a text without "kill" or "end"), and a substring test of a
few words costs far less than a regex search. `needles` reads them from the compiled pattern: a set of
strings such that every match contains at least one of them. When a message contains none, the pattern
cannot match, and its search can be skipped with the same result. When the pattern does not guarantee any
word (an optional part, a character class, a case-insensitive group, a backreference), `needles` gives
None and the pattern is always searched. tests/triage/test_needles.py checks the promise of every lexicon
union over some 2,500 real texts (README, "Forty-eighth round": every labelled and training text reads the
same).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_BRANCH = sre_constants.BRANCH
# (POSSESSIVE_REPEAT is Python 3.11's; on 3.10 the set just holds MAX_REPEAT twice)
_REPEATS = {
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT),
}
_ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)
_IN = sre_constants.IN
_IGNORECASE = sre_constants.SRE_FLAG_IGNORECASE

Needles = frozenset[str]
KEY_LENGTH = 3  # characters in a needle's key (`keys_of`)


def needles(pattern: re.Pattern[str]) -> Needles | None:
    """Strings one of which every match of `pattern` contains, or None when it promises none."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _usable(_of_sequence(sre_parse.parse(pattern.pattern, pattern.flags)))


def _usable(found: Needles | None) -> Needles | None:
    """No promise when a needle is empty: every text contains the empty string."""
    return None if found is None or "" in found else found


def _of_sequence(items: Any) -> Needles | None:
    """A sequence matches only if each of its items does, so any item's needles are the sequence's; the
    longest guaranteed words are kept (runs of literal characters joined into one word)."""
    candidates: list[Needles] = []
    run: list[str] = []
    for op, argument in items:
        literal = _literal_of(op, argument)
        if literal is not None:
            run.append(literal)
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found = _usable(_of_item(op, argument))
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _selectivity(found: Needles) -> tuple[int, int]:
    """Longer shortest words first (rarer in a text), then fewer words."""
    return (min(len(word) for word in found), -len(found))


def _literal_of(op: Any, argument: Any) -> str | None:
    """The exact text an item always matches: a literal character, or a group of nothing but literals."""
    if op is _LITERAL:
        return chr(argument)
    if op is _SUBPATTERN:
        _, add_flags, _, content = argument
        if add_flags & _IGNORECASE:
            return None
        parts = [_literal_of(inner_op, inner) for inner_op, inner in content]
        if parts and all(part is not None for part in parts):
            return "".join(parts)  # type: ignore[arg-type]
    return None


def _of_item(op: Any, argument: Any) -> Needles | None:
    if op is _SUBPATTERN:
        _, add_flags, _, content = argument
        return None if add_flags & _IGNORECASE else _of_sequence(content)
    if op is _ATOMIC_GROUP and _ATOMIC_GROUP is not None:
        return _of_sequence(argument)
    if op is _BRANCH:
        union: set[str] = set()
        for alternative in argument[1]:
            found = _usable(_of_sequence(alternative))
            if found is None:  # one alternative promises nothing: neither does the branch
                return None
            union |= found
        return frozenset(union)
    if op in _REPEATS:
        low, _, content = argument
        return _of_sequence(content) if low >= 1 else None
    if op is _IN and argument and all(inner_op is _LITERAL for inner_op, _ in argument):
        return frozenset(chr(code) for _, code in argument)  # [鎅𠝹界], or 鎅|𠝹|界 as the parser reads it
    return None  # other classes, any character, anchors, lookarounds, backreferences: no word promised


def contains_any(text: str, found: Needles) -> bool:
    """Whether the text contains one of the needles (a substring test each, in C)."""
    return any(map(text.__contains__, found))


def keys_of(found: Needles) -> frozenset[str]:
    """A key of each needle, three characters of it (the whole needle when shorter; a stretch without a
    space when there is one, spaces being in every text): a text can contain a needle only if it contains
    its key, and a text's keys are cheap to list (`text_keys`)."""
    return frozenset(_key(needle) for needle in found)


def _key(needle: str) -> str:
    stretches = [needle[i : i + KEY_LENGTH] for i in range(max(1, len(needle) - KEY_LENGTH + 1))]
    return next((stretch for stretch in stretches if " " not in stretch), stretches[0])


def text_keys(text: str) -> frozenset[str]:
    """Every stretch of one to KEY_LENGTH characters of the text: the keys it can contain."""
    return frozenset(text[i : i + n] for n in range(1, KEY_LENGTH + 1) for i in range(len(text) - n + 1))
