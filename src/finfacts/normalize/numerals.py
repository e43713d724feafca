"""Pure parsers for the numbers inside a mention. Doctests are the spec."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import regex

# Western (1,234,567.89) and Indian (12,34,567.89) grouping, or none; optional sign.
_DIGITS = regex.compile(
    r"""^(?P<sign>[-+\u2212\u2013\u2014]?)
        (?P<int>\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)?
        (?:\.(?P<frac>\d+))?$""",
    regex.VERBOSE,
)

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25"),
              "halves": Decimal("0.5")}
_BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
        "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}


class Number(NamedTuple):
    """A parsed number and the decimals its text states (XBRL sense)."""

    value: Decimal
    decimals: int


def parse_digits(text: str) -> Number | None:
    """Parse a number written in digits; ``None`` if the text is not one.

    >>> parse_digits("271.0")
    Number(value=Decimal('271.0'), decimals=1)
    >>> parse_digits("4,213")
    Number(value=Decimal('4213'), decimals=0)
    >>> parse_digits("2,35,000").value, parse_digits("-4.9").value, parse_digits("\u22124.9").value
    (Decimal('235000'), Decimal('-4.9'), Decimal('-4.9'))
    >>> parse_digits("11th") is None, parse_digits("1,23") is None, parse_digits("") is None
    (True, True, True)
    """
    if len(text) > 64:
        return None
    m = _DIGITS.match(text)
    if m is None or (m.group("int") is None and m.group("frac") is None):
        return None
    int_part = (m.group("int") or "0").replace(",", "")
    frac = m.group("frac") or ""
    try:
        value = Decimal(f"{int_part}.{frac}" if frac else int_part)
    except InvalidOperation:
        return None
    if m.group("sign") and m.group("sign") != "+":
        value = -value
    return Number(value, len(frac))


def parse_words(words: list[str]) -> Number | None:
    """Parse English number words (already split, lower case, hyphens as their own items).

    >>> parse_words(["five", "million"])
    Number(value=Decimal('5000000'), decimals=-6)
    >>> parse_words(["one", "hundred", "and", "two"]).value
    Decimal('102')
    >>> parse_words(["thirteen"]).value, parse_words(["forty", "-", "five"]).value
    (Decimal('13'), Decimal('45'))
    >>> parse_words(["half", "a", "billion"])
    Number(value=Decimal('500000000.0'), decimals=-8)
    >>> parse_words(["three", "quarters", "billion"]).value
    Decimal('750000000.00')
    >>> parse_words(["a"]).value, parse_words(["and"]) is None
    (Decimal('1'), True)
    """
    words = [w for w in words if w not in ("-", "and")]
    if not words:
        return None
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    fraction: Decimal | None = None
    last_big = 0
    for w in words:
        if w in _UNITS:
            if w in ("a", "an") and seen:
                continue  # "half a billion", "a hundred and a half"
            current += _UNITS[w]
            seen = True
        elif w in _FRACTIONS:
            frac = _FRACTIONS[w]
            fraction = (current or Decimal(1)) * frac if w in ("quarters", "halves") else frac
            current = Decimal(0)
            seen = True
        elif w == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif w in _BIG:
            big = _BIG[w]
            base = current
            if fraction is not None:
                base += fraction
                fraction = None
            total += (base or Decimal(1)) * big
            current = Decimal(0)
            last_big = big
            seen = True
        else:
            return None
    if not seen:
        return None
    if fraction is not None:
        current += fraction
    value = total + current
    decimals = 0
    if last_big and current == 0:
        exponent = len(str(last_big)) - 1
        frac_digits = max(0, -((value / last_big).normalize().as_tuple().exponent))  # type: ignore[operator]
        decimals = int(frac_digits) - exponent
    return Number(value, decimals)


def apply_scale(number: Number, multiplier: Decimal) -> Number:
    """Scale a number, carrying the stated precision along.

    >>> apply_scale(Number(Decimal("271.0"), 1), Decimal(10**9))
    Number(value=Decimal('271000000000.0'), decimals=-8)
    """
    exponent = len(str(int(multiplier))) - 1 if multiplier >= 1 else -len(str(multiplier).split(".")[1])
    return Number(number.value * multiplier, number.decimals - exponent)
