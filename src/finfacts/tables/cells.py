"""Table cells as written: ``$ 76,693``, ``(1,688 )``, ``$(0.02)``, ``22 %``, ``(1)%``, ``—``.

Pure functions; the doctests are the spec. A cell is read exactly (``Decimal``); its
``decimals`` is the number of digits written after the decimal point, before any scale.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import NamedTuple

import regex

from .. import fastre

DASHES = frozenset({"-", "—", "–", "--", "−", "‒", "―", "- -", "— —"})
EMPTY_WORDS = frozenset({"n/m", "nm", "n.m.", "n/a", "na", "n.a.", "*", "**", "nmf", "not meaningful", "—%", "-%"})
CURRENCY_SIGNS = r"(?:US\$|HK\$|C\$|A\$|NZ\$|S\$|R\$|RMB|\$|€|£|¥|₹)"
# one numeric cell as a whole string, with its parts named
# (whitespace possessive, \s*+: what follows each run is never whitespace, and backtracking
# through runs split between optional parts is polynomial in a cell of spaces)
_CELL = regex.compile(
    rf"""^\s*+(?P<open>\()?\s*+(?P<cur>{CURRENCY_SIGNS})?\s*+(?P<open2>\()?\s*+(?P<sign>[-−+])?\s*+
    (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*+(?P<close>\))?\s*+(?P<pct>%)?\s*+(?P<close2>\))?\s*+(?P<pct2>%)?
    \s*+(?P<note>\((?:\d|[a-z])\)|\*{{1,3}}|[¹²³⁴⁵⁶⁷⁸⁹])?\s*+$""",
    regex.X,
)
# parse_cell reads the parts by position (``regex`` finds a group by its name in more time than the
# match takes): they are these, in this order
assert tuple(_CELL.groupindex) == ("open", "cur", "open2", "sign", "num", "close", "pct", "close2", "pct2", "note")
# a cell of ASCII digits alone, as _CELL's number reads it (stdlib re: the faster engine for it)
_PLAIN = fastre.std(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_DASH_CELL = regex.compile(rf"^\s*+\(?\s*+(?:{CURRENCY_SIGNS})?\s*+(?:-{{1,2}}|[—–−‒―])\s*+\)?\s*+%?\s*+$")
# A numeric cell inside running text (aligned, flattened or one-cell-a-line tables). Its left edge
# is a line start, a space or a glued label ("Product revenues$ 3,849", "132Total assets"); a
# figure followed by ", 2024", "/", "-" or more digits is a date or a code, not a cell; nor is the
# digit of a half or quarter label ("1H 2026", "3Q24").
STREAM_CELL = regex.compile(
    rf"""(?:(?<=^|[\s|])|(?<=[A-Za-z)\d]){CURRENCY_SIGNS}\s{{0,8}})
    (?:\(\s{{0,3}})?(?:{CURRENCY_SIGNS}\s{{0,8}})?(?:\(\s{{0,3}})?[-−]?
    (?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?:\s{{0,4}}\))?(?:\s?%)?(?:\s{{0,4}}\))?
    (?=$|[\s|]|[A-Za-z(](?<!\d[A-Za-z])|\$|[A-Z])
    (?![,.]\d|/|-\d)
    (?!(?<=(?:^|[\s|])[1-4])[HQ](?:\s?\d\d|\b)|(?<=(?:^|[\s|])9)M\b)  # "1H 2026", "3Q24", "9M": a period's label""",
    regex.X | regex.M,
)
STREAM_DASH = regex.compile(rf"(?<=^|[\s|])(?:{CURRENCY_SIGNS}\s{{0,4}})?(?:-{{1,2}}|[—–])(?=$|[\s|])", regex.M)
YEAR = regex.compile(r"^(?:19[89]\d|20\d\d)$")
_WORD_BEFORE = regex.compile(r"[A-Za-z][ \t]{1,3}$")
_WORD_AFTER = regex.compile(r"[ \t]{1,3}[A-Za-z]")


class CellValue(NamedTuple):
    """What one cell says: a number (or a dash read as zero) and how it was written.

    (Immutable, as parse_cell's cache needs. A NamedTuple, not a frozen dataclass: a frozen
    dataclass sets each field through object.__setattr__, ~3 us a cell, a third of parse_cell.)
    """

    value: Decimal
    decimals: int
    percent: bool = False
    currency: str | None = None
    dash: bool = False
    note: str | None = None


