"""The ``regex`` module's functions, with each compiled pattern kept in a plain cache; and the
standard library's engine for the patterns it runs faster.

``regex.sub(pattern, ...)`` looks its compiled pattern up in ``regex``'s own cache on every call,
which costs more than matching a short pattern against a short string; the hot paths of the
linker and the table reader call these instead.

Neither engine is faster on every pattern. ``regex`` finds a literal a pattern starts with, or an
alternation of words under ``(?i)``, by a fast scan that ``re`` lacks; ``re`` runs character
classes and prefix trees faster (the metric taxonomy's prefix tree scans the corpus's metric
windows in a fourth of the time). :func:`std` compiles with ``re`` the patterns measured faster
there (``benchmarks/patterns.py`` times every pattern under both engines). The two engines agree
on what a pattern means but for what ``\\w`` takes as a letter: ``re`` counts digits that are not
decimal (superscripts "¹", subscripts "₃", fractions "½") as letters, ``regex`` does not; a
pattern given to :func:`std` that must not excludes :data:`NOT_LETTER_DIGITS` itself.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import regex

compile = functools.lru_cache(maxsize=None)(regex.compile)  # noqa: A001 - the regex name, on purpose

# the characters ``re`` takes for \w and ``regex`` does not: put them in a negated class beside \W
# ("[^\W\d" + NOT_LETTER_DIGITS + "]") for a letter that is a letter under both engines
NOT_LETTER_DIGITS = "\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793"
# what ``regex`` takes for "[^\S\n]" (Unicode's White_Space but the newline), for a pattern given to
# :func:`std`: ``re``'s \s also takes the separators U+001C..U+001F
HSPACE = "\t\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@functools.lru_cache(maxsize=None)
def std(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""``pattern`` compiled by the standard library's ``re`` (``flags`` are ``re``'s): for the
    patterns it runs faster than ``regex``. ``re`` takes a lookbehind of one width only.

    >>> std(r"(?<![\w&])(?<!\w-)net\s+income").findall("net income, pre-net income")
    ['net income']
    """
    return re.compile(pattern, flags)


def sub(pattern: str, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def search(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).fullmatch(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Any:
    return compile(pattern, flags).finditer(string)


class Alternation:
    r"""The matches of ``prefix(?:part1|part2|...)``, found by searching each part on its own.

    An alternation of many branches that start differently defeats the engine's fast scan for where
    a match may start: it tries every branch at every character. Each branch alone is found by that
    scan. :meth:`finditer` gives what the joined pattern's ``finditer`` gives: at the leftmost start
    where any part matches, the first part (in order) that matches there, the search going on from
    its end. A part must not match the empty string.

    >>> rx = Alternation([r"q[1-4]\s*20\d\d", r"(?:full[- ]year|fiscal)\s+20\d\d"], prefix=r"(?i)\b")
    >>> [m.group(0) for m in rx.finditer("Q3 2024 and Fiscal 2024 results")]
    ['Q3 2024', 'Fiscal 2024']
    """

    def __init__(self, parts: Sequence[str], *, prefix: str = "") -> None:
        self.pattern = prefix + "(?:" + "|".join(parts) + ")"
        self.parts = [regex.compile(prefix + "(?:" + part + ")") for part in parts]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        end = len(text) if endpos is None else endpos
        found = [rx.search(text, pos, end) for rx in self.parts]
        while True:
            best = None
            for m in found:  # the leftmost; of those at one start, the first part's
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end()
            for i, m in enumerate(found):
                if m is not None and m.start() < pos:  # overlapped: the part's next match from here
                    found[i] = self.parts[i].search(text, pos, end)
