"""Rounding-aware interval arithmetic, in one place.

A figure stated with ``decimals = d`` stands for every value that rounds to it:
``[v - ½·10^-d, v + ½·10^-d]`` (XBRL Calculations 1.1). Qualifiers change the interval:
"approximately" widens it, "more than" makes it one-sided, "nearly" puts it just below.
All arithmetic is exact ``Decimal``; ``None`` bounds are infinite.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

APPROX = Decimal("0.05")  # "approximately": within 5%
NEARLY = Decimal("0.10")  # "nearly": up to 10% below
WORDS_TOLERANCE = Decimal("0.005")  # figures in words state no precision: allow 0.5%
NEARLY_WORDS = {"nearly", "almost", "close to", "just under", "just below"}


@dataclass(frozen=True)
class Interval:
    """A closed interval; ``None`` for an unbounded side.

    >>> Interval(Decimal(1), Decimal(2)) + Interval(Decimal(3), Decimal(4))
    Interval(lo=Decimal('4'), hi=Decimal('6'))
    >>> Interval(Decimal("9.95"), Decimal("10.05")).overlaps(Interval(Decimal("10.05"), Decimal("10.15")))
    True
    """

    lo: Decimal | None
    hi: Decimal | None

    def __add__(self, other: Interval) -> Interval:
        return Interval(_add(self.lo, other.lo), _add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_sub(self.lo, other.hi), _sub(self.hi, other.lo))

    def __mul__(self, other: Interval) -> Interval:
        if None in (self.lo, self.hi, other.lo, other.hi):
            return Interval(None, None)
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]  # type: ignore[operator]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if None in (other.lo, other.hi) or other.lo <= 0 <= other.hi:  # type: ignore[operator]
            return Interval(None, None)
        if None in (self.lo, self.hi):
            return Interval(None, None)
        quotients = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]  # type: ignore[operator]
        return Interval(min(quotients), max(quotients))

    def scale(self, k: Decimal) -> Interval:
        return self * Interval(k, k)

    def overlaps(self, other: Interval) -> bool:
        """Whether some value lies in both (the figures can be reconciled)."""
        if self.hi is not None and other.lo is not None and self.hi < other.lo:
            return False
        if other.hi is not None and self.lo is not None and other.hi < self.lo:
            return False
        return True

    def below(self, other: Interval) -> bool:
        """Whether some value of self can be at most some value of other (self <= other possible)."""
        return self.lo is None or other.hi is None or self.lo <= other.hi

    def __str__(self) -> str:
        """
        >>> str(Interval(None, Decimal(5))), str(Interval(Decimal(1), None))
        ('[-∞, 5]', '[1, ∞]')
        """
        return f"[{'-∞' if self.lo is None else fmt(self.lo)}, {fmt(self.hi)}]"


def magnitude(iv: Interval) -> Interval:
    """The interval of the absolute values of a negative interval (others as they are)."""
    if iv.lo is not None and iv.hi is not None and iv.hi < 0:
        return Interval(-iv.hi, -iv.lo)
    return iv


def far_apart(a: Interval, b: Interval, factor: Decimal) -> bool:
    """Whether two figures, by magnitude, are more than ``factor`` times apart: a share off its part
    over the whole that many times is of another whole, an amount that far from another of a scale
    not read.

    >>> far_apart(Interval(Decimal(200), Decimal(210)), Interval(Decimal(1), Decimal(2)), Decimal(20))
    True
    """
    x, y = magnitude(a), magnitude(b)
    if None in (x.lo, x.hi, y.lo, y.hi) or x.lo <= 0 or y.lo <= 0:  # type: ignore[operator]
        return False
    return x.lo > y.hi * factor or y.lo > x.hi * factor  # type: ignore[operator]


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def _sub(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def fmt(d: Decimal | None) -> str:
    """Short human form of a bound.

    >>> fmt(Decimal("271000000000")), fmt(Decimal("0.45")), fmt(None)
    ('271,000,000,000', '0.45', '∞')
    """
    if d is None:
        return "∞"
    q = d.quantize(Decimal("0.0001")).normalize()
    text = format(q, ",f")
    return text


def half_unit(decimals: int | None, value: Decimal) -> Decimal:
    """Half a unit in the last stated place (0.5% of the value when nothing was stated)."""
    if decimals is None:
        return abs(value) * WORDS_TOLERANCE
    return Decimal(5) * Decimal(10) ** (-decimals - 1)


def of_value(value: Decimal, decimals: int | None, qualifier: str | None = None,
             qualifier_text: str | None = None) -> Interval:
    """The interval a stated figure stands for.

    >>> print(of_value(Decimal("271000000000"), -8))
    [270,950,000,000, 271,050,000,000]
    >>> print(of_value(Decimal("19"), 0, "more_than"))
    [18.5, ∞]
    >>> print(of_value(Decimal("40"), 0, "approximately", "nearly"))
    [36, 40.5]
    """
    half = half_unit(decimals, value)
    lo, hi = value - half, value + half
    text = (qualifier_text or "").lower()
    if qualifier == "approximately":
        if text in NEARLY_WORDS:
            return Interval(value - abs(value) * NEARLY, hi)
        spread = abs(value) * APPROX
        return Interval(lo - spread, hi + spread)
    if qualifier in ("more_than", "at_least"):
        return Interval(lo, None)
    if qualifier in ("less_than", "at_most"):
        return Interval(None, hi)
    return Interval(lo, hi)


def of_mention(m: Any) -> Interval | None:
    """The interval of a money, percent or count mention (ranges span low..high)."""
    decimals = getattr(m, "decimals", None)
    if getattr(m, "value", None) is not None:
        return of_value(m.value, decimals, m.qualifier, m.qualifier_text)
    if getattr(m, "low", None) is not None and getattr(m, "high", None) is not None:
        lo = of_value(m.low, decimals)
        hi = of_value(m.high, decimals)
        return Interval(lo.lo, hi.hi)
    return None