@functools.lru_cache(maxsize=1024)
def parse_cell(text: str) -> CellValue | None:
    """Read one table cell; ``None`` when it holds no figure (text, ``n/m``, empty).

    Parenthesized figures are negative; a dash is zero; a footnote marker after the figure is
    kept apart. (Cached: finding a table and reading it parse the same cells; the value is frozen.)

    >>> parse_cell("$ 76,693")
    CellValue(value=Decimal('76693'), decimals=0, percent=False, currency='$', dash=False, note=None)
    >>> [parse_cell(t).value for t in ("(1,688 )", "$(0.02)", "($ 146)", "(1)", "-23.9%", "1.55")]
    [Decimal('-1688'), Decimal('-0.02'), Decimal('-146'), Decimal('-1'), Decimal('-23.9'), Decimal('1.55')]
    >>> c = parse_cell("(1)%"); (c.value, c.percent)
    (Decimal('-1'), True)
    >>> c = parse_cell("22 %"); (c.value, c.percent, c.decimals)
    (Decimal('22'), True, 0)
    >>> c = parse_cell("—"); (c.value, c.dash)
    (Decimal('0'), True)
    >>> parse_cell("$ —").dash, parse_cell("-").dash
    (True, True)
    >>> c = parse_cell("12,345 (1)"); (c.value, c.note)
    (Decimal('12345'), '(1)')
    >>> parse_cell("n/m") is None, parse_cell("Revenue") is None, parse_cell("") is None
    (True, True, True)
    >>> parse_cell("RMB 1,234.5").currency, parse_cell("€12.0").decimals
    ('RMB', 1)
    """
    t = text.strip().replace("\u00a0", " ")
    if not t or t.lower() in EMPTY_WORDS:
        return None
    if _PLAIN.fullmatch(t):
        # half the cells are digits alone ("1,234", "56.7"): read without the whole cell pattern
        num = t.replace(",", "")
        return CellValue(Decimal(num), len(num.split(".")[1]) if "." in num else 0)
    m = _CELL.match(t)
    if m is None:
        if _DASH_CELL.match(t):
            return CellValue(Decimal(0), 0, percent=t.endswith("%"), currency=_cur_of(t), dash=True)
        return None
    open1, cur, open2, sign, num, close1, pct, close2, pct2, note = m.groups()
    opened = bool(open1 or open2)
    closed = bool(close1 or close2)
    if opened != closed:
        return None
    num = num.replace(",", "")
    value = Decimal(num)
    decimals = len(num.split(".")[1]) if "." in num else 0
    if opened or sign in ("-", "−"):
        value = -value
    return CellValue(value, decimals, percent=bool(pct or pct2), currency=cur, note=note)


def _cur_of(text: str) -> str | None:
    m = fastre.search(CURRENCY_SIGNS, text)
    return m.group(0) if m else None


def is_year(text: str) -> bool:
    """A column heading that is a bare year.

    >>> is_year("2024"), is_year("2,024"), is_year("1850")
    (True, False, False)
    """
    t = text.strip()
    return len(t) == 4 and YEAR.match(t) is not None  # (most cells are no four characters)


def stream_cells(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the numeric cells (and dash cells) in a stretch of running text, in order.

    >>> t = "Revenues $ 47,004 $ 70,764Cost of goods sold 49,044 69,900 Gross (2,040) 864 Tax 12,300 - x"
    >>> [t[a:b] for a, b in stream_cells(t)]
    ['$ 47,004', '$ 70,764', '49,044', '69,900', '(2,040)', '864', '12,300', '-']
    >>> t = "Certificates of deposit - Retail 397,338 440,612 Brokered - -"
    >>> [t[a:b] for a, b in stream_cells(t)]
    ['397,338', '440,612', '-', '-']
    >>> t = "as of September 30, 2024 and 3/31/24 and 30-89 days: Loss (1,688  ) 16 -4955.5%"
    >>> [t[a:b] for a, b in stream_cells(t)]
    ['2024', '(1,688  )', '16', '-4955.5%']
    """
    end = len(text) if end is None else end
    spans = [(m.start(), m.end()) for m in STREAM_CELL.finditer(text, start, end)]
    # a dash between two words of a line is a hyphen of a label ("Certificates of deposit - Retail")
    spans += [(m.start(), m.end()) for m in STREAM_DASH.finditer(text, start, end)
              if not (_WORD_BEFORE.search(text, max(0, m.start() - 4), m.start()) and _WORD_AFTER.match(text, m.end()))]
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out
