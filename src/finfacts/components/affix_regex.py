"""Faster suffix and infix regexes for the tokenizer, matching exactly what spaCy's would.

spaCy joins the suffix (or infix) rules into one alternation and runs ``re`` over every
position of every piece of text, so a rule costs time at every character even where it
cannot match. Two rewrites, each keeping the matches unchanged, make that cheap:

* **Consume first.** A rule ``(?<=L)X`` (a lookbehind, then one character) is written
  ``X(?<=LX)``. ``re`` skips an alternative that starts with a literal or a character set
  in a few instructions when the character does not fit, but enters every lookbehind,
  which costs about as much as fifteen such checks. Both forms match the same character
  at the same position.
* **No digit, no digit rules.** A rule that starts with a lookbehind for a digit
  (``(?<=[0-9])``, ``(?<=\\d...)``) cannot match in a string without one, and most
  pieces of text have none. :class:`AffixRegex` keeps a second regex without those rules
  (the others in the same order) and uses it for such strings.

:class:`AffixRegex` offers ``pattern``, ``search``, ``match`` and ``finditer`` like a
compiled pattern, so the tokenizer serializes it as usual (as the full pattern, which a
reloaded tokenizer compiles with plain ``re``: slower, same result).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

_digit_search = re.compile(r"\d").search
_QUANTIFIERS = "*+?{"
_DIGIT_CLASSES = (r"\d", "[0-9]")
_CLASS_ESCAPES = set("dDwWsS")

Rule = str | tuple[str, bool]


def _scan(piece: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Walk a regex from ``start``: yield ``(index, char, depth)`` for characters outside
    character classes and escapes (``depth`` counts open groups)."""
    i, depth, n = start, 0, len(piece)
    while i < n:
        c = piece[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(piece, i)
            continue
        yield i, c, depth
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1


def _class_end(piece: str, i: int) -> int:
    """Index after the character class that opens at ``piece[i] == "["``."""
    j = i + 1
    if j < len(piece) and piece[j] == "^":
        j += 1
    if j < len(piece) and piece[j] == "]":
        j += 1
    while j < len(piece):
        if piece[j] == "\\":
            j += 2
            continue
        if piece[j] == "]":
            return j + 1
        j += 1
    raise ValueError(f"unterminated character class in {piece!r}")


def _has_top_level_bar(piece: str) -> bool:
    return any(c == "|" and depth == 0 for _, c, depth in _scan(piece))


def _split_lookbehind(piece: str) -> tuple[str, str] | None:
    """``(L, rest)`` for a rule ``(?<=L)rest`` whose ``L`` has no groups, else None."""
    if not piece.startswith("(?<="):
        return None
    for i, c, depth in _scan(piece, 4):
        if c == "(":
            return None
        if c == ")" and depth == 0:
            return piece[4:i], piece[i + 1 :]
    return None


def _one_char(rest: str) -> int:
    """Length of a leading atom of ``rest`` that matches exactly one character, else 0."""
    if not rest:
        return 0
    c = rest[0]
    if c == "[":
        end = _class_end(rest, 0)
    elif c == "\\":
        if len(rest) < 2:
            return 0
        e = rest[1]
        if e in _CLASS_ESCAPES or not e.isalnum():
            end = 2
        elif e == "x":
            end = 4
        elif e == "u":
            end = 6
        elif e == "U":
            end = 10
        else:
            return 0  # \b, \A, back-references, ... are not one character
    elif c in ".^$*+?{}()|":
        return 0
    else:
        end = 1
    if end < len(rest) and rest[end] in _QUANTIFIERS:
        return 0
    return end


def _width(regex: str) -> tuple[int, int] | None:
    try:
        lo, hi = re._parser.parse(regex).getwidth()  # type: ignore[attr-defined]
    except (re.error, AttributeError):
        return None
    return int(lo), int(hi)


def _group_alternatives(rest: str) -> tuple[list[str], str] | None:
    """``([A1, ..., Ak], tail)`` for ``rest == "(?:A1|...|Ak)" + tail`` (no nested groups)."""
    if not rest.startswith("(?:"):
        return None
    alternatives, begin = [], 3
    for i, c, depth in _scan(rest, 3):
        if c == "(":
            return None
        if c == "|" and depth == 0:
            alternatives.append(rest[begin:i])
            begin = i + 1
        elif c == ")" and depth == 0:
            alternatives.append(rest[begin:i])
            return alternatives, rest[i + 1 :]
    return None


def split_alternatives(piece: str, limit: int = 8) -> list[str]:
    """Rewrite ``(?<=L)(?:A1|...|Ak)R`` as the rules ``A1R``, ..., ``AkR``, each behind
    ``(?<=L)``, so that :func:`consume_first` can start each with its first character.

    ``(?:A1|A2)R`` tries ``A1R``, then ``A2R``, like two rules in that order. Done only for
    a few alternatives that each start with one character: one lookbehind costs more than
    a handful of character checks.
    """
    split = _split_lookbehind(piece)
    if split is None:
        return [piece]
    behind, rest = split
    group = _group_alternatives(rest)
    if group is None:
        return [piece]
    alternatives, tail = group
    if not 1 < len(alternatives) <= limit or not all(_one_char(a) for a in alternatives):
        return [piece]
    return [f"(?<={behind}){a}{tail}" for a in alternatives]


def consume_first(piece: str) -> str:
    """Rewrite ``(?<=L)XR`` (X one character) as ``X(?<=LX)R``; other rules unchanged."""
    split = _split_lookbehind(piece)
    if split is None:
        return piece
    behind, rest = split
    k = _one_char(rest)
    if not k:
        return piece
    char = rest[:k]
    lb, rb = _width(behind) or (0, -1)
    if lb != rb or _width(char) != (1, 1):
        return piece
    new = f"{char}(?<={behind}{char}){rest[k:]}"
    try:
        re.compile(new)
    except re.error:
        return piece
    return new


def _class_bounds(char: str) -> tuple[int, int, int] | None:
    """``(lowest, highest, items)`` code points of a plain character class, else None."""
    try:
        parsed = re._parser.parse(char)  # type: ignore[attr-defined]
    except (re.error, AttributeError):
        return None
    if len(parsed.data) != 1 or str(parsed.data[0][0]) != "IN":
        return None
    lo, hi = None, None
    items = parsed.data[0][1]
    for op, av in items:
        if str(op) == "LITERAL":
            a = b = av
        elif str(op) == "RANGE":
            a, b = av
        else:  # NEGATE, CATEGORY (\d, \w...): not plain
            return None
        lo = a if lo is None else min(lo, a)
        hi = b if hi is None else max(hi, b)
    if lo is None or hi is None:
        return None
    return lo, hi, len(items)


def range_first(piece: str, min_items: int = 32) -> str:
    """Rewrite ``[C]R`` (a large class C) as ``[lo-hi](?<=[C])R``.

    ``re`` tests a class with characters beyond U+FFFF (the emoji of spaCy's
    ``LIST_ICONS``) range by range, about as slowly as a lookbehind; a single range
    from the class's lowest to its highest character rejects ordinary text at once, and
    the class itself is then checked only for the rare characters inside that range.
    """
    k = _one_char(piece)
    if not k or piece[0] != "[":
        return piece
    bounds = _class_bounds(piece[:k])
    if bounds is None or bounds[2] < min_items:
        return piece
    lo, hi, _ = bounds
    new = f"[\\U{lo:08x}-\\U{hi:08x}](?<={piece[:k]}){piece[k:]}"
    try:
        re.compile(new)
    except re.error:
        return piece
    return new


def needs_digit(piece: str) -> bool:
    """Whether the rule starts with a lookbehind whose first character is a digit."""
    if _has_top_level_bar(piece):
        return False
    split = _split_lookbehind(piece)
    return split is not None and split[0].startswith(_DIGIT_CLASSES)


class AffixRegex:
    """A compiled affix regex plus a smaller one for strings without a digit.

    Args:
        pattern: the full regex (what ``compile_suffix_regex`` or
            ``compile_infix_regex`` would build).
        no_digit_pattern: the same without the alternatives that need a digit.
    """

    def __init__(self, pattern: str, no_digit_pattern: str) -> None:
        self.pattern = pattern
        self.no_digit_pattern = no_digit_pattern
        full = re.compile(pattern)
        no_digit = re.compile(no_digit_pattern)
        self.flags = full.flags
        self._search, self._nd_search = full.search, no_digit.search
        self._match, self._nd_match = full.match, no_digit.match
        self._finditer, self._nd_finditer = full.finditer, no_digit.finditer

    def __reduce__(self) -> tuple[Any, ...]:
        return (AffixRegex, (self.pattern, self.no_digit_pattern))

    def __repr__(self) -> str:
        return f"AffixRegex({self.pattern[:60]!r}...)"

    # The tokenizer calls these for every piece of text: keep them lean.
    def search(self, string: str, *args: int) -> re.Match[str] | None:
        if not args and (string.isalpha() or _digit_search(string) is None):
            return self._nd_search(string)
        return self._search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        if not args and (string.isalpha() or _digit_search(string) is None):
            return self._nd_match(string)
        return self._match(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        if not args and (string.isalpha() or _digit_search(string) is None):
            return self._nd_finditer(string)
        return self._finditer(string, *args)


def _rules(rules: Iterable[Rule]) -> list[tuple[str, bool]]:
    out = []
    for rule in rules:
        piece, digit = (rule, needs_digit(rule)) if isinstance(rule, str) else rule
        if piece.strip():
            out.extend((range_first(consume_first(part)), digit) for part in split_alternatives(piece))
    return out


_NEVER = "(?!)"


def prefix_regex(rules: Iterable[Rule]) -> AffixRegex:
    """Like ``spacy.util.compile_prefix_regex``; rules as for :func:`suffix_regex`."""
    pieces = _rules(rules)
    full = "|".join("^" + p for p, _ in pieces)
    no_digit = "|".join("^" + p for p, d in pieces if not d) or _NEVER
    return AffixRegex(full, no_digit)


def suffix_regex(rules: Iterable[Rule]) -> AffixRegex:
    """Like ``spacy.util.compile_suffix_regex``. A rule is a string, or ``(string,
    needs_digit)`` to say that it cannot match in a string without a digit."""
    pieces = _rules(rules)
    full = "|".join(p + "$" for p, _ in pieces)
    no_digit = "|".join(p + "$" for p, d in pieces if not d) or _NEVER
    return AffixRegex(full, no_digit)


def infix_regex(rules: Iterable[Rule]) -> AffixRegex:
    """Like ``spacy.util.compile_infix_regex``; rules as for :func:`suffix_regex`."""
    pieces = _rules(rules)
    full = "|".join(p for p, _ in pieces)
    no_digit = "|".join(p for p, d in pieces if not d) or _NEVER
    return AffixRegex(full, no_digit)
